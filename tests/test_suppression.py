"""Suppression comments with markdownlint's meanings, through the real `nlclean` command (issue 13).

NL502 (an unescaped `$`) is the probe: each paragraph below holds one `$`, so
which lines are reported shows exactly where a directive switched the rule off.
The rule fixtures in tests/fixtures/rules/NL901 show the unused-directive rule.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

NLCLEAN = (sys.executable, "-m", "nlclean.cli.main")


def lint_lines(text: str, *args: str) -> list[tuple[int, str]]:
    proc = subprocess.run([*NLCLEAN, "lint", "--output-format", "json", *args, "--stdin-filename", "x.md", "-"],
                          input=text, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return sorted((f["location"]["line"], f["code"]) for f in json.loads(proc.stdout))


def fix(text: str) -> str:
    proc = subprocess.run([*NLCLEAN, "fix", "--stdin-filename", "x.md", "-"],
                          input=text, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def paragraphs(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("directive, off", [
    # the directive stands on line 1; the `$` paragraphs on lines 3, 5, 7
    ("<!-- nlclean-disable-next-line NL502 -->\nOne costs $1.", [2]),
    ("<!-- nlclean-disable NL502 -->\nOne costs $1.", [2, 4, 6]),
    ("<!-- nlclean-disable-file unescaped-dollar -->\nOne costs $1.", [2, 4, 6]),
    ("<!-- nlclean-disable -->\nOne costs $1.", [2, 4, 6]),
    ("One costs $1. <!-- nlclean-disable-line NL5 -->\nOne more.", [1]),
    ("<!-- nlclean-disable-next-block NL502 -->\nOne costs $1.\nAnd $2 here.", [2, 3]),
])
def test_each_directive_switches_off_what_markdownlints_does(directive, off):
    text = paragraphs(directive, "Two costs $2.", "Three costs $3.")
    lines_with_dollar = [i for i, line in enumerate(text.split("\n"), start=1) if "$" in line]
    reported = [line for line, code in lint_lines(text, "--select", "NL502")]
    assert reported == [n for n in lines_with_dollar if n not in off]


def test_enable_ends_a_disable_and_a_partial_enable_keeps_the_rest_off():
    text = paragraphs(
        "<!-- nlclean-disable -->",
        "Costs $1 &amp; more.",          # 3: both off
        "<!-- nlclean-enable NL501 -->",
        "Costs $2 &amp; more.",          # 7: NL501 on again, NL502 still off
        "<!-- nlclean-enable -->",
        "Costs $3 &amp; more.",          # 11: both on
    )
    assert lint_lines(text, "--select", "NL501,NL502") == [(7, "NL501"), (11, "NL501"), (11, "NL502")]


def test_capture_and_restore():
    text = paragraphs(
        "<!-- nlclean-disable NL502 -->",
        "<!-- nlclean-capture -->",
        "<!-- nlclean-disable NL501 -->",
        "Costs $1 &amp; more.",          # 7: both off
        "<!-- nlclean-restore -->",
        "Costs $2 &amp; more.",          # 11: back to the captured state: only NL502 off
    )
    assert lint_lines(text, "--select", "NL501,NL502") == [(11, "NL501")]


def test_a_line_directive_does_not_last_to_the_end_of_the_file():
    """Before: `disable-next-line` was read as `disable`, on to the end of the file."""
    text = paragraphs("<!-- nlclean-disable-next-line NL502 -->\nFirst costs $1.", "Later costs $2.")
    assert lint_lines(text, "--select", "NL502") == [(4, "NL502")]


def test_the_fixer_keeps_the_directives_and_what_they_protect():
    text = paragraphs(
        "# Prices",
        "<!-- nlclean-disable-next-line NL502 -->\nKept as $1.",
        "Fixed: $2.",
        "<!-- nlclean-disble NL502 -->",
    )
    assert fix(text) == text.replace("Fixed: $2.", "Fixed: \\$2.")


def test_unused_and_malformed_directives_are_reported_by_default():
    text = paragraphs(
        "# Notes",
        "<!-- nlclean-disable-next-line NL502 -->\nNo dollar here.",   # 3: suppresses nothing
        "<!-- nlclean-disable-next-line NL999 -->\nNothing.",          # 6: names no rule
        "<!-- nlclean-disable-nextline NL502 -->",                     # 9: malformed
        "<!-- nlclean-disable-next-line NL502 -->\nOne costs $1.",     # used
    )
    assert lint_lines(text) == [(3, "NL901"), (6, "NL901"), (9, "NL901")]
    # A directive for a rule that is not selected says so.
    proc = subprocess.run([*NLCLEAN, "lint", "--select", "NL901", "--output-format", "concise",
                           "--stdin-filename", "x.md", "-"], input=text, capture_output=True, text=True, timeout=120)
    assert "NL502 is not enabled" in proc.stdout


def test_a_directive_may_switch_off_the_reports_about_directives():
    text = paragraphs(
        "<!-- nlclean-disable-next-line NL901 -->\n<!-- nlclean-disable-next-line NL502 -->",
        "Nothing to see.",
    )
    assert lint_lines(text) == []
    # ... but a directive never hides the report about itself.
    assert lint_lines(paragraphs("<!-- nlclean-disable -->", "Nothing to see.")) == [(1, "NL901")]
