"""How long the language server takes from a keystroke to its diagnostics,
next to how long the engine itself takes on the same text; and, with
`--memory`, whether its memory stays flat over a long session.

    python benchmarks/bench_server.py [--edits 30] [--big-edits 8] [--sizes 2000,100000,1000000]
    python benchmarks/bench_server.py --memory [--memory-edits 20000]

For each size it builds a newsletter of about that many bytes (the corpus's
bulk newsletters read at run time, or the test fixture repeated when the
corpus is absent; nothing is written to the repository), starts
`python -m nlclean_server` over stdio as an editor would (diagnostics pushed,
UTF-16), opens the text, then sends one-character edits one at a time. For
each edit it times didChange → the publishDiagnostics of that version
(until the first byte of the answer: the client's own JSON decoding is not the
server's time), and then, with the server idle, the engine alone
(`check(Document(text), settings)`) on the same text in this process. It
prints the medians and the server's overhead (latency minus engine time,
paired per edit), and the overhead in CPU time (the server process's CPU time
over all edits minus the engine's, per edit), which stays meaningful when
other processes make wall-clock times noisy. Aim: at most 10 ms at the median.
Then it sends a burst of 50 edits without waiting and counts the publishes
until the last version's (latest edit wins: about two, not fifty), and
checks that the last one has the engine's findings.

`--memory` opens a small newsletter and sends one-character edits (typed
and taken back, in bursts of 20, each burst waited for until its last
version is published) and prints the server's resident memory (VmRSS) after
a warm-up of 1,000 edits and every 5,000 edits after it, and the growth per
edit. A session that keeps nothing per edit stays flat: at most a few bytes
per edit (allocator noise), not kilobytes.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from nlclean.document import Document
from nlclean.engine import check
from nlclean.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/bulk")
FIXTURE = ROOT / "tests" / "server" / "fixtures" / "harbour-notes.md"


def newsletter(size: int) -> str:
    sources = sorted(CORPUS.glob("*/*.md")) if CORPUS.is_dir() else []
    pieces = [p.read_text(encoding="utf-8") for p in sources] or [FIXTURE.read_text(encoding="utf-8")]
    out, total, i = [], 0, 0
    while total < size:
        piece = pieces[i % len(pieces)]
        out.append(piece.rstrip("\n") + "\n\n")
        total += len(out[-1].encode("utf-8"))
        i += 1
    return "".join(out)


class Server:
    """A bare JSON-RPC client on the server's stdio, so that timing sees the server, not a client library."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "nlclean_server"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, cwd="/tmp")
        self.next_id = 0

    def send(self, method: str, params, request: bool = False) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def receive(self) -> tuple[float, dict]:
        """The next message, and when its first byte arrived."""
        stream = self.process.stdout
        header = stream.readline()
        arrived = time.perf_counter()
        length = 0
        while header.strip():
            if header.lower().startswith(b"content-length:"):
                length = int(header.split(b":")[1])
            header = stream.readline()
        return arrived, json.loads(stream.read(length))

    def wait_for(self, check) -> tuple[float, dict]:
        while True:
            arrived, message = self.receive()
            if message.get("method") == "workspace/configuration" or message.get("method") == "client/registerCapability":
                self.answer(message, None)
            elif check(message):
                return arrived, message

    def answer(self, message: dict, result) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def start(self) -> None:
        request = self.send("initialize", {"processId": None, "rootUri": None, "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {"publishDiagnostics": {"versionSupport": True}}}}, request=True)
        self.wait_for(lambda m: m.get("id") == request)
        self.send("initialized", {})

    def stop(self) -> None:
        request = self.send("shutdown", None, request=True)
        self.wait_for(lambda m: m.get("id") == request)
        self.send("exit", None)
        self.process.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (user + system), from /proc; 0 where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def published(uri: str, version: int):
    return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri and m["params"].get("version") == version)


def bench(size: int, edits: int) -> dict:
    text = newsletter(size)
    lines = text.split("\n")
    settings = Settings()
    server = Server()
    server.start()
    uri = f"file:///tmp/nlclean-bench-{size}.md"
    server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    _, first = server.wait_for(published(uri, 1))
    latencies, engine = [], []
    server_cpu, engine_cpu = -cpu_seconds(server.process.pid), 0.0
    for n in range(edits):
        version = n + 2
        line = (n * 7919) % len(lines)  # spread over the document
        if n % 2 == 0:  # insert a character at the line's start, then take it away again
            change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"}
            lines[line] = "x" + lines[line]
        else:
            line = ((n - 1) * 7919) % len(lines)
            change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""}
            lines[line] = lines[line][1:]
        sent = time.perf_counter()
        server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        arrived, message = server.wait_for(published(uri, version))
        latencies.append(arrived - sent)
        current = "\n".join(lines)
        start, start_cpu = time.perf_counter(), time.process_time()
        findings = check(Document(current), settings)
        engine.append(time.perf_counter() - start)
        engine_cpu += time.process_time() - start_cpu
        assert len(findings) == len(message["params"]["diagnostics"]), "server and engine disagree"
    server_cpu += cpu_seconds(server.process.pid)
    publishes, burst_right = burst(server, uri, lines, edits + 2, settings)
    server.stop()
    return {
        "bytes": len(text.encode("utf-8")),
        "diagnostics": len(first["params"]["diagnostics"]),
        "edits": edits,
        "latency": statistics.median(latencies),
        "engine": statistics.median(engine),
        "overhead": statistics.median(a - b for a, b in zip(latencies, engine)),
        # The same comparison in CPU time, which other processes on a busy machine do not inflate.
        "cpu_overhead": (server_cpu - engine_cpu) / edits if server_cpu > 0 else float("nan"),
        "burst_publishes": publishes,
        "burst_right": burst_right,
    }


BURST = 50


def burst(server: Server, uri: str, lines: list[str], version: int, settings: Settings) -> tuple[int, bool]:
    """Send BURST edits without waiting (a fast typist), then count the
    publishes until the last version's, and whether that one is right."""
    for n in range(BURST):
        lines[0] = "x" + lines[0]
        change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}
        server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version + n}, "contentChanges": [change]})
    last = version + BURST - 1
    count = 0

    def until_last(message: dict) -> bool:
        nonlocal count
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            count += 1
            return message["params"].get("version") == last
        return False

    _, message = server.wait_for(until_last)
    findings = check(Document("\n".join(lines)), settings)
    return count, len(findings) == len(message["params"]["diagnostics"])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def memory(edits: int, burst: int = 20, warm_up: int = 1000, report_every: int = 5000) -> None:
    server = Server()
    server.start()
    uri = "file:///tmp/nlclean-bench-memory.md"
    text = FIXTURE.read_text(encoding="utf-8")
    server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.wait_for(published(uri, 1))
    version = 1
    at_zero = 0
    print(f"{'edits':>8} {'RSS MiB':>8} {'bytes/edit since warm-up':>26}")
    for n in range(warm_up + edits):
        version += 1
        insert = n % 2 == 0  # type a character at the top, then take it away
        change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0 if insert else 1}},
                  "text": "x" if insert else ""}
        server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        if (n + 1) % burst == 0:
            server.wait_for(published(uri, version))
        done = n + 1 - warm_up
        if done == 0:
            at_zero = rss_kib(server.process.pid)
            print(f"{0:>8} {at_zero / 1024:>8.1f} {'(warm-up done)':>26}")
        elif done > 0 and (done % report_every == 0 or done == edits):
            now = rss_kib(server.process.pid)
            print(f"{done:>8} {now / 1024:>8.1f} {(now - at_zero) * 1024 / done:>26.0f}")
    server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,100000,1000000", help="comma-separated sizes in bytes")
    parser.add_argument("--edits", type=int, default=30, help="edits on texts up to 200 KB")
    parser.add_argument("--big-edits", type=int, default=8, help="edits on larger texts (each lint takes seconds)")
    parser.add_argument("--memory", action="store_true", help="measure memory over a long session instead")
    parser.add_argument("--memory-edits", type=int, default=20_000, help="edits after the warm-up (--memory)")
    args = parser.parse_args()
    if args.memory:
        memory(args.memory_edits)
        return 0
    print(f"{'size':>10} {'diags':>6} {'edits':>6} {'engine ms':>10} {'server ms':>10} {'overhead ms':>12} "
          f"{'cpu overhead ms':>16} {f'publishes/{BURST} edits':>20}")
    worst = 0.0
    for size in (int(s) for s in args.sizes.split(",")):
        r = bench(size, args.edits if size <= 200_000 else args.big_edits)
        worst = max(worst, r["overhead"])
        print(f"{r['bytes']:>10} {r['diagnostics']:>6} {r['edits']:>6} {r['engine'] * 1000:>10.1f} "
              f"{r['latency'] * 1000:>10.1f} {r['overhead'] * 1000:>12.1f} {r['cpu_overhead'] * 1000:>16.1f} "
              f"{r['burst_publishes']:>9} ({'last right' if r['burst_right'] else 'LAST WRONG'})")
    print(f"median overhead at most {worst * 1000:.1f} ms (aim: 10 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
