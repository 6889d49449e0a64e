"""GitHub Actions workflow commands: annotations on the pull request's files."""
from __future__ import annotations

from typing import TextIO

from ..findings import Severity
from .report import FileReport

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def write_github(reports: list[FileReport], out: TextIO, **_) -> None:
    for report in reports:
        for f in report.findings:
            props = (
                f"file={_escape_property(report.path)},line={f.start_pos.line},col={f.start_pos.column},"
                f"endLine={f.end_pos.line},endColumn={f.end_pos.column},title={_escape_property(f.code + ' ' + f.name)}"
            )
            out.write(f"::{_LEVEL[f.severity]} {props}::{_escape_data(f.code + ' ' + f.message)}\n")
