"""A long editing session does not make the server grow.

Measured from outside, as the server's resident memory (Linux /proc): a few
thousand keystrokes after a warm-up. A server that keeps something per
message grows by kilobytes per edit (it kept ~2 KB per didChange, 45 → 83
MB over 20,000 edits); one that keeps nothing stays within allocator noise.
`benchmarks/bench_server.py --memory` runs the 20,000-edit version.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lsp_session import FIXTURES
from raw_stdio import RawServer, frame

WARM_UP, EDITS, BURST = 600, 3000, 20
# 3,000 edits at the old 2 KB each would be ~5.9 MB; allocator noise is far below 1 MB.
MAX_GROWTH_KIB = 1024


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc to read a process's memory")
def test_memory_stays_flat_over_thousands_of_edits():
    uri = "file:///tmp/nlclean-memory-test/harbour.md"
    text = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")
    with RawServer() as server:
        server.initialize()
        server.write(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}))
        assert server.published(uri, 1) is not None
        version, before = 1, 0
        for n in range(WARM_UP + EDITS):
            version += 1
            insert = n % 2 == 0  # type a character, then take it away
            server.write(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0 if insert else 1}},
                                    "text": "x" if insert else ""}]}}))
            if (n + 1) % BURST == 0:
                assert server.published(uri, version) is not None
                server.received.clear()
            if n + 1 == WARM_UP:
                before = rss_kib(server.process.pid)
        growth = rss_kib(server.process.pid) - before
        assert growth < MAX_GROWTH_KIB, f"grew {growth} KiB over {EDITS} edits"
