"""What is kept between documents and between the fixer's rounds (the
`memo.remembered` answers keyed on a block's text, the marker scan's answers
per line, the per-family regexes, the fixer's later rounds parsing only
windows around the last round's edits) must change nothing: a lint, and a fix
round by round (what each round chose, the text, the findings left), come
out the same as in a process where nothing is remembered (NLCLEAN_NO_CACHE,
every answer computed afresh).

Checked on the fuzz strategies and on every file of both corpora when
../shared is there, each file meeting the caches the files before it left
(the bulk corpus with unsafe fixes, the dev corpus with both)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "robustness"))
from corpora import corpus_texts  # noqa: E402
from newsletter_strategies import block, newsletters  # noqa: E402

CI = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# What a lint and a fix give for each (text, format), as JSON: run here, and in
# a process with every cache off.
_OUTCOMES = """
import json, sys
from nlclean.document import Document
from nlclean.engine import check
from nlclean.fixer import fix_text
from nlclean.settings import Settings

def summary(findings):
    return [[f.code, f.start, f.end, f.message,
             None if f.fix is None else [[e.start, e.end, e.replacement] for e in f.fix.edits]] for f in findings]

def outcomes(items, unsafe_only):
    safe = Settings()
    unsafe = safe.with_overrides(unsafe_fixes=True)
    markers = safe.markers()
    out = []
    for text, fmt in items:
        one = {"lint": summary(check(Document(text, fmt), safe, markers))}
        for name, s in (("unsafe", unsafe),) if unsafe_only else (("safe", safe), ("unsafe", unsafe)):
            rounds = []
            result = fix_text(text, s, fmt, markers, on_round=lambda doc, chosen: rounds.append(summary(chosen)))
            one[name] = [result.text, result.rounds, rounds, summary(result.remaining)]
        out.append(one)
    return out

if __name__ == "__main__":
    job = json.load(sys.stdin)
    json.dump(outcomes(job["items"], job["unsafe_only"]), sys.stdout)
"""
_namespace: dict = {}
exec(compile(_OUTCOMES, "outcomes", "exec"), _namespace)

def assert_same_without_caches(items: list[tuple[str, str]], unsafe_only: bool = False) -> None:
    here = json.loads(json.dumps(_namespace["outcomes"](items, unsafe_only)))
    env = {**os.environ, "NLCLEAN_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-c", _OUTCOMES], input=json.dumps({"items": items, "unsafe_only": unsafe_only}),
                         capture_output=True, text=True, env=env, check=True)
    afresh = json.loads(run.stdout)
    assert len(afresh) == len(here)
    for (text, fmt), cached, computed in zip(items, here, afresh):
        assert cached == computed, text[:200]

@CI
@given(st.lists(newsletters(), min_size=15, max_size=15))
def test_fuzzed_newsletters_are_the_same_without_caches(texts):
    assert_same_without_caches([(t, "markdown") for t in texts])

@CI
@given(st.lists(block(), min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_blocks_met_again_in_another_order_are_the_same_without_caches(blocks, rnd):
    """A newsletter, then one of the same blocks reordered and repeated: the second meets warm caches."""
    again = blocks + rnd.sample(blocks, len(blocks))
    assert_same_without_caches([("\n\n".join(blocks), "markdown"), ("\n\n".join(again), "markdown")])

@CI
@given(st.lists(newsletters(), min_size=15, max_size=15))
def test_a_block_source_is_its_lines_joined(texts):
    """`Document.source` slices the text; its definition joins the block's lines."""
    from nlclean.document import Document

    for text in texts:
        doc = Document(text)
        for b in doc.all_blocks:
            assert doc.source(b) == "\n".join(doc.lines[b.start : b.end])

def test_the_dev_corpus_is_the_same_without_caches():
    assert_same_without_caches([(text, fmt) for _, text, fmt in corpus_texts("dev")])

def test_the_bulk_corpus_is_the_same_without_caches():
    assert_same_without_caches([(text, fmt) for _, text, fmt in corpus_texts("bulk")], unsafe_only=True)
