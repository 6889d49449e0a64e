"""GitLab Code Quality: the JSON report GitLab's merge-request widget reads
(`artifacts: reports: codequality: gl-code-quality-report.json`).

Each finding is an object with `description`, `check_name` (the rule code),
`fingerprint`, `severity` and `location.path` / `location.lines.begin`.
GitLab matches findings between the base and the head branch by fingerprint,
so it must not change when lines above move: it is a hash of the path, the
rule, the message and the flagged text, with a count for identical findings
in one file (the second copy of the same footer is another issue). Paths are
relative to the project (`CI_PROJECT_DIR` in a pipeline, else the working
folder), as GitLab links them to the repository's files.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TextIO

from ..findings import Finding, Severity
from .json_text import dumps
from .report import FileReport

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def project_path(path: str) -> str:
    """The path relative to the project folder when it lies inside it, in posix form."""
    p = Path(path)
    if p.is_absolute():
        root = Path(os.environ.get("CI_PROJECT_DIR") or os.getcwd())
        try:
            p = p.relative_to(root)
        except ValueError:
            pass
    return p.as_posix()


def flagged_text(f: Finding, lines: list[str]) -> str:
    first, last = f.start_pos.line - 1, f.end_pos.line - 1
    if first >= len(lines):
        return ""
    if first == last:
        return lines[first][f.start_pos.column - 1 : f.end_pos.column - 1]
    return "\n".join([lines[first][f.start_pos.column - 1 :], *lines[first + 1 : last], *(
        [lines[last][: f.end_pos.column - 1]] if last < len(lines) else [])])


def write_gitlab(reports: list[FileReport], out: TextIO, **_) -> None:
    issues = []
    for report in reports:
        path = project_path(report.path)
        seen: dict[str, int] = {}
        for f in report.findings:
            key = "\0".join((path, f.code, f.message, flagged_text(f, report.lines)))
            seen[key] = seen.get(key, 0) + 1
            fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
            issues.append({
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": _SEVERITY[f.severity],
                "location": {"path": path, "lines": {"begin": f.start_pos.line, "end": f.end_pos.line}},
            })
    out.write(dumps(issues, expand=1) + "\n")
