"""The promises every clean keeps (SPEC §3), as one check that names the one it
finds broken. Shared by the fuzz tests and scripts/fuzz.py.

One more than SPEC lists, because breaking it loses what follows: the output
opens no comment, fence or raw tag that the input closed (an unclosed
`<!--` at the start of a line hides the rest of the document)."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

import nlclean
from nlclean.document import FRONT_MATTER
from nlclean.engine import INTERNAL_ERROR_CODE
from nlclean.guard import words
from nlclean.text_form import BOM


class BrokenPromise(AssertionError):
    pass


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _front_matter(text: str) -> str | None:
    body = text[1:] if text.startswith(BOM) else text
    m = FRONT_MATTER.match(re.sub(r"\r\n?", "\n", body))
    if not m:
        return None
    # The same stretch as written, each line with its own ending: as many lines as it spans.
    lines = m.group(0).count("\n") + (0 if m.group(0).endswith("\n") else 1)
    return "".join(_LINE.findall(body)[:lines])


def _line_ending(text: str) -> str | None:
    """The file's one kind of line ending; None with no line break, "mixed" with several kinds."""
    crlf = text.count("\r\n")
    lf, cr = text.count("\n") - crlf, text.count("\r") - crlf
    kinds = [name for name, n in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if n]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else None)


_MD = MarkdownIt("commonmark")
# An html block that starts with one of these runs until its closer (CommonMark 4.6, kinds 1-5).
_HTML_OPENERS = (
    (re.compile(r"<!--"), "-->", "html comment"),
    (re.compile(r"<\?"), "?>", "processing instruction"),
    (re.compile(r"<!\[CDATA\["), "]]>", "CDATA section"),
    (re.compile(r"<![A-Za-z]"), ">", "declaration"),
    (re.compile(r"<(script|pre|style|textarea)(?=[\s>]|$)", re.I), None, "<script>, <pre>, <style> or <textarea>"),
)


def _left_open(text: str) -> set[str]:
    """The kinds of construct `text` opens and never closes: a fence, or an
    html block (comment, `<script>`, …) whose closer never comes, so that it
    takes in everything after it."""
    kinds = set()
    body = text[1:] if text.startswith(BOM) else text
    # After the front matter, as a renderer that knows front matter reads it (and nlclean does).
    front = FRONT_MATTER.match(re.sub(r"\r\n?", "\n", body))
    body = re.sub(r"\r\n?", "\n", body)[front.end() :] if front else body
    # (Ending in a line break: markdown-it-py raises on some texts without one; see inline_syntax.with_final_newline.)
    for token in _MD.parse(body if body.endswith("\n") else body + "\n"):
        if token.type == "fence":
            lines = token.content.count("\n") + (1 if token.content and not token.content.endswith("\n") else 0)
            if token.map and token.map[1] - token.map[0] == lines + 1:
                kinds.add("code fence")
        elif token.type == "html_block":
            content = token.content.lstrip(" ")
            for opener, closer, kind in _HTML_OPENERS:
                m = opener.match(content)
                if m:
                    closer = closer or f"</{m.group(1).lower()}>"
                    if closer not in content[m.end() - 2 if closer == "-->" else m.end():].lower():
                        kinds.add(kind)
                    break
    return kinds


def _kinds(text: str) -> set[str]:
    return set(re.findall(r"\r\n|\r|\n", text))


def check_promises(text: str, *, format: str = "markdown", unsafe: bool = False) -> str:
    """Clean `text` and check every promise; returns the cleaned text."""
    findings = nlclean.lint(text, format=format)
    internal = [f.message for f in findings if f.code == INTERNAL_ERROR_CODE]
    if internal:
        raise BrokenPromise(f"a rule raised: {internal[0]}")
    cleaned = nlclean.clean(text, format=format, unsafe=unsafe)
    added = words(cleaned) - words(text)
    if added:
        raise BrokenPromise(f"new words: {sorted(added)[:5]}")
    again = nlclean.clean(cleaned, format=format, unsafe=unsafe)
    if again != cleaned:
        raise BrokenPromise(f"not idempotent: {cleaned!r} -> {again!r}")
    if text.startswith(BOM) != cleaned.startswith(BOM) and cleaned.strip(BOM):
        raise BrokenPromise("the BOM was not kept")
    body = cleaned[1:] if cleaned.startswith(BOM) else cleaned
    ending = _line_ending(text)
    if ending not in (None, "mixed") and _line_ending(body) not in (ending, None):
        raise BrokenPromise(f"the line endings changed from {ending!r} to {_line_ending(body)!r}")
    if ending == "mixed" and _kinds(body) - _kinds(text):
        raise BrokenPromise(f"a kind of line ending the input did not have: {sorted(_kinds(body) - _kinds(text))!r}")
    if body and body.endswith(("\n", "\r")) != text.endswith(("\n", "\r")):
        raise BrokenPromise("the final newline was not kept")
    # (An input that leaves something open closes nothing after it: what it hid may show.)
    opened = _left_open(cleaned) if format == "markdown" and not _left_open(text) else set()
    if opened:
        raise BrokenPromise(f"the output opens what the input closed: {sorted(opened)}")
    front = _front_matter(text)
    # When nothing is left after it, the front matter's last line break goes
    # with the final newline the input did not have.
    if front is not None and not (body.startswith(front) or body == front.rstrip("\r\n")):
        raise BrokenPromise(f"front matter changed: {front!r}")
    return cleaned
