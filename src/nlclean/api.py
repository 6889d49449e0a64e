"""The typed Python API: `clean` and `lint` on a string.

Both accept any line endings and a leading BOM: the engine works on LF text,
and `clean` gives back the line endings, BOM and final newline it was given.
"""
from __future__ import annotations

from typing import Literal

from .document import Document
from .engine import check
from .findings import Finding
from .fixer import FixResult, fix_text
from .settings import Settings
from .text_form import TextForm

Format = Literal["markdown", "text"]


def _settings(settings: Settings | None, select, ignore, unsafe: bool | None) -> Settings:
    s = settings or Settings()
    return s.with_overrides(
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore) if ignore is not None else None,
        unsafe_fixes=unsafe,
    )


def fix(text: str, *, format: Format = "markdown", settings: Settings | None = None,
        path: str | None = None) -> FixResult:
    """Clean `text`; the result's `.text` keeps the input's line endings, BOM and final newline.
    `path`: the file it was read from, if any (a clue to its sender for the template rule)."""
    form = TextForm.of(text)
    result = fix_text(form.normalized, settings or Settings(), format, path=path, follow_lines=form.mixed)
    result.text = form.restore(result.text, result.line_origins)
    return result


def clean(
    text: str,
    *,
    format: Format = "markdown",
    unsafe: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    settings: Settings | None = None,
    path: str | None = None,
) -> str:
    """The cleaned newsletter. Raises `NewContentError` if a rule would add words (a bug)."""
    return fix(text, format=format, settings=_settings(settings, select, ignore, unsafe), path=path).text


def lint(
    text: str,
    *,
    format: Format = "markdown",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    settings: Settings | None = None,
    path: str | None = None,
) -> list[Finding]:
    """Every finding on `text`, in order. Offsets and positions refer to the text
    with its line endings normalised to LF and without a BOM."""
    form = TextForm.of(text)
    return check(Document(form.normalized, format), _settings(settings, select, ignore, None), path=path)
