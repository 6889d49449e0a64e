"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure).

One `<testsuite>` per file, one failing `<testcase>` per finding (named after
the rule, with the line and column), a passing one for a clean file, and an
`<error>` test case for a file that could not be read; the shape ruff's
`junit` format has.
"""
from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from .color import strip_controls
from .report import FileReport, ReadError


def _text(s: str) -> str:
    # XML 1.0 allows no C0 control but tab and newline; the rest is escaped.
    return escape(strip_controls(s))


def _attr(s: str) -> str:
    return quoteattr(strip_controls(s))


def write_junit(reports: list[FileReport], out: TextIO, *, errors: list[ReadError] = (), **_) -> None:
    total = sum(len(r.findings) for r in reports)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<testsuites name="nlclean" tests="{total + len(errors) + sum(1 for r in reports if not r.findings)}" '
        f'failures="{total}" errors="{len(errors)}">\n',
    ]
    for report in reports:
        path = _attr(report.path)
        n = len(report.findings)
        parts.append(f'  <testsuite name={path} tests="{max(n, 1)}" failures="{n}" errors="0">\n')
        if not n:
            parts.append(f'    <testcase name="no findings" classname={path}/>\n')
        for f in report.findings:
            where = f"line {f.start_pos.line}, col {f.start_pos.column}"
            parts.append(
                f'    <testcase name={_attr(f"{f.code} {f.name}")} classname={path} '
                f'line="{f.start_pos.line}" column="{f.start_pos.column}">\n'
                f'      <failure message={_attr(f.message)}>{_text(f"{where}, {f.message}")}</failure>\n'
                f'    </testcase>\n'
            )
        parts.append("  </testsuite>\n")
    for e in errors:
        name = _attr(e.path or "nlclean")
        parts.append(f'  <testsuite name={name} tests="1" failures="0" errors="1">\n'
                     f'    <testcase name="read" classname={name}>\n'
                     f'      <error message={_attr(e.message)}/>\n'
                     f'    </testcase>\n  </testsuite>\n')
    parts.append("</testsuites>\n")
    out.write("".join(parts))
