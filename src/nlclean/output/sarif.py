"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, IDE viewers).

Valid against the OASIS SARIF 2.1.0 schema (tests/test_output_formats.py
checks it). What the schema leaves to the producer:

- Artifact URIs: a relative path stays relative to `%SRCROOT%` (the working
  folder, given as a `file://` URI in `originalUriBaseIds`); an absolute path
  is a `file://` URI. Both are percent-encoded (a space is `%20`).
- Columns count code points (`columnKind: unicodeCodePoints`), as every
  nlclean position does; a fix's replacements are given as line/column
  regions for the same reason (offsets would depend on the file's encoding).
- A file that could not be read is an error notification under
  `invocations[0].toolExecutionNotifications`, and the invocation is then
  not `executionSuccessful`.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Severity
from ..rules import BY_CODE
from .json_text import dumps
from .report import FileReport, ReadError

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict:
    """Where a file is, as SARIF wants it: a percent-encoded URI, `file://` when absolute."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": SOURCE_ROOT}


class _Regions:
    """Offsets in a report's text as SARIF regions (1-based lines, code-point columns, end exclusive)."""

    def __init__(self, lines: list[str]) -> None:
        self.line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def region(self, start: int, end: int) -> dict:
        (start_line, start_column), (end_line, end_column) = self.position(start), self.position(end)
        return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


def _rule_descriptor(code: str) -> dict:
    rule = BY_CODE.get(code)
    if rule is None:  # NL000: nlclean failed on the file
        return {"id": code, "name": "internal-error",
                "shortDescription": {"text": "nlclean could not check this file"},
                "defaultConfiguration": {"level": "error"}}
    doc = rule.documentation()
    descriptor = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.enabled_by_default},
        "properties": {"family": rule.family, "fix": rule.fix_label()},
    }
    url = rule.docs_url()
    if "://" in url:  # only a URI the viewer can open
        descriptor["helpUri"] = url
    return descriptor


def _fixes(f: Finding, location: dict, regions: _Regions) -> list[dict]:
    return [{
        "description": {"text": f.fix.title + ("" if f.fix.is_safe else " (unsafe: needs --unsafe-fixes)")},
        "artifactChanges": [{
            "artifactLocation": location,
            "replacements": [
                {"deletedRegion": regions.region(e.start, e.end), "insertedContent": {"text": e.replacement}}
                for e in sorted(f.fix.edits)
            ],
        }],
    }]


def write_sarif(reports: list[FileReport], out: TextIO, *, errors: list[ReadError] = (), **_) -> None:
    codes = sorted({f.code for r in reports for f in r.findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    results = []
    for report in reports:
        location = artifact_location(report.path)
        regions = _Regions(report.lines) if any(f.fix for f in report.findings) else None
        for f in report.findings:
            result = {
                "ruleId": f.code,
                "ruleIndex": rule_index[f.code],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": {
                            "startLine": f.start_pos.line, "startColumn": f.start_pos.column,
                            "endLine": f.end_pos.line, "endColumn": f.end_pos.column,
                        },
                    }
                }],
            }
            if f.fix is not None:
                result["fixes"] = _fixes(f, location, regions)
            results.append(result)
    notifications = []
    for e in errors:
        note = {"level": "error", "message": {"text": e.message}}
        if e.path is not None:
            note["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(e.path)}}]
        notifications.append(note)
    doc = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nlclean", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule_descriptor(code) for code in codes]}},
            "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": notifications}],
            "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    out.write(dumps(doc, expand=4) + "\n")
