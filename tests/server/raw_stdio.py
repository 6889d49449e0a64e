"""A bare JSON-RPC peer on the server's stdin/stdout, for what a client
library would never send: broken framing, lifecycle misuse, odd URIs.

Every read has a deadline, so a server that stops answering fails the test
instead of hanging it.
"""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time

SERVER = [sys.executable, "-m", "nlclean_server"]
DEADLINE = 20.0


def frame(message: dict) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    def __init__(self, command: list[str] = SERVER, cwd: str | None = None) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd)
        self.pending = b""
        self.next_id = 0
        self.received: list[dict] = []

    # --- sending ------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def request(self, method: str, params=None) -> int:
        self.next_id += 1
        self.write(frame({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}))
        return self.next_id

    def notify(self, method: str, params=None) -> None:
        self.write(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    def initialize(self) -> dict:
        answer = self.answer(self.request("initialize", {
            "processId": None, "rootUri": None,
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}}))
        self.notify("initialized", {})
        return answer

    # --- receiving ------------------------------------------------------------------------

    def _fill(self, until: float) -> bool:
        """Read what the server wrote; False at the deadline or at end of output."""
        remaining = until - time.monotonic()
        if remaining <= 0:
            return False
        ready, _, _ = select.select([self.process.stdout], [], [], remaining)
        if not ready:
            return False
        chunk = os.read(self.process.stdout.fileno(), 65536)
        if not chunk:
            return False
        self.pending += chunk
        return True

    def message(self, until: float) -> dict | None:
        while True:
            head, sep, rest = self.pending.partition(b"\r\n\r\n")
            if sep:
                length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                                  if line.lower().startswith(b"content-length")))
                if len(rest) >= length:
                    self.pending = rest[length:]
                    message = json.loads(rest[:length])
                    self.received.append(message)
                    return message
            if not self._fill(until):
                return None

    def wait_for(self, check, timeout: float = DEADLINE) -> dict | None:
        """The first message (from now on) for which `check` holds; None if none came in time.
        Requests from the server (configuration, registration) are answered with null."""
        until = time.monotonic() + timeout
        while (message := self.message(until)) is not None:
            if "id" in message and "method" in message:
                self.write(frame({"jsonrpc": "2.0", "id": message["id"], "result": None}))
            if check(message):
                return message
        return None

    def answer(self, request_id, timeout: float = DEADLINE) -> dict | None:
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)

    def published(self, uri: str, version: int | None = None, timeout: float = DEADLINE) -> dict | None:
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri
                             and (version is None or m["params"].get("version") == version), timeout)

    def exit_code(self, timeout: float = DEADLINE) -> int | None:
        """The server's exit code once it ends; None (and the server killed) if it is still running."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def stderr(self) -> str:
        self.exit_code(5)
        return self.process.stderr.read().decode("utf-8", "replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "RawServer":
        return self

    def __exit__(self, *exc) -> None:
        self.kill()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass
