"""The parsed document: what the rules read as prose, and what they leave as code."""
from __future__ import annotations

import subprocess
import sys

from nlclean.document import Document, reads_as_prose


def test_prose_indented_into_a_code_block_is_read_as_prose():
    text = "Intro.\n\n    A word from our friends at Acme.\n\n    Acme makes sleds that you will love. [Try](https://a.example)\n"
    doc = Document(text)
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert all(b.indented for b in doc.blocks[1:])
    # Only a removal changes it: it still renders as code.
    assert doc.protected(doc.blocks[1]) == [(0, len(doc.source(doc.blocks[1])))]
    assert {2, 3, 4} <= doc.code_lines


def test_code_stays_code():
    assert not reads_as_prose(["    def f(x):", "        return x + 1"])
    assert not reads_as_prose(["    npm install left-pad"])  # words, but no sentence
    assert not reads_as_prose(["    for (let i = 0; i < n; i++) {"])
    assert not reads_as_prose(["    <div>Sponsored by Acme, the best sleds in town.</div>"])
    assert not reads_as_prose(["    | 12.5 | 13.1 | 14.0 |"])
    assert reads_as_prose(["    ( https://example.com/logo )", "    https://example.com/r/abc"])
    doc = Document("Text.\n\n    x = compute(y)\n    print(x)\n\n```\nSponsored by Acme. A sentence.\n```\n")
    assert [b.kind for b in doc.blocks] == ["paragraph", "code_block", "fence"]


def test_markdown_it_debug_calls_are_skipped_only_while_its_debug_logging_is_off():
    program = (
        "import logging, sys\n"
        "{setup}"
        "import nlclean.document\n"
        "heading = sys.modules['markdown_it.rules_block.heading']\n"
        "print(type(heading.LOGGER).__name__)\n"
    )
    off = subprocess.run([sys.executable, "-c", program.format(setup="")], capture_output=True, text=True, check=True)
    assert off.stdout.strip() == "_DebugOff"
    on = subprocess.run(
        [sys.executable, "-c", program.format(setup="logging.basicConfig(level=logging.DEBUG)\n")],
        capture_output=True, text=True, check=True,
    )
    assert on.stdout.strip() == "Logger"
