// A small stand-in for the `vscode` module: what vscode-languageclient 9 and
// editors/vscode/extension.js use, behaving as VS Code does (documents,
// events, diagnostics collections, provider registration, document
// selectors matched by language, scheme and glob). Anything else it is
// asked for throws, naming it, so that a missing piece shows as such and
// never as a silent no-op.
"use strict";
const path = require("path");
const { URL, pathToFileURL, fileURLToPath } = require("url");
// VS Code matches a document filter's glob against the file's path; minimatch
// (the client library's own dependency) does the same here.
const minimatchModule = require(require.resolve("minimatch", { paths: [process.env.NLCLEAN_CLIENT_DIR] }));
const minimatch = minimatchModule.minimatch || minimatchModule;

class Disposable {
  constructor(callOnDispose) { this._dispose = callOnDispose; }
  static from(...items) { return new Disposable(() => items.forEach((i) => i && i.dispose && i.dispose())); }
  dispose() { if (this._dispose) { this._dispose(); this._dispose = undefined; } }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const entry = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(entry);
      const d = new Disposable(() => this.listeners.delete(entry));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) { for (const l of [...this.listeners]) l(value); }
  dispose() { this.listeners.clear(); }
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority: authority || "", path: p || "", query: query || "", fragment: fragment || "" });
  }
  static file(fsPath) { const u = pathToFileURL(fsPath); return new Uri("file", "", decodeURIComponent(u.pathname)); }
  static parse(value) {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!m) throw new Error(`stand-in: cannot parse URI ${value}`);
    return new Uri(m[1], m[2], decodeURIComponent(m[3]), m[4], m[5]);
  }
  get fsPath() { return this.scheme === "file" ? fileURLToPath(this.toString()) : this.path; }
  with(change) { return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment); }
  toString() {
    if (this.scheme === "file") return pathToFileURL(this.path).href;
    let s = `${this.scheme}:`;
    if (this.authority) s += `//${this.authority}`;
    s += this.path;
    if (this.query) s += `?${this.query}`;
    if (this.fragment) s += `#${this.fragment}`;
    return s;
  }
  toJSON() { return this.toString(); }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
  isBefore(o) { return this.line < o.line || (this.line === o.line && this.character < o.character); }
  isEqual(o) { return this.line === o.line && this.character === o.character; }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === "number") { this.start = new Position(a, b); this.end = new Position(c, d); } else { this.start = a; this.end = b; }
  }
  get isEmpty() { return this.start.isEqual(this.end); }
  intersection(o) {
    const start = this.start.isBefore(o.start) ? o.start : this.start;
    const end = this.end.isBefore(o.end) ? this.end : o.end;
    return end.isBefore(start) ? undefined : new Range(start, end);
  }
}
class Selection extends Range {}
class Location { constructor(uri, range) { this.uri = uri; this.range = range; } }

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };
class Diagnostic {
  constructor(range, message, severity = DiagnosticSeverity.Error) { Object.assign(this, { range, message, severity }); }
}
class DiagnosticRelatedInformation { constructor(location, message) { this.location = location; this.message = message; } }

class DiagnosticCollection {
  constructor(name) { this.name = name; this.entries = new Map(); this.onSet = new EventEmitter(); }
  set(uri, diagnostics) {
    if (Array.isArray(uri)) { for (const [u, d] of uri) this.set(u, d); return; }
    this.entries.set(uri.toString(), diagnostics || []);
    this.onSet.fire({ uri: uri.toString(), diagnostics: diagnostics || [] });
  }
  get(uri) { return this.entries.get(uri.toString()); }
  has(uri) { return this.entries.has(uri.toString()); }
  delete(uri) { this.entries.delete(uri.toString()); }
  clear() { this.entries.clear(); }
  forEach(f) { for (const [u, d] of this.entries) f(Uri.parse(u), d, this); }
  dispose() { this.entries.clear(); }
}

class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other) { return this.value === "" || other.value === this.value || other.value.startsWith(`${this.value}.`); }
  intersects(other) { return this.contains(other) || other.contains(this); }
}
for (const [name, value] of Object.entries({ Empty: "", QuickFix: "quickfix", Refactor: "refactor", RefactorExtract: "refactor.extract",
  RefactorInline: "refactor.inline", RefactorRewrite: "refactor.rewrite", Source: "source",
  SourceOrganizeImports: "source.organizeImports", SourceFixAll: "source.fixAll", Notebook: "notebook" })) {
  CodeActionKind[name] = new CodeActionKind(value);
}
class CodeAction { constructor(title, kind) { this.title = title; this.kind = kind; } }
const CodeActionTriggerKind = { Invoke: 1, Automatic: 2 };

class TextEdit {
  constructor(range, newText) { this.range = range; this.newText = newText; }
  static replace(range, newText) { return new TextEdit(range, newText); }
  static insert(position, newText) { return new TextEdit(new Range(position, position), newText); }
  static delete(range) { return new TextEdit(range, ""); }
}

class WorkspaceEdit {
  constructor() { this.edits = []; }
  replace(uri, range, newText) { this.edits.push({ uri, edit: new TextEdit(range, newText) }); }
  insert(uri, position, newText) { this.replace(uri, new Range(position, position), newText); }
  delete(uri, range) { this.replace(uri, range, ""); }
  set(uri, edits) { for (const e of edits) this.edits.push({ uri, edit: Array.isArray(e) ? e[0] : e }); }
  entries() {
    const byUri = new Map();
    for (const { uri, edit } of this.edits) {
      const key = uri.toString();
      if (!byUri.has(key)) byUri.set(key, [uri, []]);
      byUri.get(key)[1].push(edit);
    }
    return [...byUri.values()];
  }
  get size() { return this.entries().length; }
}

class MarkdownString {
  constructor(value = "", supportThemeIcons = false) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
  appendMarkdown(v) { this.value += v; return this; }
  appendText(v) { this.value += v; return this; }
  appendCodeblock(v, lang = "") { this.value += `\n\`\`\`${lang}\n${v}\n\`\`\`\n`; return this; }
}
class Hover { constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; } }

class CancellationError extends Error { constructor() { super("Canceled"); this.name = "Canceled"; } }
class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this._emitter = emitter;
  }
  cancel() { if (!this.token.isCancellationRequested) { this.token.isCancellationRequested = true; this._emitter.fire(); } }
  dispose() {}
}

// --- documents ---------------------------------------------------------------------------

const EOL = /\r\n|\r|\n/g;
class TextDocument {
  constructor(uri, languageId, text) {
    Object.assign(this, { uri, languageId, version: 1, isClosed: false, isDirty: false, isUntitled: uri.scheme === "untitled", eol: 1 });
    this._text = text;
  }
  get fileName() { return this.uri.fsPath; }
  getText(range) { return range ? this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this._text; }
  _lineStarts() {
    const starts = [0];
    for (const m of this._text.matchAll(EOL)) starts.push(m.index + m[0].length);
    return starts;
  }
  get lineCount() { return this._lineStarts().length; }
  offsetAt(position) {
    const starts = this._lineStarts();
    if (position.line >= starts.length) return this._text.length;
    const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : this._text.length;
    const content = this._text.slice(starts[position.line], lineEnd).replace(/(\r\n|\r|\n)$/, "");
    return starts[position.line] + Math.min(position.character, content.length);  // UTF-16 units, as JS strings
  }
  positionAt(offset) {
    const starts = this._lineStarts();
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return new Position(line, offset - starts[line]);
  }
  lineAt(lineOrPosition) {
    const line = typeof lineOrPosition === "number" ? lineOrPosition : lineOrPosition.line;
    const starts = this._lineStarts();
    const end = line + 1 < starts.length ? starts[line + 1] : this._text.length;
    const text = this._text.slice(starts[line], end).replace(/(\r\n|\r|\n)$/, "");
    return { lineNumber: line, text, range: new Range(line, 0, line, text.length) };
  }
  save() { return Promise.resolve(true); }
}

// Editor tabs: a client that pulls diagnostics pulls them for documents shown in a tab.
class TabInputText { constructor(uri) { this.uri = uri; } }
class TabInputTextDiff { constructor(original, modified) { this.original = original; this.modified = modified; } }
class TabInputCustom { constructor(uri, viewType) { this.uri = uri; this.viewType = viewType; } }
class TabInputNotebook { constructor(uri, notebookType) { this.uri = uri; this.notebookType = notebookType; } }

// --- configuration ---------------------------------------------------------------------------

const configuration = {};  // "nlclean.textFiles" -> value; set by the harness
const DEFAULTS = {};        // filled from the extension's package.json
function getConfiguration(section) {
  const full = (key) => (section ? `${section}.${key}` : key);
  return {
    get(key, fallback) {
      const k = full(key);
      if (k in configuration) return configuration[k];
      if (k in DEFAULTS) return DEFAULTS[k];
      if (!section) {  // the whole tree, as the client asks for "nlclean"
        return fallback;
      }
      // a section's object ("nlclean" asked as a whole)
      const prefix = `${k}.`;
      const keys = [...new Set([...Object.keys(DEFAULTS), ...Object.keys(configuration)])].filter((x) => x.startsWith(prefix));
      if (keys.length) {
        const out = {};
        for (const x of keys) out[x.slice(prefix.length)] = x in configuration ? configuration[x] : DEFAULTS[x];
        return out;
      }
      return fallback;
    },
    has(key) { return full(key) in configuration || full(key) in DEFAULTS; },
    inspect(key) {
      const k = full(key);
      return { key: k, defaultValue: DEFAULTS[k], globalValue: configuration[k] };
    },
    update() { return Promise.resolve(); },
  };
}

// --- document selectors, as vscode.languages.match scores them -------------------------------

function matchOne(filter, document) {
  if (typeof filter === "string") filter = { language: filter };
  if (filter.notebookType) return 0;
  let score = 0;
  if (filter.scheme) { if (filter.scheme !== document.uri.scheme && filter.scheme !== "*") return 0; score = Math.max(score, 5); }
  if (filter.language) { if (filter.language !== document.languageId && filter.language !== "*") return 0; score = Math.max(score, 10); }
  if (filter.pattern) {
    const pattern = typeof filter.pattern === "string" ? filter.pattern : path.join(filter.pattern.baseUri.fsPath, filter.pattern.pattern);
    if (!minimatch(document.uri.fsPath, pattern, { dot: true })) return 0;
    score = Math.max(score, 10);
  }
  return score;
}

function match(selector, document) {
  return Math.max(0, ...(Array.isArray(selector) ? selector : [selector]).map((f) => matchOne(f, document)));
}

// --- the module -------------------------------------------------------------------------------------

const events = {
  open: new EventEmitter(), close: new EventEmitter(), change: new EventEmitter(), save: new EventEmitter(),
  willSave: new EventEmitter(), configuration: new EventEmitter(), folders: new EventEmitter(),
  editors: new EventEmitter(), activeEditor: new EventEmitter(), tabs: new EventEmitter(),
};
const tabGroup = { tabs: [], isActive: true, viewColumn: 1, activeTab: undefined };
const registered = { codeActions: [], hovers: [], formatting: [], commands: new Map(), other: [] };
const diagnosticCollections = [];
const output = [];
const shown = [];
const documents = [];
const appliedEdits = [];

function outputChannel(name) {
  return {
    name,
    append: (v) => output.push(`[${name}] ${v}`),
    appendLine: (v) => output.push(`[${name}] ${v}`),
    replace: () => {}, clear: () => {}, show: () => {}, hide: () => {}, dispose: () => {},
    trace: (v) => output.push(`[${name}] ${v}`), debug: (v) => output.push(`[${name}] ${v}`),
    info: (v) => output.push(`[${name}] ${v}`), warn: (v) => output.push(`[${name}] ${v}`), error: (v) => output.push(`[${name}] ${v}`),
    onDidChangeLogLevel: new EventEmitter().event, logLevel: 2,
  };
}

function register(list) {
  return (selector, provider, metadata) => {
    const entry = { selector, provider, metadata };
    list.push(entry);
    return new Disposable(() => list.splice(list.indexOf(entry), 1));
  };
}

function registerOther(name) {
  return (...args) => { registered.other.push({ name, args }); return new Disposable(() => {}); };
}

const workspace = {
  workspaceFolders: [],
  get textDocuments() { return documents.filter((d) => !d.isClosed); },
  isTrusted: true,
  getConfiguration,
  getWorkspaceFolder: (uri) => workspace.workspaceFolders.find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
  onDidOpenTextDocument: events.open.event,
  onDidCloseTextDocument: events.close.event,
  onDidChangeTextDocument: events.change.event,
  onDidSaveTextDocument: events.save.event,
  onWillSaveTextDocument: events.willSave.event,
  onDidChangeConfiguration: events.configuration.event,
  onDidChangeWorkspaceFolders: events.folders.event,
  onDidGrantWorkspaceTrust: new EventEmitter().event,
  onDidCreateFiles: new EventEmitter().event, onDidRenameFiles: new EventEmitter().event, onDidDeleteFiles: new EventEmitter().event,
  onWillCreateFiles: new EventEmitter().event, onWillRenameFiles: new EventEmitter().event, onWillDeleteFiles: new EventEmitter().event,
  onDidOpenNotebookDocument: new EventEmitter().event, onDidCloseNotebookDocument: new EventEmitter().event,
  onDidChangeNotebookDocument: new EventEmitter().event, onDidSaveNotebookDocument: new EventEmitter().event,
  notebookDocuments: [],
  createFileSystemWatcher: (globPattern) => ({
    globPattern, onDidCreate: new EventEmitter().event, onDidChange: new EventEmitter().event,
    onDidDelete: new EventEmitter().event, dispose() {},
  }),
  applyEdit: async (edit) => { appliedEdits.push(edit); return applyWorkspaceEdit(edit); },
  openTextDocument: async (uri) => documents.find((d) => d.uri.toString() === uri.toString()),
  registerTextDocumentContentProvider: registerOther("textDocumentContentProvider"),
};

// Applies a WorkspaceEdit to the open documents as VS Code does (edits of one
// document against its text before any of them), and reports the change.
function applyWorkspaceEdit(edit) {
  for (const [uri, edits] of edit.entries()) {
    const doc = documents.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    if (!doc) return false;
    const spans = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), edit: e }))
      .sort((a, b) => b.start - a.start);
    const contentChanges = [];
    for (const s of spans) {
      contentChanges.push({ range: s.edit.range, rangeOffset: s.start, rangeLength: s.end - s.start, text: s.edit.newText });
      doc._text = doc._text.slice(0, s.start) + s.edit.newText + doc._text.slice(s.end);
    }
    doc.version += 1;
    events.change.fire({ document: doc, contentChanges, reason: undefined });
  }
  return true;
}

const languages = {
  match,
  createDiagnosticCollection: (name) => { const c = new DiagnosticCollection(name); diagnosticCollections.push(c); return c; },
  registerCodeActionsProvider: register(registered.codeActions),
  registerHoverProvider: register(registered.hovers),
  registerDocumentFormattingEditProvider: register(registered.formatting),
  registerDocumentRangeFormattingEditProvider: registerOther("rangeFormatting"),
  registerDiagnosticProvider: registerOther("diagnostics"),
  getLanguages: async () => ["markdown", "plaintext"],
  setTextDocumentLanguage: async (doc) => doc,
  onDidChangeDiagnostics: new EventEmitter().event,
};

const window = {
  activeTextEditor: undefined,
  visibleTextEditors: [],
  tabGroups: { all: [tabGroup], activeTabGroup: tabGroup, onDidChangeTabs: events.tabs.event, onDidChangeTabGroups: new EventEmitter().event },
  onDidChangeVisibleTextEditors: events.editors.event,
  onDidChangeActiveTextEditor: events.activeEditor.event,
  createOutputChannel: outputChannel,
  showErrorMessage: async (message, ...items) => { shown.push({ kind: "error", message }); return undefined; },
  showWarningMessage: async (message) => { shown.push({ kind: "warning", message }); return undefined; },
  showInformationMessage: async (message) => { shown.push({ kind: "info", message }); return undefined; },
  withProgress: async (options, task) => task({ report() {} }, new CancellationTokenSource().token),
  createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
};

const commands = {
  registerCommand: (id, handler) => { registered.commands.set(id, handler); return new Disposable(() => registered.commands.delete(id)); },
  executeCommand: async (id, ...args) => {
    const handler = registered.commands.get(id);
    if (!handler) throw new Error(`stand-in: no command ${id}`);
    return handler(...args);
  },
  getCommands: async () => [...registered.commands.keys()],
};

// Classes the client library subclasses when it loads, for features nlclean's
// server does not offer: present so the library loads, never constructed here.
class Unused {
  constructor() { throw new Error(`vscode stand-in: ${new.target.name} is not provided`); }
}
const unusedBases = {};
for (const name of ["CallHierarchyItem", "CodeLens", "CompletionItem", "DocumentLink", "InlayHint", "SymbolInformation", "TypeHierarchyItem"]) {
  unusedBases[name] = { [name]: class extends Unused {} }[name];
}

const stand_in = {
  ...unusedBases,
  version: "1.82.0",
  env: { machineId: "stand-in", sessionId: "stand-in", language: "en", appName: "Visual Studio Code (stand-in)", appRoot: "", uriScheme: "vscode", uiKind: 1, openExternal: async () => true },
  UIKind: { Desktop: 1, Web: 2 },
  Disposable, EventEmitter, Uri, Position, Range, Selection, Location,
  Diagnostic, DiagnosticSeverity, DiagnosticTag, DiagnosticRelatedInformation,
  CodeAction, CodeActionKind, CodeActionTriggerKind, TextEdit, WorkspaceEdit, MarkdownString, Hover,
  CancellationError, CancellationTokenSource, TabInputText, TabInputTextDiff, TabInputCustom, TabInputNotebook,
  TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
  TextDocumentChangeReason: { Undo: 1, Redo: 2 },
  EndOfLine: { LF: 1, CRLF: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  RelativePattern: class RelativePattern { constructor(base, pattern) { this.baseUri = typeof base === "string" ? Uri.file(base) : (base.uri || base); this.pattern = pattern; } },
  workspace, languages, window, commands,
  extensions: { getExtension: () => undefined, all: [] },
  // what the harness uses to play the editor
  _test: { configuration, DEFAULTS, events, tabGroup, registered, diagnosticCollections, output, shown, documents, appliedEdits, TextDocument },
};

const asked = new Set();
module.exports = new Proxy(stand_in, {
  get(target, name) {
    if (name in target || typeof name === "symbol" || name === "then" || name === "__esModule" || name === "default") {
      return target[name];
    }
    asked.add(name);
    throw new Error(`vscode stand-in: vscode.${String(name)} is not provided`);
  },
});
