"""SARIF 2.1.0, for code-scanning dashboards."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..findings import Severity
from ..rules import BY_CODE
from .report import FileReport

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write_sarif(reports: list[FileReport], out: TextIO, **_) -> None:
    used = sorted({f.code for r in reports for f in r.findings})
    rules = []
    for code in used:
        rule = BY_CODE.get(code)
        if rule is None:
            rules.append({"id": code, "name": "internal-error"})
            continue
        rules.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.documentation()},
            "helpUri": rule.docs_url(),
        })
    results = []
    for report in reports:
        uri = Path(report.path).as_posix()
        for f in report.findings:
            result = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": f.start_pos.line, "startColumn": f.start_pos.column,
                            "endLine": f.end_pos.line, "endColumn": f.end_pos.column,
                        },
                    }
                }],
            }
            if f.fix is not None:
                result["fixes"] = [{"description": {"text": f.fix.title}}]
            results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nlclean", "version": __version__, "informationUri": "https://nlclean.dev",
                                "rules": rules}},
            "results": results,
        }],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
