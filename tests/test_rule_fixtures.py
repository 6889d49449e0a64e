"""Rule fixtures, markdownlint-style: a rule's tests are markdown files you can read.

    tests/fixtures/rules/<CODE>/<case>.md        the input; an expected finding is
                                                 marked at the END of the line it
                                                 starts on: ` {NL101}` (several: ` {NL101} {NL502}`)
    tests/fixtures/rules/<CODE>/<case>.fixed.md  the expected text after `nlclean.clean`

The runner strips the markers, then checks:

1. `nlclean.lint(text, select=codes)` reports exactly the marked (code, line)
   pairs, where `codes` is the folder's code plus any other code the file marks.
   A line without a marker must not fire: every unmarked line is a near miss.
2. `nlclean.clean(text, select=codes + tidy)` equals the .fixed.md file.

How the tidy rules (NL6xx) take part: a removal leaves blank lines, a stray
`---` or an empty heading behind, and the tidy family is what settles them in
a real run. So the fix of every non-tidy fixture runs with the NL6 family
selected as well (the .fixed.md shows what a user gets), while its lint runs
with the rule alone (the markers show what the rule itself reports). The
tidy rules' own fixtures (folders NL6xx) run with their rule alone, so each
tidy rule is tested in isolation.

A case whose name starts with `unsafe_` is cleaned with unsafe fixes on
(`nlclean fix --unsafe-fixes`); every other case with safe fixes only, so a
rule with an unsafe fix shows in its plain cases that it reports and leaves
the text alone.

Beside each case, `<case>.snap` is a snapshot of what the rule says (as ruff
keeps one per fixture): each finding's position, code, message, evidence and
fix safety, so a change to a message or to the evidence shows in review.
`NLCLEAN_UPDATE_SNAPSHOTS=1 python3 -m pytest tests/test_rule_fixtures.py`
writes them anew; read the diff before committing it.

A case that shows a known engine bug is listed in KNOWN_BUGS with the reason:
its tests are strict xfails, so they fail loudly once the bug is fixed and the
entry must go.

Every rule in the registry must have at least one case with a marked finding
and at least one case with none at all (a file of near misses). That every
rule documents itself (`nlclean rule CODE`) is checked in test_cli.py.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import nlclean
from nlclean.rules import BY_CODE, RULES

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
MARKER = re.compile(r"(?: \{(NL\d{3})\})+$")
TIDY = "NL6"
UNSAFE_PREFIX = "unsafe_"
UPDATE_SNAPSHOTS = os.environ.get("NLCLEAN_UPDATE_SNAPSHOTS") == "1"

# case -> (the tests that show the bug: "lint", "fix"; the bug)
KNOWN_BUGS: dict[str, tuple[str, str]] = {}


def parse_fixture(raw: str) -> tuple[str, set[tuple[str, int]]]:
    """The text without its markers, and the expected (code, 1-based line) pairs."""
    lines = raw.split("\n")
    expected: set[tuple[str, int]] = set()
    for number, line in enumerate(lines, start=1):
        m = MARKER.search(line)
        if m:
            expected.update((code, number) for code in re.findall(r"NL\d{3}", m.group(0)))
            lines[number - 1] = line[: m.start()]
    return "\n".join(lines), expected


def cases() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("NL*/*.md") if not p.name.endswith(".fixed.md"))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _codes(case: Path, expected: set[tuple[str, int]]) -> list[str]:
    return sorted({case.parent.name} | {code for code, _ in expected})


def _id(case: Path) -> str:
    return f"{case.parent.name}/{case.stem}"


def _params(test: str) -> list:
    params = []
    for c in cases():
        tests, reason = KNOWN_BUGS.get(_id(c), ("", ""))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if test in tests.split() else []
        params.append(pytest.param(c, id=_id(c), marks=marks))
    return params


def test_marker_syntax_is_what_the_runner_strips():
    text, expected = parse_fixture("a {NL101}\nb\nc {NL101} {NL502}\n{NL101} in the middle\n")
    assert text == "a\nb\nc\n{NL101} in the middle\n"
    assert expected == {("NL101", 1), ("NL101", 3), ("NL502", 3)}


@pytest.mark.parametrize("case", _params("lint"))
def test_findings_are_the_marked_lines(case: Path):
    text, expected = parse_fixture(_read(case))
    codes = _codes(case, expected)
    assert case.parent.name in BY_CODE, f"{case.parent.name} is not a rule code"
    found = {(f.code, f.start_pos.line) for f in nlclean.lint(text, select=codes)}
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize("case", _params("fix"))
def test_fix_gives_the_fixed_file(case: Path):
    text, expected = parse_fixture(_read(case))
    codes = _codes(case, expected)
    if not case.parent.name.startswith(TIDY):
        codes.append(TIDY)
    fixed = case.with_name(case.stem + ".fixed.md")
    assert fixed.is_file(), f"{fixed.name} is missing beside {case.name}"
    unsafe = case.name.startswith(UNSAFE_PREFIX)
    assert nlclean.clean(text, select=codes, unsafe=unsafe) == _read(fixed)


def snapshot(findings) -> str:
    """What the rule says, one finding after another: where, which rule, the
    message, the evidence that decided it, and how safe its fix is."""
    out = []
    for f in findings:
        fix = f.fix.applicability.value if f.fix else "none"
        out.append(f"{f.start_pos.line}:{f.start_pos.column} {f.code} {f.message}  [fix: {fix}]")
        out.extend(f"    evidence: {e}" for e in f.evidence)
    return "\n".join(out) + "\n" if out else "(no findings)\n"


@pytest.mark.parametrize("case", _params("snapshot"))
def test_messages_and_evidence_match_the_snapshot(case: Path):
    text, expected = parse_fixture(_read(case))
    found = snapshot(nlclean.lint(text, select=_codes(case, expected)))
    snap = case.with_name(case.stem + ".snap")
    if UPDATE_SNAPSHOTS:
        snap.write_text(found, encoding="utf-8")
    assert snap.is_file(), f"{snap.name} is missing: run with NLCLEAN_UPDATE_SNAPSHOTS=1 and read the diff"
    assert found == _read(snap)


def test_known_bugs_name_existing_cases():
    assert set(KNOWN_BUGS) <= {_id(c) for c in cases()}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_hits_and_near_misses(rule):
    mine = [c for c in cases() if c.parent.name == rule.code]
    marked = [bool(parse_fixture(_read(c))[1]) for c in mine]
    assert any(marked), f"{rule.code} has no fixture with an expected finding"
    assert not all(marked), f"{rule.code} has no fixture of near misses (a case with no finding)"


def test_fixture_folders_are_rule_codes():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders <= set(BY_CODE), f"unknown rule folders: {sorted(folders - set(BY_CODE))}"
    strays = [p.name for p in FIXTURES.glob("NL*/*") if p.suffix not in (".md", ".snap")]
    assert not strays, f"files that are not fixtures: {strays}"
