"""`nlclean learn` and the template rule (NL701), through the real CLI.

A folder of invented newsletters (three senders, five issues each) is learned;
what each sender repeats — its footer, its ask, its house promotion — goes,
and what it repeats as structure — its rubric, its byline — stays.
"""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nlclean.templates import learn, read_issue, sender_of

SENDERS = {
    "harbour-notes": "Harbour Notes",
    "orchard-letter": "The Orchard Letter",
    "signal-box": "Signal Box",
}
WORDS = ("ferry council tide budget harbour lamp school bridge market orchard frost cider signal train "
         "timetable depot river mill festival library museum mayor vote clinic bakery storm pier canal").split()


def story(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def issue(sender: str, number: int) -> str:
    """One issue: front matter, a heading, a byline and a rubric (structure that
    recurs), two stories (news: never the same twice), and the sender's template:
    a house promotion, an ask to share, a footer with an unsubscribe link."""
    rng = random.Random(f"{sender}-{number}")
    name = SENDERS[sender]
    return (
        f"---\nnewsletter: {sender}\nnewsletter_name: \"{name}\"\nid: {sender}-{number}\n---\n\n"
        f"# {name}, issue {number}\n\n"
        f"By Morgan Vale\n\n"
        f"**Around the quay**\n\n"
        f"{story(rng, 30)} {story(rng, 24)}\n\n"
        f"{story(rng, 28)}\n\n"
        f"Our winter almanac is back in the shop, signed by the whole crew and wrapped for posting.\n\n"
        f"If this letter was useful, forward it to a friend who likes {name} as much as you do.\n\n"
        f"You are receiving this because you signed up at the quay. "
        f"[Unsubscribe](https://{sender}.example/unsubscribe?u=12{number}) or "
        f"[manage your preferences](https://{sender}.example/prefs).\n"
    )


PROMO = "Our winter almanac is back in the shop"
ASK = "forward it to a friend"
FOOTER = "You are receiving this because"
STRUCTURE = ("By Morgan Vale", "**Around the quay**")


def nlclean(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlclean", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """news/<sender>/<n>.md, five issues of each sender."""
    for sender in SENDERS:
        folder = tmp_path / "news" / sender
        folder.mkdir(parents=True)
        for n in range(1, 6):
            (folder / f"{n}.md").write_text(issue(sender, n), encoding="utf-8")
    return tmp_path


def learned(archive: Path, *extra: str) -> dict:
    r = nlclean("learn", "news", "-o", "templates.json", *extra, cwd=archive)
    assert r.returncode == 0, r.stderr
    return json.loads((archive / "templates.json").read_text(encoding="utf-8"))


def test_learn_records_each_senders_template_and_not_its_news_or_structure(archive):
    data = learned(archive)
    assert set(data["senders"]) == set(SENDERS)
    for sender, entry in data["senders"].items():
        assert entry["name"] == SENDERS[sender]
        assert len(entry["issues"]) == 5
        samples = {b["sample"]: b for b in entry["blocks"].values()}
        templates = [s for s, b in samples.items() if b["decision"] == "template"]
        assert any(s.startswith(PROMO) for s in templates)
        assert any(ASK in s for s in templates)
        assert any(s.startswith(FOOTER) for s in templates)
        assert len(templates) == 3, templates  # stories never recur; the byline and rubric are structure
        assert all(len(b["seen_in"]) == 5 for b in samples.values())


def test_the_file_is_the_same_byte_for_byte_across_runs_and_file_order(archive, tmp_path):
    first = nlclean("learn", "news", "-o", "a.json", cwd=archive)
    assert first.returncode == 0, first.stderr
    # The same issues under other names, so the walk meets them in the opposite order.
    mirror = archive / "mirror"
    for src in sorted((archive / "news").rglob("*.md")):
        dest = mirror / src.parent.name / f"{9 - int(src.stem)}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dest)
    second = nlclean("learn", "mirror", "-o", "b.json", cwd=archive)
    assert second.returncode == 0, second.stderr
    third = nlclean("learn", "news", "-o", "c.json", cwd=archive)
    a, b, c = ((archive / n).read_bytes() for n in ("a.json", "b.json", "c.json"))
    assert a == b == c


def test_fix_removes_the_template_and_keeps_news_and_structure(archive):
    learned(archive)
    r = nlclean("fix", "--unsafe-fixes", "--templates", "templates.json", "news", cwd=archive)
    assert r.returncode == 0, r.stderr
    for path in (archive / "news").rglob("*.md"):
        sender, n = path.parent.name, int(path.stem)
        text = path.read_text(encoding="utf-8")
        for noise in (PROMO, ASK, FOOTER):
            assert noise not in text, (path, noise)
        for kept in STRUCTURE:
            assert kept in text, (path, kept)
        rng = random.Random(f"{sender}-{n}")
        assert story(rng, 30) in text


def test_safe_fixes_take_only_the_template_with_other_evidence(archive):
    learned(archive)
    r = nlclean("fix", "--templates", "templates.json", "news", cwd=archive)
    assert r.returncode == 0, r.stderr
    text = (archive / "news" / "signal-box" / "3.md").read_text(encoding="utf-8")
    assert FOOTER not in text  # recurring, and a footer with an unsubscribe link
    assert PROMO in text  # recurring only: a judgement, left to --unsafe-fixes
    lint = nlclean("lint", "--templates", "templates.json", "--select", "NL701", "--output-format", "json",
                   "news/signal-box/3.md", cwd=archive)
    findings = json.loads(lint.stdout)
    promo = [f for f in findings if PROMO[:20] in f["message"]]
    assert promo and promo[0]["fix"]["applicability"] == "unsafe"
    assert "recurs in 5 of 5 issues of Signal Box" in promo[0]["message"]


def test_a_new_issue_cleaned_on_its_own_loses_its_template_blocks(archive):
    learned(archive)
    sixth = issue("orchard-letter", 6)
    r = nlclean("fix", "--unsafe-fixes", "--templates", "templates.json", "-", cwd=archive, stdin=sixth)
    assert r.returncode == 0, r.stderr
    for noise in (PROMO, ASK, FOOTER):
        assert noise not in r.stdout
    assert "By Morgan Vale" in r.stdout
    assert story(random.Random("orchard-letter-6"), 30) in r.stdout


def test_the_default_file_beside_the_configuration_is_read(archive):
    (archive / "nlclean.toml").write_text("unsafe-fixes = true\n", encoding="utf-8")
    r = nlclean("learn", "news", cwd=archive)  # writes beside the configuration
    assert r.returncode == 0, r.stderr
    assert (archive / "nlclean-templates.json").is_file()
    r = nlclean("fix", "news/harbour-notes/2.md", cwd=archive)
    assert r.returncode == 0, r.stderr
    assert PROMO not in (archive / "news" / "harbour-notes" / "2.md").read_text(encoding="utf-8")


def test_the_templates_setting_names_the_file(archive):
    learned(archive)
    (archive / "nlclean.toml").write_text('templates = "templates.json"\nunsafe-fixes = true\n', encoding="utf-8")
    r = nlclean("fix", "news/harbour-notes/2.md", cwd=archive)
    assert r.returncode == 0, r.stderr
    assert PROMO not in (archive / "news" / "harbour-notes" / "2.md").read_text(encoding="utf-8")


def test_a_decision_set_by_hand_is_obeyed_and_survives_learning_again(archive):
    data = learned(archive)
    entry = data["senders"]["harbour-notes"]
    promo_fp = next(fp for fp, b in entry["blocks"].items() if b["sample"].startswith(PROMO))
    entry["blocks"][promo_fp]["decision"] = "keep"
    (archive / "templates.json").write_text(json.dumps(data), encoding="utf-8")
    again = learned(archive)
    assert again["senders"]["harbour-notes"]["blocks"][promo_fp]["decision"] == "keep"
    r = nlclean("fix", "--unsafe-fixes", "--templates", "templates.json", "news", cwd=archive)
    assert r.returncode == 0, r.stderr
    assert PROMO in (archive / "news" / "harbour-notes" / "1.md").read_text(encoding="utf-8")
    assert PROMO not in (archive / "news" / "signal-box" / "1.md").read_text(encoding="utf-8")


def test_learning_in_two_runs_merges_the_counts(archive):
    early = archive / "early"
    for sender in SENDERS:
        for n in (4, 5):
            src = archive / "news" / sender / f"{n}.md"
            dest = early / sender / src.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(src, dest)
    assert nlclean("learn", "news", "-o", "templates.json", cwd=archive).returncode == 0
    assert nlclean("learn", "early", "-o", "templates.json", cwd=archive).returncode == 0
    data = json.loads((archive / "templates.json").read_text(encoding="utf-8"))
    footer = next(b for b in data["senders"]["signal-box"]["blocks"].values() if b["sample"].startswith(FOOTER))
    assert len(footer["seen_in"]) == 5 and len(data["senders"]["signal-box"]["issues"]) == 5


@pytest.mark.parametrize("content, says", [
    (None, "cannot read templates file"),
    ("{not json", "not valid JSON"),
    ('{"nlclean-templates": 1, "senders": {"x": {"issues": "a"}}}', "needs 'issues'"),
    ('{"senders": {}}', "not an nlclean templates file"),
])
def test_a_bad_templates_file_is_one_clear_error(archive, content, says):
    path = archive / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    before = (archive / "news" / "signal-box" / "1.md").read_bytes()
    for command in (["fix"], ["lint"]):
        r = nlclean(*command, "--templates", "bad.json", "news", cwd=archive)
        assert r.returncode == 2, (command, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and says in lines[0] and "bad.json" in lines[0], r.stderr
        assert "Traceback" not in r.stderr
    assert (archive / "news" / "signal-box" / "1.md").read_bytes() == before
    if content is not None:
        r = nlclean("learn", "news", "-o", "bad.json", cwd=archive)  # never silently replaced
        assert r.returncode == 2 and says in r.stderr
        assert path.read_text(encoding="utf-8") == content


def test_who_sent_it_in_the_documented_order(tmp_path):
    fm = "---\nnewsletter: acme-weekly\nfrom: news@acme.example\n---\n\nHello\n"
    assert sender_of(fm).key == "acme-weekly"
    assert sender_of("---\nfrom: news@acme.example\n---\n\nHello\n").key == "news@acme.example"
    archived = "# Title\n\n**From:** \"Acme Weekly\" <News@Acme.example>\n**Date:** today\n\nHello\n"
    assert sender_of(archived) == type(sender_of(archived))("news@acme.example", "Acme Weekly")
    assert sender_of("From: Acme Weekly <news@acme.example>\nSubject: hi\n\nHello\n").key == "news@acme.example"
    assert sender_of("Hello\n", tmp_path / "acme" / "1.md").key == "acme"
    assert sender_of("Hello\n") is None


def test_learning_is_deterministic_in_the_api_too():
    issues = [read_issue(issue(s, n), "markdown", None) for s in SENDERS for n in range(1, 6)]
    a = learn(issues).to_json()
    b = learn(list(reversed(issues))).to_json()
    assert a == b
