"""The language server under stress, over raw stdio: bursts of edits, a huge
document, malformed JSON-RPC and unknown methods. It must stay up and keep
answering, and its last diagnostics must be for the last version.

This client writes the wire format by hand (no LSP library between the test
and the bytes), so a malformed message really is malformed.
"""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest

from pathological import newsletter

pytest.importorskip("pygls")

TIMEOUT = 60


class RawClient:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "nlclean_server"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.diagnostics: dict[str, list[dict]] = {}
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()  # never let stderr fill up

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.setdefault(message["params"]["uri"], []).append(message["params"])
            self.messages.put(message)

    def send_bytes(self, body: bytes) -> None:
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        self.send_bytes(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8"))

    def notify(self, method: str, params) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params, *, raw_id=None) -> int:
        self._next_id += 1
        rid = raw_id if raw_id is not None else self._next_id
        self.send({"id": rid, "method": method, "params": params})
        return rid

    def answer(self, rid, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, f"the server exited ({self.proc.returncode})"
                continue
            if message.get("id") == rid and "method" not in message:
                return message
            if "method" in message and "id" in message:  # a request from the server: say no
                self.send({"id": message["id"], "result": None})
        raise AssertionError(f"no answer to request {rid} in {timeout}s")

    def wait_for_version(self, uri: str, version: int, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            published = self.diagnostics.get(uri, [])
            if published and published[-1].get("version") == version:
                return published[-1]
            assert self.proc.poll() is None, f"the server exited ({self.proc.returncode})"
            time.sleep(0.1)
        raise AssertionError(f"no diagnostics for version {version} of {uri}; last: "
                             f"{[p.get('version') for p in self.diagnostics.get(uri, [])][-3:]}")

    def hover(self, uri: str) -> dict:
        return self.answer(self.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}))

    def close(self) -> None:
        try:
            rid = self.request("shutdown", None)
            self.answer(rid, timeout=20)
            self.notify("exit", None)
            self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the whole module: what one test throws at it, the next must survive."""
    client = RawClient()
    root = tmp_path_factory.mktemp("stress")
    rid = client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    assert "result" in client.answer(rid)
    client.notify("initialized", {})
    yield client
    client.close()
    assert client.proc.returncode == 0


def _open(server, uri: str, text: str, version: int = 1) -> None:
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": version, "text": text}})


def test_a_burst_of_edits_ends_with_the_last_versions_diagnostics(server, tmp_path):
    uri = (tmp_path / "burst.md").as_uri()
    text = newsletter(3_000)
    _open(server, uri, text)
    last = 1
    for version in range(2, 152):  # 150 edits as fast as the pipe takes them
        text = text + f"\nTyping {version} &amp; $5"
        if version % 3:  # incremental: insert at the top
            change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}
            text = "x" + text
            change_text = [change, {"text": text}]
        else:
            change_text = [{"text": text}]
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": change_text})
        last = version
    published = server.wait_for_version(uri, last)
    assert any(d.get("code") == "NL501" for d in published["diagnostics"])
    assert "result" in server.hover(uri)


def test_a_huge_document_is_checked_and_the_server_keeps_answering(server, tmp_path):
    uri = (tmp_path / "huge.md").as_uri()
    _open(server, uri, newsletter(150_000))
    small = (tmp_path / "small.md").as_uri()
    _open(server, small, "Tom&#8217;s $5\n")
    assert "result" in server.hover(small)
    assert server.wait_for_version(uri, 1, timeout=120)["diagnostics"]
    assert server.wait_for_version(small, 1)["diagnostics"]


MALFORMED = [
    b"{not json",
    b"",
    b"[1, 2, 3]",
    b'"a string"',
    b"null",
    b'{"jsonrpc": "2.0"}',
    b'{"jsonrpc": "2.0", "id": 99, "method": 12}',
    b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": 5}',
    b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///x.md"}}}',
    b'{"jsonrpc": "2.0", "id": "r", "method": "textDocument/codeAction", "params": {"textDocument": {}}}',
    "{\"jsonrpc\": \"2.0\", \"method\": \"\u00e9\u00e9\", \"params\": {}}".encode("utf-8"),
    b"\xff\xfe\x00garbage",
]


def test_malformed_messages_leave_it_serving(server, tmp_path):
    for n, body in enumerate(MALFORMED):
        server.send_bytes(body)
        uri = (tmp_path / f"after-{n}.md").as_uri()
        _open(server, uri, "Tom&#8217;s $5\n")
        assert server.wait_for_version(uri, 1)["diagnostics"], body
        assert "result" in server.hover(uri), body


def test_unknown_methods_get_method_not_found(server, tmp_path):
    rid = server.request("nlclean/noSuchMethod", {"x": 1})
    assert server.answer(rid)["error"]["code"] == -32601
    server.notify("nlclean/noSuchNotification", {"x": 1})
    server.notify("$/cancelRequest", {"id": 12345})
    rid = server.request("textDocument/hover", {"textDocument": {"uri": 3}, "position": "top"})
    assert "error" in server.answer(rid)
    uri = (tmp_path / "after.md").as_uri()
    _open(server, uri, "Tom&#8217;s $5\n")
    assert "result" in server.hover(uri)
