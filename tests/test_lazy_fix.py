"""A removal's fix is built when it is first asked for, not while linting.

Whether a removal must leave a blank line (`context.gap_between`) is read by
parsing the blocks around it; a lint that only reports never needs the
answer. So `CheckContext.remove_lines` hands the fix a function that makes
its edit (`findings.Fix` calls it on first use). These tests show that a lint
parses no gap, and that the edits made later are the ones the eager
computation makes (every shortcut off, `memo.SHORTCUTS`), on the dev corpus
and the fuzz strategies; tests/test_shared_caches.py compares whole lints
and fixes with NLCLEAN_NO_CACHE too."""
from __future__ import annotations

import pickle
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlclean import context, memo
from nlclean.document import Document
from nlclean.engine import check
from nlclean.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
from corpora import corpus_texts  # noqa: E402
from newsletter_strategies import newsletters  # noqa: E402

SETTINGS = Settings()
MARKERS = SETTINGS.markers()


def _count_gap_parses(monkeypatch) -> list[int]:
    parses = [0]
    parse = context._starts_a_block

    def counted(lines, row):
        parses[0] += 1
        return parse(lines, row)

    monkeypatch.setattr(context, "_starts_a_block", counted)
    return parses


def _lazy_then_eager(items, monkeypatch) -> tuple[int, int]:
    """Lint each text lazily, then eagerly; the two reports must be equal.
    (fixes left to build, gap parses while linting lazily)."""
    parses = _count_gap_parses(monkeypatch)
    pending = parses_while_linting = 0
    for text, fmt in items:
        monkeypatch.setattr(memo, "SHORTCUTS", True)
        before = parses[0]
        lazy = check(Document(text, fmt), SETTINGS, MARKERS)
        parses_while_linting += parses[0] - before
        pending += sum(1 for f in lazy if f.fix is not None and f.fix._make is not None)
        monkeypatch.setattr(memo, "SHORTCUTS", False)
        eager = check(Document(text, fmt), SETTINGS, MARKERS)
        assert not any(f.fix is not None and f.fix._make is not None for f in eager)
        assert [f.to_dict() for f in lazy] == [f.to_dict() for f in eager], text[:200]
        assert lazy == eager
    return pending, parses_while_linting


def test_a_lint_of_the_dev_corpus_parses_no_gap_and_its_fixes_come_out_as_built_eagerly(monkeypatch):
    pending, parses = _lazy_then_eager([(text, fmt) for _, text, fmt in corpus_texts("dev")], monkeypatch)
    assert pending > 0  # the corpus has removals whose edit waits for the question
    assert parses == 0


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(newsletters(), min_size=5, max_size=5))
def test_fuzzed_newsletters_get_the_fixes_built_eagerly(monkeypatch, texts):
    _, parses = _lazy_then_eager([(t, "markdown") for t in texts], monkeypatch)
    assert parses == 0


def test_a_fix_sent_to_another_process_carries_its_edits():
    """Parallel lint pickles findings; a function does not pickle, its edits do."""
    for _, text, fmt in corpus_texts("dev"):
        pending = [f for f in check(Document(text, fmt), SETTINGS, MARKERS)
                   if f.fix is not None and f.fix._make is not None]
        if pending:
            break
    assert pending
    for f in pending:
        again = pickle.loads(pickle.dumps(f))
        assert again.fix._make is None and again.fix.edits == f.fix.edits
        assert again == f
