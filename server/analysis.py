"""One run of the engine over one version of a document, and what the editor
sees of it: diagnostics, the edits of each fix, the edit of "fix all".

The engine works on the LF-normalised text (`TextForm`); ranges go back to
the editor's text line by line (`positions.LineIndex`), and a fix's line
breaks are written the way the document writes them. "Fix all" is
`fixer.fix_text` restored with `TextForm`, exactly what `nlclean fix` writes,
sent as the one edit that turns the editor's text into it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from nlclean.document import Document
from nlclean.engine import check
from nlclean.files import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from nlclean.findings import Edit, Finding, Fix, Position, Severity
from nlclean.fixer import apply_edits, fix_text
from nlclean.guard import added_words
from nlclean.rules import BY_CODE
from nlclean.settings import Settings, discover
from nlclean.text_form import BOM, TextForm

from .client_settings import ClientSettings
from .positions import LineIndex, units
from .text_sync import OpenDocument

SOURCE = "nlclean"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error.value,
    Severity.WARNING: types.DiagnosticSeverity.Warning.value,
    Severity.INFO: types.DiagnosticSeverity.Information.value,
}
# A diagnostic's `codeDescription.href` must be a URI: the rule's page is linked
# when nlclean runs from a checkout that has it (`file://`), and left out of an
# installed package, whose docs live in the repository only (the hover names the path).
DOCS_URL = {code: url for code, rule in BY_CODE.items() if "://" in (url := rule.docs_url())}


def format_of(doc: OpenDocument) -> str | None:
    """The engine's format for a document, or None for documents nlclean does not read."""
    name = (doc.path.name if doc.path else doc.uri).lower()
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return "markdown" if doc.language_id == "markdown" else None


def settings_for(doc: OpenDocument, client: ClientSettings, root: Path | None) -> Settings:
    """The CLI's discovery from the document's folder (the workspace root for
    unsaved documents), then the editor's settings on top. Raises ConfigError,
    also for a templates file that cannot be read (TemplatesError is one)."""
    settings = client.apply(discover(doc.path or root))
    if settings.templates:
        from nlclean.templates import load as load_templates

        load_templates(settings.templates)  # read once per change of the file
    return settings


def path_of(uri: str) -> str | None:
    """The file a `file:` URI names (the template rule's last clue to the sender: its folder)."""
    if not uri.startswith("file:"):
        return None
    from urllib.parse import unquote, urlparse

    path = unquote(urlparse(uri).path)
    return path if path and "\0" not in path else None


@dataclass
class Analysis:
    uri: str
    version: int | None
    raw: str  # the text as the editor holds it
    form: TextForm
    doc: Document
    findings: list[Finding]
    settings: Settings
    encoding: str
    _index: LineIndex | None = field(default=None, repr=False)
    _payload: list[dict] | None = field(default=None, repr=False)
    _fixed: str | None = field(default=None, repr=False)
    published: bool = field(default=False, repr=False)  # pushed to the client already

    @classmethod
    def run(cls, uri: str, version: int | None, raw: str, encoding: str, settings: Settings, format: str) -> "Analysis":
        form = TextForm.of(raw)
        doc = Document(form.normalized, format)
        return cls(uri, version, raw, form, doc, check(doc, settings, path=path_of(uri)), settings, encoding)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            starts = self.doc.line_starts[: len(self.doc.lines)]
            self._index = LineIndex(self.doc.text, starts, self.encoding, BOM if self.form.bom else "")
        return self._index

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(self.index.position(start), self.index.position(end))

    def offset(self, position: types.Position) -> int:
        return self.index.offset(position)

    @property
    def payload(self) -> list[dict]:
        """The diagnostics as LSP's JSON, one per finding, in order. Built as
        plain data: through lsprotocol and cattrs they would cost ~40 µs each,
        tens of milliseconds on a big newsletter, on every keystroke."""
        if self._payload is None:
            self._payload = [self._diagnostic_json(f) for f in self.findings]
        return self._payload

    def _diagnostic_json(self, finding: Finding) -> dict:
        out = {
            "range": {"start": self._position_json(finding.start_pos), "end": self._position_json(finding.end_pos)},
            "severity": SEVERITY[finding.severity],
            "code": finding.code,
            "source": SOURCE,
            "message": finding.message,
        }
        if finding.code in DOCS_URL:
            out["codeDescription"] = {"href": DOCS_URL[finding.code]}
        return out

    def _position_json(self, position: Position) -> dict:
        """A finding's own (line, code-point column) in the client's units; no search needed."""
        line, column = position.line - 1, position.column - 1
        text = self.doc.lines[line] if line < len(self.doc.lines) else ""
        character = column if text.isascii() else units(text[:column], self.encoding)
        if line == 0 and self.form.bom:
            character += units(BOM, self.encoding)
        return {"line": line, "character": character}

    def diagnostic(self, i: int) -> types.Diagnostic:
        """The i-th diagnostic as an lsprotocol object (for the few a code action carries)."""
        d = self.payload[i]
        href = d.get("codeDescription", {}).get("href")
        return types.Diagnostic(
            range=as_range(d["range"]),
            message=d["message"],
            severity=types.DiagnosticSeverity(d["severity"]),
            code=d["code"],
            code_description=types.CodeDescription(href=href) if href else None,
            source=d["source"],
        )

    def text_edit(self, edit: Edit) -> types.TextEdit:
        text = edit.replacement.replace("\n", "\r\n") if self.form.crlf else edit.replacement
        return types.TextEdit(range=self.range(edit.start, edit.end), new_text=text)

    def words_added_by(self, fix: Fix) -> list[str]:
        """The guard of `nlclean fix`, for one quick fix: words it would add.
        Checked on the lines the edits touch (whole lines, so that two words
        joined by a removed break count too), not on the whole document."""
        text = self.doc.text
        first, last = fix.span
        start = text.rfind("\n", 0, first) + 1
        end = text.find("\n", last)
        end = len(text) if end < 0 else end
        before = text[start:end]
        after = apply_edits(before, [Edit(e.start - start, e.end - start, e.replacement) for e in fix.edits])
        return added_words(before, after)

    def fixed_text(self) -> str:
        """What `nlclean fix` writes for this text. Raises NewContentError on a rule bug."""
        if self._fixed is None:
            result = fix_text(self.form.normalized, self.settings, self.doc.format, path=path_of(self.uri),
                              follow_lines=self.form.mixed)
            self._fixed = self.form.restore(result.text, result.line_origins)
        return self._fixed

    def fix_all_edit(self) -> types.TextEdit | None:
        """The one edit that turns the editor's text into `fixed_text()`, or None if it is clean."""
        return minimal_edit(self.raw, self.fixed_text(), self.encoding)


def as_range(r: dict) -> types.Range:
    return types.Range(start=types.Position(**r["start"]), end=types.Position(**r["end"]))


def _common_prefix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:  # compare slices (in C) rather than characters (in Python)
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def minimal_edit(old: str, new: str, encoding: str) -> types.TextEdit | None:
    if old == new:
        return None
    limit = min(len(old), len(new))
    head = _common_prefix(old, new, limit)
    tail = _common_suffix(old, new, limit - head)
    # Never cut between the \r and \n of a line break: that is no position in LSP.
    if 0 < head < len(old) and old[head - 1] == "\r" and old[head] == "\n":
        head -= 1
    end = len(old) - tail
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
        tail -= 1
    index = LineIndex.of(old, encoding)
    return types.TextEdit(
        range=types.Range(index.position(head), index.position(end)),
        new_text=new[head:len(new) - tail],
    )
