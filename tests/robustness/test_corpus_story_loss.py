"""No safe fix removes a story: checked on every newsletter of both corpora.

A *story-sized loss* is a fix that takes 20 or more visible words out of
one top-level block: the block is rendered (CommonMark) before and after the
fix, and the words with a letter a reader sees are compared (tags, link
targets and bare addresses are not words; converting html or decoding an
entity, which keep what a reader sees, loses none). Every round of a real `nlclean fix` (safe fixes, default rules)
is watched, since a removal in one round can leave a story's heading for the
tidy rules in the next.

A story-sized loss is allowed only when the rule's own evidence says why,
narrowly: the rule is a removal rule of the advertising, footer-and-chrome or
no-story family, and its evidence names the marker it matched (a label,
phrase or word in quotes: `label 'Sponsored' matched`, `phrase 'Unsubscribe'
…`, `'crossword' matched`). A link's address, a shape or a score is not
enough for that many words, and the html, normalise and tidy families never
may: they change how a text is written, never which text there is.

The corpora are third-party text in `../shared/corpus` (dev: the annotated
items' inputs; bulk: every file): read from there, never copied; without
them the test is skipped.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from nlclean.document import Document
from nlclean.engine import check
from nlclean.findings import Finding
from nlclean.fixer import apply_edits, fix_text
from nlclean.rules import BY_CODE
from nlclean.settings import Settings
from nlclean.text_form import TextForm

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
STORY_WORDS = 20
REMOVAL_FAMILIES = frozenset({"advertising", "footer-and-chrome", "no-story"})
# The evidence names the marker it matched: `label '…'`, `phrase '…'`, `'…' matched`.
_NAMES_A_MARKER = re.compile(r"\b(?:label|phrase) '[^']+'|'[^']+' matched")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_RENDER = MarkdownIt("commonmark").render
_TAG = re.compile(r"<[^<>]*>")
_UNSEEN = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)  # never shown
_ADDRESS = re.compile(r"(?:https?|ftp|mailto):\S+|www\.\S+", re.I)


def _inputs() -> list[tuple[str, Path, str]]:
    """(name, path, format) of every corpus newsletter."""
    found = []
    for item in sorted((CORPUS / "dev").iterdir()) if (CORPUS / "dev").is_dir() else []:
        expect = item / "expect.json"
        for name in ("input.md", "input.txt"):
            if (item / name).exists() and expect.exists():
                found.append((f"dev/{item.name}", item / name, json.loads(expect.read_text())["format"]))
    bulk = CORPUS / "bulk"
    for path in sorted(bulk.glob("*/*")) if bulk.is_dir() else []:
        if path.suffix in (".md", ".txt"):
            found.append((f"bulk/{path.parent.name}/{path.name}", path, "text" if path.suffix == ".txt" else "markdown"))
    return found


def evidence_says_so(finding: Finding) -> bool:
    """Whether a rule's finding may take a story-sized block away (see the module docstring)."""
    rule = BY_CODE[finding.code]
    return rule.family in REMOVAL_FAMILIES and any(_NAMES_A_MARKER.search(e) for e in finding.evidence)


def _visible_words(markdown: str) -> Counter:
    """The words a reader sees: the text rendered, tags, entities and addresses left out."""
    shown = html.unescape(_TAG.sub(" ", _UNSEEN.sub(" ", _RENDER(markdown))))
    return Counter(w.lower() for w in _WORD.findall(_ADDRESS.sub(" ", shown)))


def story_sized_losses(doc, finding: Finding) -> list[tuple[int, int]]:
    """(first line, words lost) of each top-level block the finding's fix takes
    20 or more visible words out of."""
    edits = sorted(finding.fix.edits)
    losses = []
    for block in doc.blocks:
        start, end = doc.offset(block.start), doc.line_end(block.end - 1)
        inside = [e for e in edits if e.start < end and e.end > start]
        if not inside:
            continue
        before = doc.text[start:end]
        clipped = [
            type(e)(max(e.start, start) - start, min(e.end, end) - start, e.replacement if e.start >= start else "")
            for e in inside
        ]
        after = apply_edits(before, clipped)
        lost = sum((_visible_words(before) - _visible_words(after)).values())
        if lost >= STORY_WORDS:
            losses.append((block.start + 1, lost))
    return losses


def unexplained_losses(text: str, format: str) -> list[str]:
    """Every story-sized loss of a real clean whose rule's evidence does not say so."""
    problems: list[str] = []

    def watch(doc, chosen: list[Finding]) -> None:
        for finding in chosen:
            if finding.fix.is_safe and not evidence_says_so(finding):
                for line, lost in story_sized_losses(doc, finding):
                    problems.append(f"{finding.code} removed {lost} words of the block at line {line} "
                                    f"of its round ({finding.message[:80]!r}; evidence {finding.evidence!r})")

    fix_text(TextForm.of(text).normalized, Settings(), format, on_round=watch)
    return problems


INPUTS = _inputs()


@pytest.mark.skipif(not INPUTS, reason="../shared/corpus is not beside this checkout")
def test_no_safe_fix_removes_a_story_without_evidence():
    failures = {}
    for name, path, format in INPUTS:
        problems = unexplained_losses(path.read_bytes().decode("utf-8", "replace"), format)
        if problems:
            failures[name] = problems[:3]
    assert not failures, f"{len(failures)} of {len(INPUTS)} newsletters: " + json.dumps(failures, indent=1)[:6000]


def test_the_check_tells_a_labelled_removal_from_an_unexplained_one():
    # The check itself, on text of its own: a labelled sponsor block of more
    # than 20 words is a story-sized removal its evidence explains; the same
    # removal explained by anything but a marker, or made by a tidy rule, is not.
    body = " ".join(f"gadget{i} helps" for i in range(12))
    text = f"# Weekly\n\nThe news of the day.\n\n## Acme (Sponsored)\n\n{body}.\n\n## Next story\n\nMore news.\n"
    settings = Settings()
    doc = Document(text)
    sponsor = [f for f in check(doc, settings, settings.markers()) if f.code == "NL101"]
    assert sponsor and story_sized_losses(doc, sponsor[0]), "the 24-word sponsor block is story-sized"
    assert evidence_says_so(sponsor[0])
    assert not evidence_says_so(replace(sponsor[0], evidence=("score 5",)))
    assert not evidence_says_so(replace(sponsor[0], code="NL603"))
