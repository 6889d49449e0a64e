"""The server survives what editors and rules throw at it."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from lsp_session import FIXTURES, VIA_CLI, cli_findings, session_fixture

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWSLETTER = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")
BROKEN_RULE = [sys.executable, str(Path(__file__).parent / "broken_rule_server.py")]
RAISES, ADDS_WORDS = [*BROKEN_RULE, "raises"], [*BROKEN_RULE, "adds-words"]


async def still_serving(session, tmp_path) -> None:
    path = tmp_path / "after.md"
    uri = session.open(path, NEWSLETTER)
    assert sorted(d.code for d in await session.diagnostics(uri)) == sorted(f["code"] for f in cli_findings(NEWSLETTER, path))


async def test_unknown_methods_and_malformed_params_get_errors_not_a_crash(session, tmp_path):
    protocol = session.client.protocol
    with pytest.raises(JsonRpcException) as unknown:
        await protocol.send_request_async("nlclean/noSuchMethod", {"x": 1})
    assert unknown.value.code == -32601  # method not found
    # The client library types its requests; write this one by hand.
    answer = asyncio.get_running_loop().create_future()
    protocol._request_futures["malformed-1"] = answer
    protocol._send_data({"jsonrpc": "2.0", "id": "malformed-1", "method": types.TEXT_DOCUMENT_HOVER,
                         "params": {"textDocument": {"uri": 3}, "position": "top"}})
    with pytest.raises(JsonRpcException) as malformed:
        await asyncio.wait_for(answer, 10)
    assert malformed.value.code == -32602  # invalid params
    protocol.notify("nlclean/noSuchNotification", {"x": 1})
    protocol._send_data({"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_DID_CHANGE,
                         "params": {"textDocument": {"uri": "file:///nowhere.md", "version": 2},
                                    "contentChanges": [{"text": "changed, never opened"}]}})
    protocol._send_data({"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_DID_OPEN,
                         "params": {"textDocument": {"uri": "file:///broken.md"}}})
    await still_serving(session, tmp_path)


async def test_documents_that_are_not_newsletters_are_left_alone(session, tmp_path):
    path = tmp_path / "script.py"
    uri = session.open(path, "print('&amp; $5')\n", language="python")
    whole = types.Range(types.Position(0, 0), types.Position(1, 0))
    assert await session.code_actions(uri, whole) == []
    assert await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 8))) is None
    if session.pulls:
        assert await session.diagnostics(uri) == []
    await still_serving(session, tmp_path)
    assert not [p for p in session.client.published if p.uri == uri]


async def test_a_text_newsletter_is_checked_as_text(session, tmp_path):
    path = tmp_path / "digest.txt"
    text = "Morning digest\n\nPrices rise &amp; fall.\n\nUnsubscribe | Manage preferences\n"
    uri = session.open(path, text, language="plaintext")
    found = sorted(d.code for d in await session.diagnostics(uri))
    assert found == sorted(f["code"] for f in cli_findings(text, path)) and found


broken = session_fixture(RAISES)


async def test_a_rule_that_raises_is_one_diagnostic(broken, tmp_path):
    session = broken.session
    uri = session.open(tmp_path / "harbour.md", NEWSLETTER)
    found = await session.diagnostics(uri)
    [internal] = [d for d in found if d.code == "NL000"]
    assert "NL999" in internal.message and "broken on purpose" in internal.message
    assert internal.severity == types.DiagnosticSeverity.Error
    assert sorted(d.code for d in found if d.code != "NL000") == sorted(
        f["code"] for f in cli_findings(NEWSLETTER, tmp_path / "harbour.md"))
    assert await session.fix_all(uri) != NEWSLETTER  # the other rules still fix


adds_words = session_fixture(ADDS_WORDS)


async def test_a_fix_that_would_add_words_is_refused_everywhere(adds_words, tmp_path):
    session = adds_words.session
    path = tmp_path / "harbour.md"
    uri = session.open(path, NEWSLETTER)
    [bad] = [d for d in await session.diagnostics(uri) if d.code == "NL998"]
    titles = [a.title for a in await session.code_actions(uri, bad.range, diagnostics=[bad])]
    assert "Prepend brand new words" not in titles and "Disable NL998 for this block" in titles
    assert await session.fix_all(uri) == NEWSLETTER  # the fixer's guard: nothing changes
    assert await session.formatted(uri) == NEWSLETTER
    shown = " ".join(m.message for m in session.client.messages)
    assert "NL998 (adds-words)" in shown and "brand" in shown
    # The other rules' quick fixes are still there.
    [sponsor] = [d for d in await session.diagnostics(uri) if d.code == "NL101"]
    assert [a for a in await session.code_actions(uri, sponsor.range, diagnostics=[sponsor]) if a.title.startswith("Remove sponsor block")]


via_cli = session_fixture(VIA_CLI)


async def test_nlclean_server_command_starts_it(via_cli, tmp_path):
    await still_serving(via_cli.session, tmp_path)
