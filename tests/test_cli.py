"""The real `nlclean` command, run in subprocesses on files in a temporary folder.

Every newsletter here is invented for the test. What a command should print is
worked out from the text (or from the Python API on the same text), never
pasted in from an earlier run.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import nlclean
from nlclean.api import fix as api_fix
from nlclean.cli.main import main
from nlclean.rules import RULES

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_EX1 = SHARED / "corpus" / "dev" / "bytebytego-seed-ex1" / "input.md"

NOISY = """# Issue 1

A story about caches.

## Faster builds with Quillstack (Sponsored)

Quillstack caches every step. [Try it](https://quillstack.example)

## The story

Plans cost $5 a month.
"""
CLEAN = "# Issue 1\n\nA story about caches.\n"
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety")


def nlclean_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nlclean.cli.main", *args],
        cwd=cwd, input=stdin, capture_output=True, timeout=120,
    )


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def codes_in_json(proc: subprocess.CompletedProcess) -> list[str]:
    return [row["code"] for row in json.loads(proc.stdout)]


def expected_codes(text: str, **kwargs) -> list[str]:
    return sorted(f.code for f in nlclean.lint(text, **kwargs))


# --- lint: exit codes -----------------------------------------------------------

def test_lint_exits_0_on_a_clean_file(tmp_path):
    write(tmp_path, "clean.md", CLEAN)
    proc = nlclean_cli("lint", "clean.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""


def test_lint_exits_1_when_it_finds_something(tmp_path):
    write(tmp_path, "noisy.md", NOISY)
    proc = nlclean_cli("lint", "noisy.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert b"NL101" in proc.stdout


def test_lint_exits_2_on_a_missing_path(tmp_path):
    proc = nlclean_cli("lint", "nowhere.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"nowhere.md" in proc.stderr


def test_lint_refuses_a_file_that_is_not_utf8_and_leaves_it(tmp_path):
    data = "Caf\u00e9 prices: $5\n".encode("latin-1")
    path = write(tmp_path, "latin1.md", data)
    for command in ("lint", "fix"):
        proc = nlclean_cli(command, "latin1.md", cwd=tmp_path)
        assert proc.returncode == 2, command
        assert b"UTF-8" in proc.stderr
        assert path.read_bytes() == data


def test_lint_refuses_a_binary_file(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    path = write(tmp_path, "image.md", data)
    proc = nlclean_cli("fix", "image.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"binary" in proc.stderr
    assert path.read_bytes() == data


def test_an_empty_file_is_a_no_op(tmp_path):
    path = write(tmp_path, "empty.md", b"")
    lint = nlclean_cli("lint", "empty.md", cwd=tmp_path)
    assert lint.returncode == 0 and lint.stdout == b""
    fix = nlclean_cli("fix", "empty.md", cwd=tmp_path)
    assert fix.returncode == 0
    assert path.read_bytes() == b""


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, "bad.md", b"\xff\xfe bad")
    good = write(tmp_path, "good.md", NOISY)
    proc = nlclean_cli("fix", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert good.read_text(encoding="utf-8") == nlclean.clean(NOISY)


# --- lint: output formats ---------------------------------------------------------

@pytest.fixture
def noisy_file(tmp_path) -> Path:
    return write(tmp_path, "noisy.md", NOISY)


def test_full_output_shows_the_source_and_the_fix(noisy_file):
    proc = nlclean_cli("lint", "--output-format", "full", "--color", "never", "noisy.md", cwd=noisy_file.parent)
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "noisy.md:5:1: NL101" in out
    assert "## Faster builds with Quillstack (Sponsored)" in out  # the snippet
    assert "help:" in out
    assert re.search(r"Found \d+ issues? in 1 of 1 file", proc.stderr.decode())


def test_concise_output_is_one_line_per_finding(noisy_file):
    proc = nlclean_cli("lint", "--output-format", "concise", "noisy.md", cwd=noisy_file.parent)
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == len(nlclean.lint(NOISY))
    for line in lines:
        assert re.fullmatch(r"noisy\.md:\d+:\d+: NL\d{3}( \[\*\])? .+", line), line


def test_json_output_parses(noisy_file):
    proc = nlclean_cli("lint", "--output-format", "json", "noisy.md", cwd=noisy_file.parent)
    rows = json.loads(proc.stdout)
    assert sorted(r["code"] for r in rows) == expected_codes(NOISY)
    assert all(r["filename"] == "noisy.md" and r["location"]["line"] >= 1 for r in rows)


def test_sarif_output_is_sarif_2_1_0(noisy_file):
    proc = nlclean_cli("lint", "--output-format", "sarif", "noisy.md", cwd=noisy_file.parent)
    doc = json.loads(proc.stdout)
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "nlclean"
    assert sorted(r["ruleId"] for r in run["results"]) == expected_codes(NOISY)
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(expected_codes(NOISY))


def test_github_output_is_workflow_commands(noisy_file):
    proc = nlclean_cli("lint", "--output-format", "github", "noisy.md", cwd=noisy_file.parent)
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == len(nlclean.lint(NOISY))
    assert all(line.startswith("::") and "file=noisy.md" in line for line in lines)


def test_statistics_count_findings_per_rule(noisy_file):
    proc = nlclean_cli("lint", "--statistics", "noisy.md", cwd=noisy_file.parent)
    counted = {}
    for line in proc.stdout.decode().splitlines():
        m = re.fullmatch(r"\s*(\d+)\s+(NL\d{3})\s+.*", line)
        assert m, line
        counted[m.group(2)] = int(m.group(1))
    expected: dict[str, int] = {}
    for code in expected_codes(NOISY):
        expected[code] = expected.get(code, 0) + 1
    assert counted == expected


# --- rule selection and configuration -------------------------------------------------

@pytest.mark.parametrize("selector", ["NL101", "NL1", "sponsor-block"])
def test_select_by_code_prefix_or_name(noisy_file, selector):
    proc = nlclean_cli("lint", "--output-format", "json", "--select", selector, "noisy.md", cwd=noisy_file.parent)
    assert codes_in_json(proc) == expected_codes(NOISY, select=[selector])
    assert "NL101" in codes_in_json(proc)
    assert "NL502" not in codes_in_json(proc)


@pytest.mark.parametrize("selector", ["NL502", "NL5", "unescaped-dollar"])
def test_ignore_by_code_prefix_or_name(noisy_file, selector):
    proc = nlclean_cli("lint", "--output-format", "json", "--ignore", selector, "noisy.md", cwd=noisy_file.parent)
    codes = codes_in_json(proc)
    assert "NL502" not in codes and "NL101" in codes


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_is_a_one_line_usage_error(noisy_file, option):
    proc = nlclean_cli("lint", option, "NL999,no-such-rule", "noisy.md", cwd=noisy_file.parent)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert len(err.splitlines()) == 1, err
    assert "NL999" in err or "no-such-rule" in err
    assert proc.stdout == b""


def test_config_is_discovered_from_nlclean_toml(tmp_path):
    write(tmp_path, "nlclean.toml", 'select = ["NL502"]\n')
    sub = tmp_path / "issues"
    sub.mkdir()
    write(sub, "noisy.md", NOISY)
    proc = nlclean_cli("lint", "--output-format", "json", "issues/noisy.md", cwd=tmp_path)
    assert codes_in_json(proc) == ["NL502"]


def test_config_is_discovered_from_pyproject_tool_table(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.nlclean]\nignore = ["sponsor-block"]\n')
    write(tmp_path, "noisy.md", NOISY)
    proc = nlclean_cli("lint", "--output-format", "json", "noisy.md", cwd=tmp_path)
    codes = codes_in_json(proc)
    assert "NL101" not in codes and "NL502" in codes


def test_command_line_overrides_the_config(tmp_path):
    write(tmp_path, "nlclean.toml", 'select = ["NL502"]\n')
    write(tmp_path, "noisy.md", NOISY)
    proc = nlclean_cli("lint", "--output-format", "json", "--select", "NL101", "noisy.md", cwd=tmp_path)
    assert codes_in_json(proc) == ["NL101"]


def test_a_broken_config_is_a_usage_error(tmp_path):
    write(tmp_path, "nlclean.toml", 'select = [\n')
    write(tmp_path, "noisy.md", NOISY)
    proc = nlclean_cli("lint", "noisy.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"nlclean.toml" in proc.stderr


# --- fix -------------------------------------------------------------------------

def _summary(stderr: bytes) -> tuple[str, int, int]:
    m = re.search(r"(Fixed|Would fix) (\d+) issues? in (\d+) files?", stderr.decode())
    assert m, stderr
    return m.group(1), int(m.group(2)), int(m.group(3))


def test_fix_rewrites_the_file_and_reports_a_summary(tmp_path):
    path = write(tmp_path, "noisy.md", NOISY)
    write(tmp_path, "clean.md", CLEAN)
    proc = nlclean_cli("fix", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == nlclean.clean(NOISY)
    assert path.read_text(encoding="utf-8") != NOISY
    assert _summary(proc.stderr) == ("Fixed", len(api_fix(NOISY).applied), 1)
    again = nlclean_cli("fix", ".", cwd=tmp_path)
    assert _summary(again.stderr) == ("Fixed", 0, 0)


def test_fix_keeps_crlf_and_bom(tmp_path):
    original = ("\ufeff" + NOISY.replace("\n", "\r\n")).encode("utf-8")
    path = write(tmp_path, "windows.md", original)
    proc = nlclean_cli("fix", "windows.md", cwd=tmp_path)
    assert proc.returncode == 0
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))
    assert data.count(b"\r\n") == data.count(b"\n") > 0
    assert data.decode("utf-8") == "\ufeff" + nlclean.clean(NOISY).replace("\n", "\r\n")


def test_fix_diff_prints_a_diff_writes_nothing_and_exits_1(tmp_path):
    path = write(tmp_path, "noisy.md", NOISY)
    proc = nlclean_cli("fix", "--diff", "noisy.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert path.read_text(encoding="utf-8") == NOISY
    out = proc.stdout.decode()
    assert "--- a/noisy.md" in out and "+++ b/noisy.md" in out
    assert "-## Faster builds with Quillstack (Sponsored)" in out
    assert _summary(proc.stderr)[0] == "Would fix"


def test_fix_diff_on_a_clean_file_exits_0_silently(tmp_path):
    write(tmp_path, "clean.md", CLEAN)
    proc = nlclean_cli("fix", "--diff", "clean.md", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == b""


def test_fix_check_exits_1_and_writes_nothing(tmp_path):
    path = write(tmp_path, "noisy.md", NOISY)
    write(tmp_path, "clean.md", CLEAN)
    proc = nlclean_cli("fix", "--check", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert path.read_text(encoding="utf-8") == NOISY
    assert b"noisy.md" in proc.stderr and b"clean.md" not in proc.stderr
    assert nlclean_cli("fix", "--check", "clean.md", cwd=tmp_path).returncode == 0


def test_fix_from_stdin_writes_the_clean_text_to_stdout(tmp_path):
    proc = nlclean_cli("fix", "--stdin-filename", "input.md", "-", cwd=tmp_path, stdin=NOISY.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == nlclean.clean(NOISY)
    assert _summary(proc.stderr) == ("Fixed", len(api_fix(NOISY).applied), 1)
    assert list(tmp_path.iterdir()) == []


def test_stdin_filename_picks_the_text_format(tmp_path):
    text = "Plans cost $5.\n\nTom&amp;Jerry\n"
    proc = nlclean_cli("fix", "--stdin-filename", "letter.txt", "-", cwd=tmp_path, stdin=text.encode())
    assert proc.stdout.decode() == nlclean.clean(text, format="text")
    assert "\\$" not in proc.stdout.decode()  # nothing to escape in plain text


def test_unsafe_fixes_apply_only_when_asked(tmp_path):
    promo = ("# Issue 5\n\nA story.\n\n## Ship 10x faster with Rocketdeck\n\n"
             "Rocketdeck automates deploys. Rocketdeck plans start at $9.\n"
             "Use code SHIP20 and book a demo with Rocketdeck today.\n")
    path = write(tmp_path, "promo.md", promo)
    nlclean_cli("fix", "--select", "NL103", "promo.md", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == promo
    nlclean_cli("fix", "--select", "NL103", "--unsafe-fixes", "promo.md", cwd=tmp_path)
    assert "Rocketdeck" not in path.read_text(encoding="utf-8")


# --- rules and rule -------------------------------------------------------------------

def test_rules_lists_every_rule():
    proc = nlclean_cli("rules", "--output-format", "json")
    listed = json.loads(proc.stdout)
    assert [r["code"] for r in listed] == [r.code for r in RULES]
    table = nlclean_cli("rules").stdout.decode()
    assert all(r.code in table for r in RULES)


def test_rule_prints_its_documentation():
    proc = nlclean_cli("rule", "NL101")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert out.startswith("NL101 sponsor-block")
    for section in DOC_SECTIONS:
        assert f"## {section}" in out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_documents_the_sections(rule, capsys):
    for key in (rule.code, rule.code.lower(), rule.name):
        assert main(["rule", key]) == 0
        out = capsys.readouterr().out
        for section in DOC_SECTIONS:
            assert re.search(rf"^#+ {re.escape(section)}\s*$", out, re.M), f"{rule.code}: no '{section}' in {key}"


def test_rule_unknown_exits_2():
    proc = nlclean_cli("rule", "NL999")
    assert proc.returncode == 2
    assert len(proc.stderr.decode().splitlines()) == 1


# --- the check on the first seed example -------------------------------------------

def _line_of(lines: list[str], predicate) -> list[int]:
    return [i for i, line in enumerate(lines, start=1) if predicate(line)]


def test_seed_example_1_reports_every_noise_block_at_its_own_line():
    if not SEED_EX1.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    lines = SEED_EX1.read_text(encoding="utf-8").split("\n")
    icon = re.compile(r"icon%2F(?:Lucide\w+|NoteForwardIcon)")
    wanted = {
        "NL101": _line_of(lines, lambda s: s.startswith("## ") and "(Sponsored)" in s),
        "NL102": _line_of(lines, lambda s: s.startswith("#") and "SPONSOR US" in s),
        "NL203": _line_of(lines, lambda s: s.startswith("[![") and icon.search(s) and "READ IN APP" not in s),
        "NL204": _line_of(lines, lambda s: "READ IN APP" in s),
        "NL201": _line_of(lines, lambda s: s.startswith(("Forwarded this email?", "[Unsubscribe]("))),
        "NL206": _line_of(lines, lambda s: s.strip() and not s.replace("\u034f", "").strip()),
        "NL202": _line_of(lines, lambda s: s.startswith("![](") and "/open?token=" in s),
    }
    assert len(wanted["NL101"]) == 2 and len(wanted["NL203"]) >= 6 and len(wanted["NL201"]) == 2
    assert all(wanted.values()), wanted
    proc = nlclean_cli("lint", "--output-format", "concise", str(SEED_EX1))
    assert proc.returncode == 1
    reported = set()
    for line in proc.stdout.decode().splitlines():
        m = re.match(r".*:(\d+):\d+: (NL\d{3})", line)
        assert m, line
        reported.add((m.group(2), int(m.group(1))))
    missing = {(code, n) for code, numbers in wanted.items() for n in numbers} - reported
    assert not missing, f"not reported at their own lines: {sorted(missing)}"


def test_fix_leaves_no_bare_list_marker_that_would_turn_the_paragraph_above_into_a_heading(tmp_path):
    # The icon goes from its item, and the item's text runs on on the next line:
    # a `-` left alone under the paragraph would make that paragraph a heading.
    page = tmp_path / "issue.md"
    page.write_text(
        "# Weekly\n\n"
        "A paragraph of the story goes here\n"
        "- [](https://twitter.com/intent/tweet?url=https://weekly.example/1)\n"
        "and the item goes on here with words\n\n"
        "More story.\n",
        encoding="utf-8",
    )
    proc = nlclean_cli("fix", str(page), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    fixed = page.read_text(encoding="utf-8")
    assert "twitter.com" not in fixed
    assert not any(line.strip() == "-" for line in fixed.splitlines()), fixed
    assert "A paragraph of the story goes here" in fixed and "and the item goes on here with words" in fixed
    # Read back by CommonMark, the title is the only heading.
    from markdown_it import MarkdownIt

    headings = [t for t in MarkdownIt("commonmark").parse(fixed) if t.type == "heading_open"]
    assert len(headings) == 1, fixed
