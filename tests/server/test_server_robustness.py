"""The server survives what editors and rules throw at it."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient, client_capabilities

from lsp_session import FIXTURES, VIA_CLI, cli_findings, config, start

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWSLETTER = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")
BROKEN_RULE = [sys.executable, str(Path(__file__).parent / "broken_rule_server.py")]


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


@pytest_lsp.fixture(config=config(BROKEN_RULE), params=["visual-studio-code"], loop_scope="session")
async def broken(lsp_client: LanguageClient, request, tmp_path):
    lsp_client.session = await start(lsp_client, client_capabilities(request.param), tmp_path)
    yield
    await lsp_client.shutdown_session()


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


@pytest_lsp.fixture(config=config(VIA_CLI), loop_scope="session")
async def via_cli(lsp_client: LanguageClient, tmp_path):
    lsp_client.session = await start(lsp_client, client_capabilities("visual-studio-code"), tmp_path)
    yield
    await lsp_client.shutdown_session()


async def test_nlclean_server_command_starts_it(via_cli, tmp_path):
    await still_serving(via_cli.session, tmp_path)
