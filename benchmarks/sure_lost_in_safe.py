"""Sure findings lost to a judgement: lines that a safe finding removes while
`fix --unsafe-fixes` runs, but that `fix` without it leaves.

Issue 11: evidence that is only a judgement is an unsafe fix, unmistakable
evidence is safe, so a safe run must still apply every sure finding. When a
judgement's extent (an unsafe finding) claims lines, a rule may skip the sure
finding inside them; in a safe run the judgement is not applied and nothing
removes those lines.

For each document this runs the unsafe fix round by round and lints each
round's text (the findings a round is checked on); every line that a safe
finding deletes whole (or the text it cuts out of a line) is what sure
evidence removes. It then runs the safe fix and counts those pieces (by their
text, with repeats) that its output keeps more often than the unsafe fix's
output does. (A line that both outputs keep
is a safe finding that met another safe one and was not found again in the
next round: that is not a judgement's doing.)
Each is listed with the code of the safe finding that removes it.

    python benchmarks/sure_lost_in_safe.py [--safe-src SRC] [DIR ...]   # default: bulk_dev, tune, orig, blind4

A judgement that hid a sure finding hides it in both modes' lint, so a tree
cannot count its own losses: the sure findings are this checkout's (where a
judgement claims nothing against a sure finding), and `--safe-src SRC` takes
the safe fix's output from another source tree (`git archive REV src`), so
that one oracle counts the lines an older tree loses and this one keeps.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from nlclean.document import Document
from nlclean.engine import check
from nlclean.files import format_for
from nlclean.fixer import fix_text
from nlclean.settings import Settings

_WORD = re.compile(r"\w+")
DEFAULT = ["/work/bulk_dev", "/work/halves/tune", "/work/halves/orig", "/work/blind4"]


def inputs(folder: Path):
    for name in ("input.md", "input.txt"):
        if (folder / name).exists():
            yield folder / name
            return
    yield from sorted(folder.glob("*.md"))


def removed_pieces(doc: Document, finding) -> list[str]:
    """What the finding's edits delete: each whole line with text, and the
    text an edit cuts out of one line (footer sentences after a greeting).
    A piece without two words ("---", a lone bracket) repeats too often to
    be told apart by its text, and is left out."""
    out = []
    for e in finding.fix.edits:
        if e.replacement.strip():
            continue
        first = doc.position(e.start).line - 1
        last = doc.position(e.end).line - 1
        for i in range(first, min(last + 1, len(doc.lines))):
            a, b = doc.offset(i), doc.line_end(i)
            piece = doc.lines[i] if e.start <= a and b <= e.end else doc.text[max(a, e.start):min(b, e.end)].strip()
            if len(_WORD.findall(piece)) >= 2:
                out.append(piece)
    return out


def safe_outputs(files: list[Path]) -> dict[str, str]:
    """The safe fix's output of each file, with this process's source."""
    markers = Settings().markers()
    return {str(p): fix_text(read(p), Settings(), format_for(p), markers, str(p)).text for p in files}


def read(p: Path) -> str:
    text = p.read_text(encoding="utf-8")
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def lost(text: str, path: str, safe_output: str | None = None) -> list[tuple[str, str]]:
    markers = Settings().markers()
    sure: list[tuple[str, str]] = []

    def watch(doc, _chosen):
        for f in check(doc, unsafe, markers, path=path):
            if f.fix is not None and f.fix.is_safe:
                sure.extend((f.code, piece) for piece in removed_pieces(doc, f))

    unsafe = Settings(unsafe_fixes=True)
    unsafe_output = fix_text(text, unsafe, format_for(path), markers, path, on_round=watch).text
    if safe_output is None:
        safe_output = fix_text(text, Settings(), format_for(path), markers, path).text
    out, seen = [], set()
    for code, piece in sure:
        if piece in seen:
            continue
        seen.add(piece)
        if safe_output.count(piece) > unsafe_output.count(piece):  # the unsafe fix removed it, the safe fix did not
            out.append((code, piece))
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["--dump-safe"]:  # (run with the other tree's source first on the path)
        json.dump(safe_outputs([Path(a) for a in argv[1:]]), sys.stdout)
        return 0
    safe_src = None
    if argv[:1] == ["--safe-src"]:
        safe_src, argv = argv[1], argv[2:]
    folders = [Path(a) for a in (argv or DEFAULT)]
    total = 0
    for folder in folders:
        count = 0
        files = [p for d in sorted(folder.iterdir()) if d.is_dir() for p in inputs(d)] if folder.is_dir() else []
        outputs: dict[str, str] = {}
        if safe_src is not None:
            done = subprocess.run([sys.executable, __file__, "--dump-safe", *map(str, files)], capture_output=True,
                                  text=True, check=True, env={**os.environ, "PYTHONPATH": safe_src})
            outputs = json.loads(done.stdout)
        for p in files:
            for code, line in lost(read(p), str(p), outputs.get(str(p))):
                count += 1
                print(f"{p}: {code} {line[:100]!r}")
        print(f"# {folder}: {len(files)} files, {count} pieces lost")
        total += count
    print(f"# total {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
