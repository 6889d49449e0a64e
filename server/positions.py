"""Code-point offsets ↔ LSP positions, in the position encoding the client chose.

The engine counts code points on LF text without a BOM; an LSP position is a
line and a count of code units (UTF-16 by default, UTF-8 or UTF-32 when
negotiated) on the text as the editor holds it. The lines are the same in
both (LSP breaks lines at \\n, \\r\\n and \\r, exactly where the engine's
normalisation puts its \\n), so a position is converted line by line: only
the columns need counting, and only on lines that are not pure ASCII.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol.types import Position, PositionEncodingKind

LINE_BREAK = re.compile(r"\r\n|\r|\n")
UTF8, UTF16, UTF32 = PositionEncodingKind.Utf8.value, PositionEncodingKind.Utf16.value, PositionEncodingKind.Utf32.value


def units(text: str, encoding: str) -> int:
    """How many code units `text` takes in the encoding."""
    if text.isascii() or encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def column_of_units(line: str, count: int, encoding: str) -> int:
    """The code-point column `count` code units into `line` (clamped to the
    line; a count inside a character lands on that character's start)."""
    if count <= 0:
        return 0
    if line.isascii() or encoding == UTF32:
        return min(count, len(line))
    seen = 0
    for i, char in enumerate(line):
        width = units(char, encoding)
        if seen + width > count:
            return i
        seen += width
    return len(line)


class LineIndex:
    """Lines of a text given by where each starts; `prefix` is text the editor
    shows at the start of line 0 that the offsets do not count (a BOM)."""

    def __init__(self, text: str, starts: list[int], encoding: str, prefix: str = "") -> None:
        self.text = text
        self.starts = starts
        self.encoding = encoding
        self.prefix = prefix

    @classmethod
    def of(cls, text: str, encoding: str, prefix: str = "") -> "LineIndex":
        """Any line breaks (\\n, \\r\\n, \\r)."""
        return cls(text, [0, *(m.end() for m in LINE_BREAK.finditer(text))], encoding, prefix)

    def line_end(self, line: int) -> int:
        """Offset just past the line's content, before its line break."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1] - 1
        if end > self.starts[line] and self.text[end] == "\n" and self.text[end - 1] == "\r":
            end -= 1
        return end

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        # An offset between \r and \n belongs after the line's content.
        end = self.line_end(line)
        character = units(self.text[start:min(offset, end)], self.encoding)
        if line == 0 and self.prefix:
            character += units(self.prefix, self.encoding)
        return Position(line=line, character=character)

    def offset(self, position: Position) -> int:
        """The offset of a position; past the end of a line is its end, past the last line the text's end."""
        line = position.line
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        count = position.character
        if line == 0 and self.prefix:
            count -= units(self.prefix, self.encoding)
        return start + column_of_units(self.text[start:end], count, self.encoding)
