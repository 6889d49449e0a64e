"""Sessions with the real server over stdio, as VS Code and as Neovim would open them.

VS Code's capabilities: diagnostics pushed, UTF-16 positions, versioned edits.
Neovim's (0.11): diagnostics pulled, UTF-8 positions offered and taken.

`session` is one server per client for the whole run (starting one costs a
second or more, most of it importing lsprotocol); each test's documents are
closed after it, and a test that changes the server's settings puts them
back. Tests that need a server of their own take `fresh_session`, whose
initializationOptions come from `@pytest.mark.init_options({...})`. Tests
run in one event loop (`pytestmark = pytest.mark.asyncio(loop_scope="session")`).
"""
from __future__ import annotations

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient, client_capabilities

from lsp_session import SERVER, Session, config, session_fixture, start

CLIENTS = ["visual-studio-code", "neovim"]


def pytest_configure(config):
    config.addinivalue_line("markers", "init_options(options): initializationOptions for fresh_session")


@pytest_lsp.fixture(config=config(), params=CLIENTS, scope="session")
async def shared_client(lsp_client: LanguageClient, request, tmp_path_factory):
    lsp_client.session = await start(lsp_client, client_capabilities(request.param), tmp_path_factory.mktemp("root"))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def session(shared_client) -> Session:
    yield shared_client.session
    shared_client.session.close_all()


own_client = session_fixture(SERVER, tuple(CLIENTS))


@pytest.fixture
def fresh_session(own_client) -> Session:
    return own_client.session
