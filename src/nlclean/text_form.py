"""How a text is written down: line endings, BOM, final newline.

The engine works on LF text without a BOM. `TextForm` remembers the rest, so
what comes out is written the way it came in (SPEC promise 4).

A file with one kind of line ending gets it back on every line. A file with
mixed endings (a CRLF front matter over an LF body, a converter that wrote
both) keeps each line's own ending: `TextForm.restore` is then given, for
each line break of the cleaned text, the input line break it is (the fixer
follows them through its edits, `FixResult.line_origins`); a line break a fix
wrote takes the ending of the line break before it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class TextForm:
    normalized: str
    crlf: bool
    bom: bool
    final_newline: bool
    cr: bool = False  # only lone CRs (classic Mac OS line endings)
    # Each line break as it was written, in order, when the text mixes kinds; else empty.
    endings: tuple[str, ...] = ()

    @classmethod
    def of(cls, text: str) -> "TextForm":
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        crlf = "\r\n" in text
        cr = "\r" in text and "\n" not in text
        endings: tuple[str, ...] = ()
        if "\r" in text:
            endings = tuple(_LINE_BREAK.findall(text))
            if len(set(endings)) == 1:
                endings = ()
        if crlf:
            text = text.replace("\r\n", "\n")
        if "\r" in text:  # lone CRs (old Mac endings) count as line breaks
            text = text.replace("\r", "\n")
        return cls(text, crlf, bom, text.endswith("\n"), cr, endings)

    @property
    def mixed(self) -> bool:
        """Whether the line endings are of more than one kind (each line keeps its own)."""
        return bool(self.endings)

    def restore(self, text: str, line_origins: list[int] | None = None) -> str:
        """`text` (LF, no BOM) written in this form. `line_origins`: for each
        line break of `text`, the index of the input line break it is (-1 for
        one a fix wrote); needed to give mixed endings back line by line.
        Only the final newline is made as the input's: blank lines at the end
        stay as the fix left them (a rule removes those the reader sees; inside
        an unclosed fence they are code), so that what is written is exactly
        what the fixer's last check saw and the next run finds nothing new."""
        stripped = text.rstrip("\n")
        kept_breaks = stripped.count("\n")
        trailing = max(1, len(text) - len(stripped)) if stripped and self.final_newline else 0
        text = stripped + "\n" * trailing
        if self.mixed and line_origins is not None:
            origins = line_origins[:kept_breaks]
            if text.endswith("\n"):
                origins.append(self._final_break(origins))
                origins += line_origins[kept_breaks + 1 : kept_breaks + trailing]
            return (BOM if self.bom else "") + self._each_line_its_ending(text, origins)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        elif self.cr:
            text = text.replace("\n", "\r")
        return (BOM if self.bom else "") + text

    def _final_break(self, origins: list[int]) -> int:
        """The input line break that ends the last line: the one after the line
        break before it (lines after it may have gone, taking their breaks with
        them), else the input's last."""
        before = origins[-1] if origins else -1
        return before + 1 if 0 <= before < len(self.endings) - 1 else len(self.endings) - 1

    def _each_line_its_ending(self, text: str, origins: list[int]) -> str:
        previous = Counter(self.endings).most_common(1)[0][0]
        parts = text.split("\n")
        origins = origins + [-1] * (len(parts) - 1 - len(origins))  # a miscount must not drop a line
        out = [parts[0]]
        for origin, part in zip(origins, parts[1:]):
            if origin >= 0:
                previous = self.endings[origin]
            out.append(previous)
            out.append(part)
        return "".join(out)
