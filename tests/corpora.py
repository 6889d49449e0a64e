"""The newsletters of ../shared/corpus (dev or bulk) for tests that compare a
shortcut with its definition on real text; a test skips when the folder is
not there."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from nlclean.files import NEWSLETTER_SUFFIXES, format_for
from nlclean.text_form import TextForm

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_texts(folder: str) -> list[tuple[Path, str, str]]:
    """(path, normalised text, format) of every newsletter in the folder, in name order."""
    root = CORPUS / folder
    if not root.is_dir():
        pytest.skip(f"no corpus at {root}")
    return [(p, TextForm.of(p.read_bytes().decode("utf-8", errors="replace")).normalized, format_for(p))
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix.lower() in NEWSLETTER_SUFFIXES]
