"""Loading a user's marker file (`extend-markers`): checked, linear, and unable to hang.

Through the real `nlclean` command where it is a command's behaviour (issue 13:
one clear error; issue 16: ReDoS, the 20,000-phrase file). The waits here are
hang detectors (a child killed after a generous limit), not speed measurements:
`benchmarks/bench_marker_load.py` measures.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import nlclean.markers as markers_module

NLCLEAN = (sys.executable, "-m", "nlclean.cli.main")
STORY = "# Weekly\n\nThe bakery on Elm Street opened a second oven.\n"


def run(cwd: Path, *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*NLCLEAN, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout)


def with_markers(tmp_path: Path, markers: str) -> Path:
    (tmp_path / "extra.toml").write_text(markers, encoding="utf-8")
    (tmp_path / "nlclean.toml").write_text('extend-markers = ["extra.toml"]\n')
    for i in range(3):
        (tmp_path / f"n{i}.md").write_text(STORY)
    return tmp_path


BROKEN = {
    "not TOML": ("[footer\nphrases = ['x']\n", "not valid TOML"),
    "unknown table": ("[footr]\nphrases = ['goodbye for now']\n", "footr: unknown table (did you mean 'footer'?)"),
    "unknown key": ("[footer]\nphrase = ['goodbye for now']\n", "footer.phrase: unknown key"),
    "a string for a list": ("[footer]\nphrases = 'goodbye for now'\n", "footer.phrases: must be a list of strings"),
    "a list for a string": ("[promotion]\nprice_pattern = ['x']\n", "promotion.price_pattern: must be a string"),
    "an empty phrase": ("[footer]\nphrases = ['']\n", "footer.phrases: an empty phrase"),
    # Each `*` takes one to five words: ten of them search 5**10 ways (a hang).
    "too many stars": ("[footer]\nphrases = ['x * * * y']\n", "footer.phrases: 'x * * * y' has 3 `*`"),
    "a lookahead": ("[promotion]\nprice_pattern = '(?=\\d)\\d+'\n", "promotion.price_pattern: not a pattern"),
    "a misspelt sponsor key": ("[sponsor]\nnot_a_nme = ['acme']\n", "sponsor.not_a_nme: unknown key (did you mean 'sponsor.not_a_name'?)"),
    "a lookbehind in a host pattern": (
        "[platforms]\nredirect_host_patterns = ['(?<=a)b']\n", "platforms.redirect_host_patterns: not a pattern"
    ),
}


@pytest.mark.parametrize("markers, problem", BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.parametrize("command", ["lint", "fix"])
def test_a_broken_marker_file_is_one_error_naming_file_and_key(tmp_path, markers, problem, command):
    folder = with_markers(tmp_path, markers)
    proc = run(folder, command, "--no-progress", ".")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert str(folder / "extra.toml") in lines[0] and problem in lines[0], lines[0]
    assert all(p.read_text() == STORY for p in folder.glob("*.md"))


def test_the_loader_raises_data_error_with_path_key_problem(tmp_path):
    path = tmp_path / "extra.toml"
    path.write_text("[chrome]\nicon_texts = 'share'\n")
    with pytest.raises(markers_module.DataError) as raised:
        markers_module.load_data((str(path),))
    assert str(raised.value) == f"{path}: chrome.icon_texts: must be a list of strings, not a string"
    assert isinstance(raised.value, ValueError)


def test_every_built_in_table_and_key_may_be_extended(tmp_path):
    """The schema is the built-in data: a key another file adds is known at once."""
    data = markers_module._builtin_data()
    lines = []

    def write(table: str, keys: dict) -> None:
        lines.append(f"[{table}]")
        for key, value in keys.items():
            if not isinstance(value, dict):
                lines.append(f"{key} = {'[]' if isinstance(value, list) else repr(value)}")
        for key, value in keys.items():
            if isinstance(value, dict):  # a table inside a table ([links.unsubscribe])
                write(f"{table}.{key}", value)

    for table, keys in data.items():
        write(table, keys)
    path = tmp_path / "all.toml"
    path.write_text("\n".join(lines) + "\n")
    assert markers_module.load_data((str(path),)).keys() == data.keys()


def test_a_language_file_that_misspells_a_key_is_an_error(tmp_path):
    """The built-in files other than the languages' are the schema: a key that
    only a language file has would be read by no rule, silently."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "markers.toml").write_text('[sponsor]\nleading_labels = ["sponsored by"]\n')
    (folder / "promotion.toml").write_text('[sponsor]\nname_prepositions = ["by"]\n')
    (folder / "lang-xx.toml").write_text('[sponsor]\nname_preposition = ["da"]\n')
    with pytest.raises(markers_module.DataError) as raised:
        markers_module.read_data_folder(folder)
    assert str(raised.value).startswith("lang-xx.toml: sponsor.name_preposition: unknown key (did you mean")
    (folder / "lang-xx.toml").write_text('[sponsor]\nname_prepositions = ["da"]\n')
    assert sorted(markers_module.read_data_folder(folder)["sponsor"]["name_prepositions"]) == ["by", "da"]


def test_a_users_words_reach_the_sponsor_rule(tmp_path):
    """NL101 compiles its vocabulary from the loaded data, a user's lists added:
    a word the user adds to `disclosure_subjects` lets a disclosure open with it."""
    text = "# Weekly\n\nQuarterly issue is brought to you by Brewline. Brewline mugs stay warm.\n\n" + STORY[len("# Weekly\n\n"):]
    plain = tmp_path / "plain"
    plain.mkdir()
    proc = run(plain, "fix", "--stdin-filename", "x.md", "-", stdin=text)
    assert proc.returncode == 0 and "Brewline" in proc.stdout, proc.stderr
    extended = tmp_path / "extended"
    extended.mkdir()
    folder = with_markers(extended, "[sponsor]\ndisclosure_subjects = ['quarterly']\n")
    proc = run(folder, "fix", "--stdin-filename", "x.md", "-", stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert "Brewline" not in proc.stdout and "second oven" in proc.stdout


def test_a_users_host_pattern_runs_and_names_no_sponsor(tmp_path):
    data = tmp_path / "extra.toml"
    data.write_text("[platforms]\nredirect_host_patterns = ['^go[.]']\n")
    carriers = markers_module.load((str(data),)).patterns("platforms", "redirect_host_patterns")
    assert carriers.search("go.example.net") and carriers.search("click.example.net")
    assert not carriers.search("brewline.example")
    assert not markers_module.load(()).patterns("platforms", "redirect_host_patterns").search("go.example.net")


def test_a_valid_extension_adds_to_the_lists(tmp_path):
    folder = with_markers(tmp_path, "[footer]\nphrases = ['until the next pigeon']\n")
    (folder / "n0.md").write_text(STORY + "\nUntil the next pigeon, readers.\n")
    proc = run(folder, "fix", "n0.md")
    assert proc.returncode == 0, proc.stderr
    assert (folder / "n0.md").read_text() == STORY


def test_a_catastrophic_price_pattern_cannot_hang_a_run(tmp_path):
    """`(a+)+b` backtracks exponentially in Python's `re` (26 'a's: ~10 s, x3.6 per
    two more); a user's pattern runs on RE2, linear in the text."""
    folder = with_markers(tmp_path, "[promotion]\nprice_pattern = '(a+)+b'\n")
    # A call to action makes the promotion rule ask for prices in this paragraph.
    text = "# Weekly\n\n## Tools\n\nBook a demo today: " + "a" * 40 + "\n"
    proc = run(folder, "lint", "--select", "NL103", "--stdin-filename", "x.md", "-", stdin=text, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr


def test_a_users_price_pattern_is_applied(tmp_path):
    data = tmp_path / "extra.toml"
    data.write_text("[promotion]\nprice_pattern = '\\d+ (?:coins|tokens)'\n")
    markers = markers_module.load((str(data),))
    assert markers.prices("Now only 30 coins, or 12 tokens.") == ["30 coins", "12 tokens"]
    assert markers_module.load(()).prices("It costs $5 or 10 dollars.") == ["$5", "10 dollars"]


def test_twenty_thousand_phrases_load_in_linear_time(tmp_path):
    """Took 125 s (every phrase compared with every other); now a few seconds.
    The child is killed at 90 s: a hang detector, not a timing."""
    phrases = ",\n".join(f'"notice {i:05d} of the list {i * 7919 % 100003}"' for i in range(20000))
    folder = with_markers(tmp_path, f"[footer]\nphrases = [\n{phrases}\n]\n")
    (folder / "n0.md").write_text(STORY + f"\nNotice 00042 of the list {42 * 7919 % 100003}\n")
    proc = run(folder, "fix", "n0.md", timeout=90)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "n0.md").read_text() == STORY
