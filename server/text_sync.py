"""The open documents, kept as the editor holds them.

pygls has a workspace of its own, but it splits lines with `str.splitlines`,
which also breaks at U+2028, form feeds and other characters LSP does not
count as line breaks, so an incremental change after one of them lands in
the wrong place; and it rebuilds every line on every keystroke. Here a
change is applied with LSP's own line breaks (\\n, \\r\\n, \\r) and, for the
usual LF text, the line table is patched instead of rebuilt.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types

from .positions import LineIndex


def path_of(uri: str) -> Path | None:
    """The file a `file:` URI names; None for other schemes and for URIs that
    name no usable file (no path, a NUL byte): those are checked as unsaved."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if not path.startswith("/") or "\x00" in path:
        return None
    return Path(path)


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: int | None
    language_id: str
    encoding: str
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def path(self) -> Path | None:
        return path_of(self.uri)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex.of(self.text, self.encoding)
        return self._index

    def apply(self, change: types.TextDocumentContentChangeEvent) -> None:
        if not isinstance(change, types.TextDocumentContentChangePartial):
            self.text, self._index = change.text, None
            return
        index = self.index
        start, end = index.offset(change.range.start), index.offset(change.range.end)
        if end < start:
            start, end = end, start
        old = self.text
        self.text = old[:start] + change.text + old[end:]
        if "\r" in change.text or "\r" in old:
            self._index = None  # a \r can join or split line breaks: rebuild
            return
        first = bisect_line(index.starts, start)
        last = bisect_line(index.starts, end)
        delta = len(change.text) - (end - start)
        inserted = [start + i + 1 for i, char in enumerate(change.text) if char == "\n"]
        starts = index.starts[: first + 1] + inserted + [s + delta for s in index.starts[last + 1 :]]
        self._index = LineIndex(self.text, starts, self.encoding)


def bisect_line(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


class Documents:
    def __init__(self) -> None:
        self._open: dict[str, OpenDocument] = {}
        self.encoding = types.PositionEncodingKind.Utf16.value

    def open(self, item: types.TextDocumentItem) -> OpenDocument:
        doc = OpenDocument(item.uri, item.text, item.version, item.language_id, self.encoding)
        self._open[item.uri] = doc
        return doc

    def change(self, params: types.DidChangeTextDocumentParams) -> OpenDocument | None:
        doc = self._open.get(params.text_document.uri)
        if doc is None:
            return None
        for change in params.content_changes:
            doc.apply(change)
        doc.version = params.text_document.version
        return doc

    def close(self, uri: str) -> None:
        self._open.pop(uri, None)

    def get(self, uri: str) -> OpenDocument | None:
        return self._open.get(uri)

    def __iter__(self):
        return iter(list(self._open.values()))
