"""Sure findings lost in the fixer: text that a safe finding of some round of
`fix` removes, but that the output of that same `fix` still holds.

A sure finding that loses an overlap to another finding waits for the next
round; if the next round does not find it again (its evidence went with the
winner), the noise it caught stays. For each document this runs `fix` (safe,
or `--unsafe`), lints each round's text, collects what every safe finding
would remove (`sure_lost_in_safe.removed_pieces`) and lists each piece the
output keeps, with the rules whose chosen edits in that round overlap or meet
the loser's. A piece whose text repeats elsewhere in the document (a URL the
story links too) shows up with no rule beside it: read those by hand.

    python benchmarks/sure_kept_after_fix.py [--unsafe] [DIR ...]   # default: bulk_dev, tune, orig, blind4
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from nlclean.engine import check
from nlclean.files import format_for
from nlclean.fixer import fix_text
from nlclean.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sure_lost_in_safe import DEFAULT, inputs, read, removed_pieces  # noqa: E402


def _same(a, b) -> bool:
    return a.code == b.code and a.start == b.start and a.end == b.end


def _meet(a, b) -> bool:
    return any(x.start <= y.end and y.start <= x.end for x in a.fix.edits for y in b.fix.edits)


def kept(text: str, path: str, unsafe: bool) -> list[tuple[str, str, tuple[str, ...]]]:
    settings = Settings(unsafe_fixes=unsafe)
    markers = settings.markers()
    sure: list[tuple[str, str, tuple[str, ...]]] = []

    def watch(doc, chosen):
        for f in check(doc, settings, markers, path=path):
            if f.fix is None or not f.fix.is_safe or any(_same(c, f) for c in chosen):
                continue
            winners = tuple(sorted({c.code for c in chosen if _meet(c, f)}))
            sure.extend((f.code, piece, winners) for piece in removed_pieces(doc, f))

    output = fix_text(text, settings, format_for(path), markers, path, on_round=watch).text
    out, seen = [], set()
    for code, piece, winners in sure:
        if piece not in seen and piece in output:
            out.append((code, piece, winners))
        seen.add(piece)
    return out


def main(argv: list[str]) -> int:
    unsafe = "--unsafe" in argv
    folders = [Path(a) for a in argv if a != "--unsafe"] or [Path(d) for d in DEFAULT]
    total, pairs = 0, Counter()
    for folder in folders:
        files = [p for d in sorted(folder.iterdir()) if d.is_dir() for p in inputs(d)]
        count = 0
        for p in files:
            for code, piece, winners in kept(read(p), str(p), unsafe):
                count += 1
                pairs[(code, winners)] += 1
                print(f"{p}: {code} (beside {', '.join(winners) or 'nothing'}) {piece[:90]!r}")
        print(f"# {folder}: {len(files)} files, {count} pieces kept")
        total += count
    print(f"# total {total}")
    for (code, winners), n in pairs.most_common():
        print(f"#   {n:4d} {code} beside {', '.join(winners) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
