"""The server over raw stdio: broken framing, lifecycle by the letter of the
spec, and URIs no editor should send. After each, `shutdown` is answered and
`exit` ends the server: it never goes deaf."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlclean_server.framing import Framer
from raw_stdio import RawServer, frame

CAFE = "# Café notes\n\nPrices rise &amp; fall.\n"
URI = "file:///tmp/nlclean-probe/cafe.md"


def did_open(text: str = CAFE, uri: str = URI) -> dict:
    return {"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}


def body(message: dict) -> bytes:
    return json.dumps(message, ensure_ascii=False).encode("utf-8")


def hover_request(request_id: int) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 13}}}


def shuts_down_cleanly(server: RawServer) -> None:
    reply = server.answer(server.request("shutdown"))
    assert reply is not None, "no reply to shutdown: the server went deaf"
    assert reply.get("result", "missing") is None and "error" not in reply
    server.notify("exit")
    assert server.exit_code() == 0


# Each probe: the bytes to send after initialize. The didOpen of a document
# with "Café" in it is what each one damages.
def counted_in_characters() -> bytes:
    data = body(did_open())
    return b"Content-Length: %d\r\n\r\n" % len(data.decode("utf-8")) + data  # one short: é is two bytes


def too_short() -> bytes:
    data = body(did_open())
    return b"Content-Length: %d\r\n\r\n" % (len(data) - 12) + data


def too_long_then_more() -> bytes:
    data = body(did_open())
    return b"Content-Length: %d\r\n\r\n" % (len(data) + 40) + data


def missing_length() -> bytes:
    return b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + body(did_open())


def lf_only_headers() -> bytes:
    data = body(did_open())
    return b"Content-Length: %d\n\n" % len(data) + data


def lowercase_header_name() -> bytes:
    data = body(did_open())
    return b"content-length: %d\r\n\r\n" % len(data) + data


PROBES = [counted_in_characters, too_short, too_long_then_more, missing_length, lf_only_headers,
          lowercase_header_name]


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.__name__)
def test_a_framing_error_does_not_leave_the_server_deaf(probe):
    with RawServer() as server:
        server.initialize()
        server.write(probe())
        # The damaged message is read all the same (the body is whole JSON),
        # so its document gets diagnostics…
        published = server.published(URI)
        assert published is not None and published["params"]["diagnostics"], probe.__name__
        # …and the messages after it are read as usual.
        assert server.answer(server.request("textDocument/hover", {
            "textDocument": {"uri": URI}, "position": {"line": 2, "character": 13}})) is not None
        shuts_down_cleanly(server)


def test_a_too_long_request_is_answered_while_the_client_waits_for_it():
    # The client sends one request whose Content-Length overshoots, then waits:
    # no more bytes are coming, and the server must not wait for them either.
    with RawServer() as server:
        server.initialize()
        server.write(frame(did_open()))
        server.published(URI)
        data = body(hover_request(77))
        server.write(b"Content-Length: %d\r\n\r\n" % (len(data) + 25) + data)
        reply = server.answer(77)
        assert reply is not None and "error" not in reply, reply
        shuts_down_cleanly(server)


@pytest.mark.parametrize("garbage", [
    b"this is no header at all\r\n\r\n",
    b"Content-Length: 14\r\n\r\n{not json!!!!}",
    b"Content-Length: zero\r\n\r\n",
    b"}}}\x00\xff" * 10,
], ids=["no-header", "not-json", "bad-length", "binary"])
def test_garbage_is_reported_to_the_client_and_skipped(garbage):
    with RawServer() as server:
        server.initialize()
        server.write(garbage)
        server.write(frame(did_open()))
        assert server.published(URI) is not None
        errors = [m for m in server.received if "error" in m and m.get("id") is None]
        assert errors and errors[0]["error"]["code"] == -32700, server.received  # parse error, id null
        shuts_down_cleanly(server)


# --- lifecycle -------------------------------------------------------------------------------

def test_exit_without_shutdown_exits_with_1():
    with RawServer() as server:
        server.initialize()
        server.notify("exit")
        assert server.exit_code() == 1


def test_exit_after_shutdown_exits_with_0_and_requests_in_between_get_an_error():
    with RawServer() as server:
        server.initialize()
        reply = server.answer(server.request("shutdown"))
        assert reply == {"jsonrpc": "2.0", "id": reply["id"], "result": None}
        late = server.answer(server.request("textDocument/hover", {
            "textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}))
        assert late is not None and late["error"]["code"] == -32600, late  # InvalidRequest, as the spec asks
        server.notify("exit")
        assert server.exit_code() == 0


def test_end_of_input_ends_the_server():
    with RawServer() as server:
        server.initialize()
        server.process.stdin.close()
        assert server.exit_code() is not None


@pytest.mark.parametrize("uri", [
    "file:///tmp/nlclean-probe/a%00b.md",
    "file:///tmp/nlclean-probe/%ZZ.md",
    "file://",
    "untitled:Untitled-1",
    "not a uri at all",
])
def test_odd_uris_are_checked_or_ignored_without_a_traceback(uri):
    with RawServer() as server:
        server.initialize()
        server.write(frame(did_open(uri=uri)))
        server.write(frame({"jsonrpc": "2.0", "id": 90, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": []}}}))
        reply = server.answer(90)
        assert reply is not None and "error" not in reply, reply
        shuts_down_cleanly(server)
        assert "Traceback" not in server.stderr()


# --- the command line a language client writes ---------------------------------------------------

CLI = [sys.executable, "-m", "nlclean.cli.main", "server"]


@pytest.mark.parametrize("flags", [["--stdio"], [], ["--stdio", "--clientProcessId=4242"], ["--clientProcessId", "1"]],
                         ids=["stdio", "none", "stdio-and-pid", "pid"])
def test_nlclean_server_takes_the_flags_of_a_stdio_client(flags):
    with RawServer([*CLI, *flags]) as server:
        assert server.initialize()["result"]["serverInfo"]["name"] == "nlclean"
        shuts_down_cleanly(server)


@pytest.mark.parametrize("flags", [["--node-ipc"], ["--socket=5007"], ["--pipe=/tmp/lsp-x.sock"],
                                   ["--stdio", "--socket", "5007"]])
def test_transports_it_does_not_serve_are_refused_in_one_line(flags):
    done = subprocess.run([*CLI, *flags], input=b"", capture_output=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "not supported" in lines[0] and "--stdio" in lines[0], lines
    assert done.stdout == b""


# --- the framer on its own: a valid stream in any chunking gives the same messages ------------------

def test_a_valid_stream_cut_anywhere_gives_the_same_messages():
    messages = [did_open(), hover_request(5), {"jsonrpc": "2.0", "method": "x", "params": {"t": "}\r\n\r\n{"}}]
    stream = b"".join(frame(m) for m in messages)
    for size in (1, 2, 3, 7, 64, len(stream)):
        framer = Framer()
        got = []
        for at in range(0, len(stream), size):
            framer.feed(stream[at:at + size])
            while (message := framer.next()) is not None:
                got.append(message)
        assert got == messages, size


# --- no check on the event loop ---------------------------------------------------------------------

SLOW_RULE = [sys.executable, str(Path(__file__).parent / "broken_rule_server.py"), "slow"]


def test_a_slow_check_does_not_keep_the_server_from_answering(tmp_path):
    release = tmp_path / "release"
    slow_uri, quick_uri = (tmp_path / "slow.md").as_uri(), (tmp_path / "quick.md").as_uri()
    with RawServer([*SLOW_RULE, str(release)]) as server:
        server.initialize()
        # A small document: small enough that it used to be checked on the event loop.
        server.write(frame(did_open("# SLOWDOWN\n\nPrices rise &amp; fall.\n", uri=slow_uri)))
        server.write(frame(did_open(uri=quick_uri)))
        quick = server.published(quick_uri)
        assert quick is not None and quick["params"]["diagnostics"], "another document's check waited for the slow one"
        hover = server.answer(server.request("textDocument/hover", {
            "textDocument": {"uri": quick_uri}, "position": {"line": 2, "character": 13}}))
        assert hover is not None and "error" not in hover
        assert not [m for m in server.received if m.get("params", {}).get("uri") == slow_uri]
        release.touch()
        slow = server.published(slow_uri)
        assert slow is not None and "NL997" in [d["code"] for d in slow["params"]["diagnostics"]]
        shuts_down_cleanly(server)


def test_exit_is_not_held_up_by_a_check_that_never_ends(tmp_path):
    with RawServer([*SLOW_RULE, str(tmp_path / "never")]) as server:
        server.initialize()
        server.write(frame(did_open("# SLOWDOWN\n\nText.\n", uri=(tmp_path / "slow.md").as_uri())))
        shuts_down_cleanly(server)  # within the deadline, long before the rule's minute is up


def test_a_message_that_mentions_a_header_arriving_in_pieces_is_read_whole():
    # A document about HTTP, sent in pieces that end in "}": no piece is taken
    # for the end of the message, no "Content-Length:" in the text for a header.
    text = 'Send {"a": 1}\n\nContent-Length: 12\r\n\r\n{"b": 2}\n' * 50
    message = did_open(text)
    stream = frame(message)
    cuts = [i + 1 for i in range(len(stream)) if stream[i:i + 1] == b"}"]
    framer = Framer()
    got, last = [], 0
    for cut in cuts + [len(stream)]:
        framer.feed(stream[last:cut])
        last = cut
        while (found := framer.next()) is not None:
            got.append(found)
    assert got == [message]


def test_stdin_that_is_a_file_is_read_too(tmp_path):
    # Not a pipe: read in a thread rather than watched by the event loop.
    messages = tmp_path / "session.bin"
    messages.write_bytes(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                "params": {"processId": None, "rootUri": None, "capabilities": {}}})
                         + frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
                         + frame({"jsonrpc": "2.0", "method": "exit"}))
    with messages.open("rb") as stdin:
        done = subprocess.run([*CLI, "--stdio"], stdin=stdin, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.count(b"Content-Length:") == 2 and b'"id": 2' in done.stdout


def test_bytes_that_are_not_utf8_are_no_message():
    with RawServer() as server:
        server.initialize()
        data = body(did_open()).replace("Café".encode(), b"Caf\xe9")  # Latin-1, not UTF-8
        server.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        server.write(frame(did_open(uri=URI + ".after.md")))
        assert server.published(URI + ".after.md") is not None
        assert [m for m in server.received if m.get("id") is None and m.get("error", {}).get("code") == -32700]
        assert not [m for m in server.received if m.get("params", {}).get("uri") == URI]
        shuts_down_cleanly(server)
