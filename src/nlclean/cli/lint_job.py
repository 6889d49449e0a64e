"""What `nlclean lint` does to one file, in a worker process when there are many.

Reading, parsing, checking and (for the formats that print file by file:
`full`, `concise`, `github`) rendering are the cost of a lint run, and each
file's are independent, so they go to `parallel.run_jobs` as `fix` does; the
parent prints the rendered texts in file order. `json` and `sarif` are one
document over all files: the parent renders those from the reports.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from ..document import Document
from ..engine import check
from ..files import FileError
from ..output import FORMATS
from ..output.report import FileReport
from .common import Input, SettingsResolver


# Formats whose output over many files is the output over each file, one after another.
PER_FILE_FORMATS = frozenset({"full", "concise", "github"})


@dataclass
class LintOutcome:
    report: FileReport | None  # None when the file could not be read
    error: str | None = None  # the one-line reason it could not
    internal_error: bool = False  # a rule failed (an NL000 finding)
    rendered: str = ""  # the file's part of the output, when the job renders


@dataclass(frozen=True)
class LintJob:
    """Everything a worker needs to check files (picklable, for the process pool)."""

    resolver: SettingsResolver
    stdin_filename: str | None
    keep_lines: bool = True  # only the `full` format shows source lines: others need not ship them back
    render: str | None = None  # a format of PER_FILE_FORMATS to render in the job
    color: bool | None = None

    def __call__(self, item: Input) -> LintOutcome:
        try:
            nl = item.load(self.stdin_filename)
        except FileError as exc:
            return LintOutcome(None, str(exc))
        doc = Document(nl.form.normalized, nl.format)
        findings = check(doc, self.resolver.for_path(item.settings_path))
        report = FileReport(item.name, findings, doc.lines)
        outcome = LintOutcome(report, internal_error=any(f.code == "NL000" for f in findings))
        if self.render is not None:
            text = io.StringIO()
            FORMATS[self.render]([report], text, color=self.color)
            outcome.rendered = text.getvalue()
        if not self.keep_lines or self.render is not None:
            report.lines = []
        return outcome
