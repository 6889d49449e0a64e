"""What `nlclean lint` does to one file, in a worker process when there are many.

Reading, parsing and checking are the cost of a lint run, and each file's
are independent, so they go to `parallel.run_jobs` as `fix` does; the parent
renders the reports in file order.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..engine import check
from ..files import FileError
from ..output.full import snippet_lines
from ..output.report import FileReport
from .common import Input, SettingsResolver


@dataclass
class LintOutcome:
    report: FileReport | None  # None when the file could not be read
    error: str | None = None  # the one-line reason it could not
    internal_error: bool = False  # a rule failed (an NL000 finding)


@dataclass(frozen=True)
class LintJob:
    """Everything a worker needs to check files (picklable, for the process pool)."""

    resolver: SettingsResolver
    stdin_filename: str | None
    keep_lines: bool = True  # only the `full` format shows source lines: others need not ship them back
    snippets_only: bool = False  # the `full` format without --show-fixes: only the lines it quotes

    def __call__(self, item: Input) -> LintOutcome:
        try:
            nl = item.load(self.stdin_filename)
        except FileError as exc:
            return LintOutcome(None, str(exc))
        doc = Document(nl.form.normalized, nl.format)
        findings = check(doc, self.resolver.for_path(item.settings_path), path=item.source_path)
        lines = doc.lines if self.keep_lines else []
        if self.snippets_only:
            lines = snippet_lines(lines, findings)
        return LintOutcome(FileReport(item.name, findings, lines),
                           internal_error=any(f.code == "NL000" for f in findings))
