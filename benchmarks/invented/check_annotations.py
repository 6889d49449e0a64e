"""Check an invented annotated set before anyone scores it: every `remove`
snippet occurs exactly once in its input, every `keep` snippet at least once
(a digest's contents may repeat a headline), and no removed snippet overlaps
or contains a kept one. Prints one line per item and never a snippet, so it
can run on a held-out set without reading it.

    python3 benchmarks/invented/check_annotations.py [FOLDER]   # default: blind4 beside this file

Exit status 1 when any item has a problem.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(text: str, remove: list[str], keep: list[str]) -> list[str]:
    found = []
    for kind, snippets in (("remove", remove), ("keep", keep)):
        for snippet in snippets:
            count = text.count(snippet)
            if count == 0 or (kind == "remove" and count != 1):
                found.append(f"a {kind} snippet occurs {count} times")
    for r in remove:
        for k in keep:
            if r in k or k in r:
                found.append("a remove snippet and a keep snippet contain one another")
    kept_spans = [(text.find(k), text.find(k) + len(k)) for k in keep if k in text]
    for r in remove:
        start = text.find(r)
        if start >= 0 and any(start < k_end and k_start < start + len(r) for k_start, k_end in kept_spans):
            found.append("a remove snippet overlaps a keep snippet")
    return found


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "blind4"
    bad = 0
    for item in sorted(p for p in root.iterdir() if p.is_dir()):
        expect_path = item / "expect.json"
        if not expect_path.exists():
            print(f"{item.name:32s} no expect.json")
            bad += 1
            continue
        expect = json.loads(expect_path.read_text(encoding="utf-8"))
        text = (item / ("input.md" if expect["format"] == "markdown" else "input.txt")).read_text(encoding="utf-8")
        found = problems(text, expect["remove"], expect["keep"])
        print(f"{item.name:32s} {expect['format']:8s} {len(text.encode()) / 1024:5.1f}KB "
              f"rm={len(expect['remove']):2d} keep={len(expect['keep']):2d} {'PROBLEMS' if found else 'OK'}")
        for problem in found:
            print("   ", problem)
        bad += len(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
