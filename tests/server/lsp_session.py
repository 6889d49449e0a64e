"""Driving the real language server over stdio, and the CLI it must agree with.

Everything here is independent of the server's own code: positions are
counted and edits applied by this module, so a conversion bug in the server
shows up as a difference, not as the same bug twice.
"""
from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

FIXTURES = Path(__file__).parent / "fixtures"
SERVER = [sys.executable, "-m", "nlclean_server"]
VIA_CLI = [sys.executable, "-m", "nlclean.cli.main", "server"]
TIMEOUT = 30


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics with its version."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    client.registrations = []
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                                   types.CLIENT_REGISTER_CAPABILITY: register})
    return client


def config(command: list[str] = SERVER) -> ClientServerConfig:
    return ClientServerConfig(server_command=command, client_factory=recording_client)


# --- the CLI, the oracle -------------------------------------------------------------------

_CLI_RUNS: dict[tuple, subprocess.CompletedProcess] = {}
CONFIG_NAMES = ("nlclean.toml", "pyproject.toml")


def _configs_above(folder: Path) -> tuple:
    return tuple((str(f), f.read_bytes()) for d in (folder, *folder.parents) for name in CONFIG_NAMES
                 if (f := d / name).is_file())


def cli(*args: str, text: str, path: Path) -> subprocess.CompletedProcess:
    """Run `nlclean ARGS --stdin-filename PATH -` (remembered: the same text,
    options, file type and config files give the same answer)."""
    key = (args, text, path.suffix, _configs_above(path.parent))
    if key not in _CLI_RUNS:
        _CLI_RUNS[key] = _run_cli(*args, text=text, path=path)
    return _CLI_RUNS[key]


def _run_cli(*args: str, text: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlclean.cli.main", *args, "--stdin-filename", str(path), "-"],
                          input=text.encode("utf-8"), capture_output=True, cwd=path.parent, check=False)


def cli_fix(text: str, path: Path, *options: str) -> str:
    done = cli("fix", *options, text=text, path=path)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


def cli_findings(text: str, path: Path, *options: str) -> list[dict]:
    done = cli("lint", "--output-format", "json", *options, text=text, path=path)
    assert done.returncode in (0, 1), done.stderr.decode()
    return json.loads(done.stdout)


# --- positions, counted here --------------------------------------------------------------

def _width(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def lsp_lines(text: str) -> list[tuple[int, str]]:
    """(offset, content) of each line as LSP counts them: breaks at \\n, \\r\\n and \\r only."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        out.append((start, text[start:end].rstrip("\r\n")))
    return out


def position(text: str, line: int, column: int, encoding: str) -> types.Position:
    """The LSP position of 0-based (line, code-point column)."""
    return types.Position(line=line, character=_width(lsp_lines(text)[line][1][:column], encoding))


def offset(text: str, pos: types.Position, encoding: str) -> int:
    lines = lsp_lines(text)
    if pos.line >= len(lines):
        return len(text)
    start, content = lines[pos.line]
    count = 0
    for i, char in enumerate(content):
        if count >= pos.character:
            return start + i
        count += _width(char, encoding)
    return start + len(content)


def apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = sorted(((offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list((edit.changes or {}).get(uri, []))


# --- a session ---------------------------------------------------------------------------------

class Session:
    def __init__(self, client: LanguageClient, encoding: str) -> None:
        self.client = client
        self.encoding = encoding
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    @property
    def pulls(self) -> bool:
        caps = self.client.capabilities
        return caps is not None and caps.text_document is not None and caps.text_document.diagnostic is not None

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.texts[uri], self.versions[uri] = text, 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def close_all(self) -> None:
        for uri in self.texts:
            self.client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
        self.texts.clear()
        self.versions.clear()

    def change(self, uri: str, edits: list[types.TextEdit]) -> int:
        """Send incremental changes (applied here too, one after the other)."""
        self.versions[uri] += 1
        for e in edits:
            self.texts[uri] = apply(self.texts[uri], [e], self.encoding)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits]))
        return self.versions[uri]

    def replace_all(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    async def published(self, uri: str, version: int | None = None, after: int = 0) -> types.PublishDiagnosticsParams:
        """The first publishDiagnostics for `uri` (at `version`, if given) among those after index `after`."""
        async def wait():
            while True:
                for p in self.client.published[after:]:
                    if p.uri == uri and (version is None or p.version == version):
                        return p
                await asyncio.sleep(0.01)

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The diagnostics for the document as it is now: pulled, or waited for."""
        if self.pulls:
            report = await self.client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            return list(report.items)
        return list((await self.published(uri, self.versions[uri])).diagnostics)

    async def code_actions(self, uri: str, where: types.Range, only: list[str] | None = None,
                           diagnostics: list[types.Diagnostic] | None = None) -> list[types.CodeAction]:
        result = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=where,
            context=types.CodeActionContext(diagnostics=diagnostics or [], only=only)))
        return list(result or [])

    async def resolved(self, action: types.CodeAction) -> types.CodeAction:
        if action.edit is None:
            action = await self.client.code_action_resolve_async(action)
        return action

    async def fix_all(self, uri: str) -> str:
        """The document after applying "Fix all nlclean issues"."""
        whole = types.Range(start=types.Position(0, 0), end=types.Position(len(lsp_lines(self.texts[uri])), 0))
        found = await self.code_actions(uri, whole, only=["source.fixAll"])
        fix_all = [a for a in found if a.kind == "source.fixAll.nlclean"]
        assert len(fix_all) == 1, found
        assert fix_all[0].title == "Fix all nlclean issues"
        action = await self.resolved(fix_all[0])
        return apply(self.texts[uri], edits_of(action.edit, uri), self.encoding)

    async def formatted(self, uri: str) -> str:
        edits = await self.client.text_document_formatting_async(types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
        return apply(self.texts[uri], list(edits or []), self.encoding)


async def start(client: LanguageClient, capabilities: types.ClientCapabilities, root: Path, options=None) -> Session:
    """Initialize the server as an editor with these capabilities would, at `root`."""
    result = await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=root.as_uri(), initialization_options=options))
    encoding = result.capabilities.position_encoding or "utf-16"
    return Session(client, getattr(encoding, "value", encoding))


def session_fixture(command: list[str], clients: tuple[str, ...] = ("visual-studio-code",)):
    """A fixture: a server started with `command`, initialized as each of `clients`,
    its `Session` on the fixture's value (`.session`)."""
    @pytest_lsp.fixture(config=config(command), params=list(clients), loop_scope="session")
    async def fixture(lsp_client: LanguageClient, request, tmp_path):
        marker = request.node.get_closest_marker("init_options")
        lsp_client.session = await start(lsp_client, client_capabilities(request.param), tmp_path,
                                         marker.args[0] if marker else None)
        yield
        await lsp_client.shutdown_session()

    return fixture
