"""Fuzz nlclean for a while: newsletter-like markdown from the robustness
strategies, every SPEC §3 promise checked on each input.

    python scripts/fuzz.py                  # 5 minutes, markdown, safe fixes
    python scripts/fuzz.py --minutes 30 --unsafe --format text
    python scripts/fuzz.py --seed 6000000   # batch k runs with seed 6000000 + k: a rerun repeats it

Prints how many inputs it tried. On the first broken promise it prints the
smallest input hypothesis could shrink it to, as a ready-to-paste pytest
case, and exits 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "robustness"))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsletter_strategies import newsletters  # noqa: E402
from promises import check_promises  # noqa: E402

TEST_CASE = '''
def test_fuzz_finding():
    # found by scripts/fuzz.py: {problem}
    text = {text!r}
    check_promises(text{options})
'''


BATCH = 200  # inputs per hypothesis run; runs repeat, each with a fresh seed, until time is up


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--format", choices=["markdown", "text"], default="markdown")
    parser.add_argument("--unsafe", action="store_true", help="apply unsafe fixes too")
    parser.add_argument("--raw", action="store_true", help="also arbitrary unicode text, not only newsletters")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the first batch (the next ones count up from it); default: random")
    args = parser.parse_args(argv)

    deadline = time.monotonic() + args.minutes * 60
    tried = 0
    last_failure: dict[str, object] = {}
    source = st.one_of(newsletters(), st.text(max_size=300)) if args.raw else newsletters()

    @settings(max_examples=BATCH, deadline=None, database=None, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @given(source)
    def run(text: str) -> None:
        nonlocal tried
        tried += 1
        try:
            check_promises(text, format=args.format, unsafe=args.unsafe)
        except Exception as exc:  # a broken promise or a crash: remember the (shrinking) input
            last_failure.update(text=text, problem=f"{type(exc).__name__}: {exc}"[:300])
            raise

    batches = 0
    while time.monotonic() < deadline:
        batches += 1
        try:
            (run if args.seed is None else seed(args.seed + batches - 1)(run))()
        except Exception as exc:
            options = "".join(
                [f", format={args.format!r}" if args.format != "markdown" else "", ", unsafe=True" if args.unsafe else ""]
            )
            at = "" if args.seed is None else f" (batch seed {args.seed + batches - 1})"
            print(f"tried {tried} inputs{at}; broken promise, smallest input:")
            if last_failure:
                print(TEST_CASE.format(problem=last_failure["problem"], text=last_failure["text"], options=options))
            else:
                print(f"(no input recorded) {type(exc).__name__}: {exc}")
            return 1
    print(f"tried {tried} inputs in {args.minutes:g} minutes ({batches} runs of up to {BATCH}): every promise kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
