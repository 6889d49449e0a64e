"""How a text is written down: line endings, BOM, final newline.

The engine works on LF text without a BOM. `TextForm` remembers the rest, so
what comes out is written the way it came in (SPEC promise 4).
"""
from __future__ import annotations

from dataclasses import dataclass

BOM = "\ufeff"


@dataclass(frozen=True)
class TextForm:
    normalized: str
    crlf: bool
    bom: bool
    final_newline: bool
    cr: bool = False  # only lone CRs (classic Mac OS line endings)

    @classmethod
    def of(cls, text: str) -> "TextForm":
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        crlf = "\r\n" in text
        cr = "\r" in text and "\n" not in text
        if crlf:
            text = text.replace("\r\n", "\n")
        if "\r" in text:  # lone CRs (old Mac endings) count as line breaks
            text = text.replace("\r", "\n")
        return cls(text, crlf, bom, text.endswith("\n"), cr)

    def restore(self, text: str) -> str:
        text = text.rstrip("\n")
        if self.final_newline and text:
            text += "\n"
        if self.crlf:
            text = text.replace("\n", "\r\n")
        elif self.cr:
            text = text.replace("\n", "\r")
        return (BOM if self.bom else "") + text
