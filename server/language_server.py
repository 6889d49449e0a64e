"""nlclean's language server: the engine's findings as diagnostics, its fixes
as code actions, `nlclean fix` as "fix all" and as formatting.

Diagnostics are pushed (textDocument/publishDiagnostics) to editors that do
not pull them, and answered (textDocument/diagnostic) to those that do; never
both, so an editor does not show each finding twice.

While the user types, a change starts a lint at once if none is running for
the document; changes that arrive during a lint are folded into one more run
after it, and a result whose document has changed meanwhile is dropped
rather than published. So a burst of keystrokes costs at most two runs, and
a lone keystroke waits for no timer.

Every check runs in a worker thread, never on the event loop: a slow rule
or a pathological pattern delays that document's diagnostics, not the
answers to anything else (other documents, shutdown, exit).
"""
from __future__ import annotations

import asyncio
import gc
import logging
import os
import stat
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NoReturn

from lsprotocol import types
from pygls.capabilities import ServerCapabilitiesBuilder
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import JsonRPCNotification, LanguageServerProtocol, default_converter
from pygls.protocol.language_server import lsp_method

from nlclean import __version__
from nlclean.guard import NewContentError
from nlclean.rules import BY_CODE
from nlclean.settings import ConfigError, clear_cache

from . import actions
from .analysis import Analysis, format_of, settings_for
from .client_settings import ClientSettings
from .framing import Framer, Problem, Unreadable
from .text_sync import Documents, OpenDocument, path_of

logger = logging.getLogger("nlclean_server")
CONFIG_FILES = ("nlclean.toml", "pyproject.toml")
CHUNK = 1 << 16  # bytes read from stdin at a time


class Prepared:
    """A result or params already in LSP's JSON form (plain dicts and lists):
    sent as it is, not walked by cattrs (see `Analysis.payload`)."""

    def __init__(self, value) -> None:
        self.value = value


def converter():
    c = default_converter()
    c.register_unstructure_hook(Prepared, lambda prepared: prepared.value)
    return c


class LockedWriter(StdoutWriter):
    """Writes each message whole, under a lock: the lint worker publishes
    diagnostics itself (see `NlcleanServer.analysis`). Once the client has
    closed its end, writes are dropped with one line on stderr, not a
    traceback per message."""

    def __init__(self, stdout) -> None:
        super().__init__(stdout)
        self.lock = threading.Lock()
        self.gone = False

    def write(self, data: bytes) -> None:
        with self.lock:
            if self.gone:
                return
            try:
                super().write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.gone = True
                logger.error("the client closed the connection; nothing more is sent")


class _Answered:
    """A malformed request that has already been answered with an error."""

    jsonrpc = None


class NlcleanProtocol(LanguageServerProtocol):
    """pygls' protocol with three changes: UTF-8 positions whenever the client
    offers them (pygls takes the client's first choice), open documents kept
    by `text_sync.Documents` instead of pygls' workspace, and a request with
    malformed params answered with an error instead of left hanging."""

    _server: "NlcleanServer"

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        general = params.capabilities.general
        if general is not None and general.position_encodings and types.PositionEncodingKind.Utf8 in general.position_encodings:
            general.position_encodings = [types.PositionEncodingKind.Utf8]
        encoding = ServerCapabilitiesBuilder.choose_position_encoding(params.capabilities)
        self._server.documents.encoding = getattr(encoding, "value", encoding)
        return (yield from super().lsp_initialize(params))

    def _user_handler(self, method: str, params):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params):
        return (yield from self._user_handler(types.TEXT_DOCUMENT_DID_OPEN, params))

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params):
        return (yield from self._user_handler(types.TEXT_DOCUMENT_DID_CHANGE, params))

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params):
        return (yield from self._user_handler(types.TEXT_DOCUMENT_DID_CLOSE, params))

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        """pygls files every coroutine and generator handler's future under
        its message id and removes it only when it answers a request: each
        notification (every keystroke's didChange) left one behind, about
        2 KB each. Here a future goes when it is done, whatever it served."""
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda done: self._forget(msg_id, done))

    def _forget(self, msg_id, future) -> None:
        if self._request_futures.get(msg_id) is future:
            del self._request_futures[msg_id]

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                code = types.ErrorCodes.InvalidParams
                self._send_response(data["id"], error=types.ResponseError(
                    code=code, message=f"invalid params for {data.get('method')}: {exc.__cause__ or exc}"))
                return _Answered()
            raise

    def handle_message(self, message):
        if isinstance(message, _Answered):
            return
        if self._shutdown and getattr(message, "method", types.EXIT) != types.EXIT and getattr(message, "id", None) is not None:
            # pygls drops requests after shutdown without a word; the spec wants an error
            self._send_response(message.id, error=types.ResponseError(
                code=types.ErrorCodes.InvalidRequest, message="the server is shutting down"))
            return
        super().handle_message(message)

    def notify_prepared(self, method: str, params: dict) -> None:
        """`notify` with params already in JSON form (typed notifications insist on lsprotocol objects)."""
        self._send_data(JsonRPCNotification(method=method, params=Prepared(params), jsonrpc=self.VERSION))


class NlcleanServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("nlclean", __version__, protocol_cls=NlcleanProtocol, converter_factory=converter,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents = Documents()
        self.client_settings = ClientSettings()
        self.generation = 0  # bumped when settings change: cached analyses are then stale
        self.root: Path | None = None
        self.linter = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nlclean")
        self._analyses: dict[str, tuple[str, int, asyncio.Future]] = {}
        self._linting: dict[str, asyncio.Task] = {}
        self._shown: dict[str, Analysis] = {}  # with run = onSave: what the last save showed
        self._reported: set[str] = set()
        self.settings_arriving: asyncio.Future | None = None  # asked the client for its settings
        self.exit_code = 1

    def start_io(self, stdin=None, stdout=None) -> None:
        """Serve until `exit` or the end of stdin; `exit_code` says how it ended."""
        stdin = stdin or sys.stdin.buffer
        self._stop_event = threading.Event()
        self.protocol.set_writer(LockedWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(self._read_messages(stdin))
            self.exit_code = 0 if self.protocol._shutdown else 1
        except SystemExit as exc:  # pygls ends `exit` with sys.exit(0 after shutdown, else 1)
            self.exit_code = exc.code if isinstance(exc.code, int) else 1
        except KeyboardInterrupt:
            self.exit_code = 130
        except BrokenPipeError:
            logger.error("the client closed the connection")
            self.exit_code = 1
        self.shutdown()

    async def _read_messages(self, stdin) -> None:
        """Bytes from stdin into messages (`framing.Framer`, which survives the
        framing errors that leave pygls' own reader deaf), each handled as it comes."""
        framer = Framer(self.protocol.structure_message)
        read = await _chunk_reader(stdin)
        while not self._stop_event.is_set():
            data = await read()
            framer.feed(data)
            while (message := framer.next()) is not None:
                if isinstance(message, Problem):
                    self._unreadable(message.reason)
                elif isinstance(message, Unreadable):
                    logger.error("could not read a message: %s", message.error)
                    self._unreadable(f"a message that is not JSON-RPC ({message.error})")
                elif isinstance(message, dict):  # no "jsonrpc": JSON, but no message
                    self._unreadable("a JSON object that is no JSON-RPC message")
                else:
                    try:
                        self.protocol.handle_message(message)
                    except Exception as exc:  # one bad message must not end the session
                        logger.exception("could not handle a message")
                        self.report_server_error(exc, JsonRpcException)
            if not data:
                return

    def _unreadable(self, reason: str) -> None:
        """JSON-RPC's answer to bytes that are no message: a parse error with id null."""
        logger.error("skipped %s", reason)
        self.protocol._send_data({"jsonrpc": "2.0", "id": None, "error": {
            "code": types.ErrorCodes.ParseError.value, "message": f"nlclean: skipped {reason}"}})

    def shutdown(self) -> None:
        self.linter.shutdown(wait=False, cancel_futures=True)
        super().shutdown()

    # --- what the client can do -----------------------------------------------

    def _capability(self, *path: str):
        value: Any = self.client_capabilities
        for name in path:
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    @property
    def pulls_diagnostics(self) -> bool:
        return self._capability("text_document", "diagnostic") is not None

    @property
    def versioned_edits(self) -> bool:
        return bool(self._capability("workspace", "workspace_edit", "document_changes"))

    @property
    def resolves_edits(self) -> bool:
        return "edit" in (self._capability("text_document", "code_action", "resolve_support", "properties") or [])

    # --- messages ---------------------------------------------------------------

    def report_once(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show a problem (a broken config file, a refused fix) once, and log it every time."""
        self.window_log_message(types.LogMessageParams(type=kind, message=f"nlclean: {message}"))
        if message not in self._reported:
            self._reported.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=f"nlclean: {message}"))

    # --- analysis ---------------------------------------------------------------------

    async def analysis(self, doc: OpenDocument, publish: bool = False) -> Analysis | None:
        """The engine's view of the document as it is now, shared by everyone who
        asks about the same text; computed in a worker thread. None for
        documents nlclean does not read, or when the configuration file
        cannot be used (reported).

        With `publish`, a worker whose result is still current publishes it
        itself (marking it `published`): waking the event loop to do it costs
        a thread switch, milliseconds on a busy machine."""
        format = format_of(doc)
        if format is None:
            return None
        if self.settings_arriving is not None:
            await asyncio.shield(self.settings_arriving)
        cached = self._analyses.get(doc.uri)
        if cached is None or cached[0] is not doc.text or cached[1] != self.generation:
            try:
                settings = settings_for(doc, self.client_settings, self.root)
            except ConfigError as exc:
                self.report_once(str(exc))
                return None
            # Never on the event loop, however small the document: a slow rule
            # or a pathological pattern there would leave every request unanswered.
            args = (doc.uri, doc.version, doc.text, doc.encoding, settings, format)
            job = self.loop.run_in_executor(self.linter, self._analyse_and_publish, args, publish, self.generation)
            cached = (doc.text, self.generation, job)
            self._analyses[doc.uri] = cached
        try:
            return await asyncio.shield(cached[2])
        except Exception as exc:  # the engine guards each rule; this is parsing or worse
            logger.exception("analysis failed")
            self.report_once(f"could not check {doc.uri}: {type(exc).__name__}: {exc}")
            return None

    def _analyse_and_publish(self, args: tuple, publish: bool, generation: int) -> Analysis:
        """In the worker thread."""
        analysis = _analyse(*args)
        if publish and isinstance(self.protocol.writer, LockedWriter) and self._is_current(analysis, generation):
            self.publish(analysis)
            analysis.published = True
        return analysis

    def _is_current(self, analysis: Analysis, generation: int) -> bool:
        doc = self.documents.get(analysis.uri)
        return doc is not None and doc.text is analysis.raw and self.generation == generation

    async def current_analysis(self, uri: str) -> Analysis | None:
        doc = self.documents.get(uri)
        return await self.analysis(doc) if doc is not None else None

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    # --- pushing diagnostics ---------------------------------------------------------

    def schedule(self, uri: str) -> None:
        """Lint and publish, unless a run for this document is already under way
        (it will notice the change and run once more)."""
        if self.pulls_diagnostics:
            return
        task = self._linting.get(uri)
        if task is None or task.done():
            self._linting[uri] = asyncio.ensure_future(self._lint_until_current(uri))

    async def _lint_until_current(self, uri: str) -> None:
        while (doc := self.documents.get(uri)) is not None:
            text, generation = doc.text, self.generation
            analysis = await self.analysis(doc, publish=True)
            doc = self.documents.get(uri)
            if doc is None:
                return
            if self.generation != generation or (doc.text is not text and self.client_settings.run == "onType"):
                continue  # stale: drop it and check what the document is now (with onSave, an
                # edit made while this ran waits for its save, as edits made before it would)
            if analysis is not None:
                if not analysis.published:
                    self.publish(analysis)
            elif format_of(doc) is not None:  # a broken config file: show nothing rather than stale findings
                self._push(uri, doc.version, [])
            return

    def publish(self, analysis: Analysis) -> None:
        self._shown[analysis.uri] = analysis
        self._push(analysis.uri, analysis.version, analysis.payload)

    def _push(self, uri: str, version: int | None, diagnostics: list[dict]) -> None:
        params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.protocol.notify_prepared(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    def settings_changed(self, raw: Any | None = None) -> None:
        if raw is not None:
            self.client_settings = ClientSettings.parse(raw)
            for problem in self.client_settings.problems:
                self.report_once(f"settings: {problem}", types.MessageType.Warning)
        self.generation += 1
        clear_cache()
        self._shown.clear()
        if self.pulls_diagnostics:
            if self._capability("workspace", "diagnostics", "refresh_support"):
                self.workspace_diagnostic_refresh(None)
            return
        for doc in self.documents:
            self.schedule(doc.uri)


async def _chunk_reader(stdin):
    """A coroutine function giving the next bytes from stdin (b"" at its end).
    A pipe is watched by the event loop itself (no thread switch per message,
    each a scheduling delay on a busy machine); anything else is read in a thread."""
    loop = asyncio.get_running_loop()
    if _is_pipe(stdin):
        reader = asyncio.StreamReader(limit=2**20)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stdin)
        return lambda: reader.read(CHUNK)
    read = getattr(stdin, "read1", stdin.read)
    return lambda: loop.run_in_executor(None, read, CHUNK)


def _is_pipe(stream) -> bool:
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _analyse(uri: str, version: int | None, text: str, encoding: str, settings, format: str) -> Analysis:
    analysis = Analysis.run(uri, version, text, encoding, settings, format)
    analysis.payload  # converted here, off the event loop
    return analysis


server = NlcleanServer()


# --- document sync ----------------------------------------------------------------------

@server.feature(types.INITIALIZE)
def initialize(ls: NlcleanServer, params: types.InitializeParams) -> None:
    root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
    ls.root = path_of(root) if root else (Path(params.root_path) if params.root_path else None)
    if params.initialization_options is not None:
        ls.settings_changed(params.initialization_options)


@server.feature(types.INITIALIZED)
def initialized(ls: NlcleanServer, params: types.InitializedParams) -> None:
    if ls._capability("workspace", "did_change_watched_files", "dynamic_registration"):
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="nlclean-config-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]),
        )]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NlcleanServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.documents.open(params.text_document)
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NlcleanServer, params: types.DidChangeTextDocumentParams) -> None:
    if ls.documents.change(params) is not None and ls.client_settings.run == "onType":
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NlcleanServer, params: types.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path is not None and path.name in CONFIG_FILES:
        ls.settings_changed()
        return
    if ls.pulls_diagnostics and ls.client_settings.run == "onSave":
        ls._shown.pop(params.text_document.uri, None)
        if ls._capability("workspace", "diagnostics", "refresh_support"):
            ls.workspace_diagnostic_refresh(None)
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NlcleanServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.documents.close(uri)
    ls._linting.pop(uri, None)
    ls._analyses.pop(uri, None)
    ls._shown.pop(uri, None)
    if not ls.pulls_diagnostics:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: NlcleanServer, params: types.DidChangeConfigurationParams) -> None:
    raw = params.settings
    if not raw and ls._capability("workspace", "configuration"):
        # Until the answer comes, whoever asks for an analysis waits for it.
        ls.settings_arriving = arriving = asyncio.get_running_loop().create_future()
        try:
            answer = await ls.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="nlclean")]))
            raw = answer[0] if answer else None
        except Exception as exc:
            ls.report_once(f"could not read the editor's settings: {exc}", types.MessageType.Warning)
        finally:
            ls.settings_arriving = None
            arriving.set_result(None)
    ls.settings_changed(raw if isinstance(raw, dict) else {})


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: NlcleanServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.settings_changed()


# --- diagnostics, pulled --------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                types.DiagnosticOptions(identifier="nlclean", inter_file_dependencies=False, workspace_diagnostics=False))
async def pull_diagnostics(ls: NlcleanServer, params: types.DocumentDiagnosticParams):
    uri = params.text_document.uri
    analysis = ls._shown.get(uri) if ls.client_settings.run == "onSave" else None
    while analysis is None:
        doc = ls.documents.get(uri)
        if doc is None:
            break
        analysis = await ls.analysis(doc)
        current = ls.documents.get(uri)
        if analysis is None or (current is not None and current.text is analysis.raw):
            break
        analysis = None  # changed while we looked: look again
    if analysis is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    ls._shown[uri] = analysis
    result_id = f"{ls.generation}:{analysis.version}:{id(analysis)}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return Prepared({"kind": "full", "resultId": result_id, "items": analysis.payload})


# --- code actions, formatting, hover ------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND], resolve_provider=True))
async def code_action(ls: NlcleanServer, params: types.CodeActionParams):
    analysis = await ls.current_analysis(params.text_document.uri)
    if analysis is None:
        return None
    only = params.context.only
    found: list[types.CodeAction] = []
    if actions.wanted(actions.QUICKFIX, only):
        refused: list[str] = []
        found.extend(actions.quick_fixes(analysis, params.range, ls.versioned_edits, refused))
        for reason in refused:
            ls.report_once(f"quick fix refused: {reason}; please report this")
    if actions.wanted(actions.FIX_ALL_KIND, only):
        lazy = ls.resolves_edits
        fix_all = await _fix_all(ls, lambda: actions.fix_all(analysis, ls.versioned_edits, lazy))
        if fix_all is not None:
            found.append(fix_all)
    return found or None


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: NlcleanServer, action: types.CodeAction) -> types.CodeAction:
    if action.kind != actions.FIX_ALL_KIND or not isinstance(action.data, dict) or action.edit is not None:
        return action
    analysis = await ls.current_analysis(str(action.data.get("uri")))
    if analysis is None:
        return action
    resolved = await _fix_all(ls, lambda: actions.resolve_fix_all(action, analysis, ls.versioned_edits))
    if resolved is None:
        action.edit = types.WorkspaceEdit(changes={analysis.uri: []})
        return action
    return resolved


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
async def formatting(ls: NlcleanServer, params: types.DocumentFormattingParams):
    analysis = await ls.current_analysis(params.text_document.uri)
    if analysis is None:
        return None
    edit = await _fix_all(ls, analysis.fix_all_edit)
    return [edit] if edit is not None else []


async def _fix_all(ls: NlcleanServer, compute):
    """Run the fixer in a worker; a fix the guard refuses is reported, not applied."""
    try:
        return await ls.loop.run_in_executor(ls.linter, compute)
    except NewContentError as exc:
        ls.report_once(f"fix refused, nothing changed: {exc}")
        return None


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: NlcleanServer, params: types.HoverParams):
    analysis = await ls.current_analysis(params.text_document.uri)
    if analysis is None:
        return None
    at = analysis.offset(params.position)
    hits = [f for f in analysis.findings if f.start <= at <= f.end]
    if not hits:
        return None
    parts = []
    for f in hits:
        rule = BY_CODE.get(f.code)
        head = f"**{f.code} {f.name}**: {f.message}"
        parts.append(f"{head}\n\n{rule.documentation()}\n\n[{f.code} documentation]({rule.docs_url()})" if rule else head)
    first = hits[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=analysis.range(first.start, first.end),
    )


def serve() -> NoReturn:
    """Serve on stdin/stdout, then end the process: 0 after shutdown and exit, 1 otherwise."""
    logging.basicConfig(level=logging.WARNING, format="nlclean server: %(levelname)s %(name)s: %(message)s")
    # lsprotocol, pygls and cattrs bring ~40,000 objects the garbage collector
    # would walk on every full collection, several times per check of a big
    # newsletter (~5 ms per 100 KB, measured): they live as long as the
    # process, so take them out of its sight.
    gc.collect()
    gc.freeze()
    server.start_io()
    # A check stuck in a worker thread (a pathological pattern) must not keep
    # the process alive after `exit`: the interpreter would join the thread.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(server.exit_code)
