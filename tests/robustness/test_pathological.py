"""Pathological inputs never crash, hang, add words or lose idempotence.

A hang detector, not a speed test: every shape of `pathological.py` is
cleaned at a moderate size in a child process under a generous time limit
(a runaway regex cannot be interrupted in-process). How the time grows with
the size is `benchmarks/bench_linearity.py`'s question, at full sizes (a
10 MB newsletter, a 1 MB line).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathological import BIG, SHAPES

HERE = Path(__file__).resolve().parent
SIZE = 10_000  # characters per shape
# Bigger than SIZE where the shape is cheap or is the point of the test.
SIZES = {
    "blank lines only": 200_000,
    "spaces and blank lines": 100_000,
    "one long line": 50_000,
    "newsletter": 30_000,
    "nul bytes": 50_000,
}
PER_SHAPE_SECONDS = 30  # about 100× what a shape takes: only a hang trips it
TOTAL_SECONDS = 150

_CHILD = r"""
import json, sys, time, traceback
sys.path.insert(0, sys.argv[1])
import nlclean
from nlclean.guard import words
from pathological import BIG, SHAPES
sizes = json.loads(sys.argv[2])
for name, size in sizes.items():
    print(json.dumps({"start": name}), flush=True)
    text = SHAPES[name](size)
    t0 = time.perf_counter()
    record = {"shape": name, "chars": len(text)}
    try:
        cleaned = nlclean.clean(text)
        record["seconds"] = time.perf_counter() - t0
        nlclean.lint(text)
        record["added"] = sorted((words(cleaned) - words(text)).keys())[:5]
        record["idempotent"] = nlclean.clean(cleaned) == cleaned
    except Exception:
        record["error"] = traceback.format_exc()
    print(json.dumps(record), flush=True)
"""


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    sizes = {name: SIZES.get(name, SIZE) for name in SHAPES}
    try:
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(HERE), json.dumps(sizes)],
            capture_output=True, text=True, timeout=TOTAL_SECONDS,
        ).stdout
    except subprocess.TimeoutExpired as timeout:
        out = timeout.stdout or ""
        if isinstance(out, bytes):
            out = out.decode()
    found: dict[str, dict] = {}
    for line in out.splitlines():
        item = json.loads(line)
        if "start" in item:
            found[item["start"]] = {"hung": True}
        else:
            found[item["shape"]] = item
    return found


@pytest.mark.parametrize("shape", list(SHAPES))
def test_pathological_input_is_cleaned_safely(records, shape):
    assert shape in records, "not reached: an earlier shape hung (see its failure)"
    record = records[shape]
    assert not record.get("hung"), f"still running after the {TOTAL_SECONDS}s limit"
    assert "error" not in record, record.get("error")
    assert record["seconds"] < PER_SHAPE_SECONDS
    assert not record["added"], f"new words: {record['added']}"
    assert record["idempotent"]


def test_every_shape_grows_with_its_size():
    for name, build in SHAPES.items():
        small, large = len(build(1_000)), len(build(10_000))
        assert 5 * small <= large <= 20 * small, name


# How many times a bare parse cleaning a big shape may take. Cleaning parses
# the text once per round (up to three here) and runs every rule: about 3-10×
# on an idle machine; the bound leaves room for a busy one, and catches a
# shape that grows faster than the parse (10× the text, 100× the time).
PARSE_RATIO = 40
# The sizes of pathological.BIG take minutes of a shared machine in markdown-it
# alone; the test uses a fifth of them (`benchmarks/bench_linearity.py --huge`
# runs them whole).
BIG_FRACTION = 5

_BIG_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from markdown_it import MarkdownIt
import nlclean
from pathological import BIG, SHAPES
name, size = sys.argv[2], int(sys.argv[3])
text = SHAPES[name](size)
nlclean.clean("# warm\n\nup $5 &amp; <b>x</b>\n")  # markers and rules load once, not in the timing
t0 = time.perf_counter()
MarkdownIt("commonmark").parse(text)
parse = time.perf_counter() - t0
t0 = time.perf_counter()
nlclean.clean(text)
print(json.dumps({"chars": len(text), "parse": parse, "clean": time.perf_counter() - t0}))
"""


@pytest.mark.parametrize("shape", list(BIG))
def test_big_shapes_stay_within_a_ratio_of_a_bare_parse(shape):
    size = BIG[shape] // BIG_FRACTION
    out = subprocess.run([sys.executable, "-c", _BIG_CHILD, str(HERE), shape, str(size)],
                         capture_output=True, text=True, timeout=TOTAL_SECONDS)
    assert out.returncode == 0, out.stderr[-2000:]
    record = json.loads(out.stdout)
    ratio = record["clean"] / max(record["parse"], 1e-3)
    assert ratio <= PARSE_RATIO, f"{record['chars']} chars: clean {record['clean']:.2f}s, parse {record['parse']:.2f}s"
