// Plays VS Code for editors/vscode/extension.js: loads it with the stand-in
// `vscode` module and the extension's own vscode-languageclient (which spawns
// `nlclean server --stdio` and speaks LSP to it), opens documents, waits for
// diagnostics, applies a quick fix, and stops. Prints one JSON report on
// stdout for tests/server/test_server_vscode.py to judge.
//
//   node harness.js SCENARIO.json
//
// SCENARIO: {"extension": dir, "workspace": dir, "settings": {...},
//            "documents": [{"path", "language", "text"}], "fix": {"path", "code"},
//            "expectSilent": [paths], "timeoutMs": n}
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");

const scenario = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
process.env.NLCLEAN_CLIENT_DIR = scenario.extension;

// `require("vscode")` from anywhere gets the stand-in, as inside VS Code.
const standInPath = path.join(__dirname, "vscode-stand-in.js");
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === "vscode") return standInPath;
  return originalResolve.call(this, request, parent, ...rest);
};
const vscode = require("vscode");
const t = vscode._test;

// Record every publish into the collection with the document version current at that time.
const originalCreate = vscode.languages.createDiagnosticCollection;
vscode.languages.createDiagnosticCollection = (name) => {
  const c = originalCreate(name);
  c.onSet.event(({ uri }) => {
    const doc = t.documents.find((d) => d.uri.toString() === uri);
    sets.push({ uri, after: doc ? doc.version : 0 });
  });
  return c;
};

const report = { diagnostics: {}, fix: null, shown: t.shown, errors: [], serverOutput: t.output, sent: [] };
const deadline = Date.now() + (scenario.timeoutMs || 60000);

function finish(code) {
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exit(code);
}

function until(check, what) {
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value) return resolve(value);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

function collection() {
  return t.diagnosticCollections.find((c) => c.name === "nlclean");
}

function plain(d) {
  return {
    code: typeof d.code === "object" ? d.code.value : d.code,
    href: typeof d.code === "object" && d.code.target ? d.code.target.toString() : null,
    message: d.message, severity: d.severity, source: d.source,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

async function main() {
  // The extension's manifest gives the settings their defaults, as VS Code reads them.
  const manifest = JSON.parse(fs.readFileSync(path.join(scenario.extension, "package.json"), "utf8"));
  for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) t.DEFAULTS[key] = spec.default;
  Object.assign(t.configuration, scenario.settings || {});
  vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(scenario.workspace), name: "ws", index: 0 }];

  const extension = require(path.join(scenario.extension, "extension.js"));
  const context = { subscriptions: [], extensionPath: scenario.extension, extensionUri: vscode.Uri.file(scenario.extension) };
  report.command = extension.serverCommand();
  await extension.activate(context);

  const opened = {};
  for (const spec of scenario.documents) {
    const file = path.join(scenario.workspace, spec.path);
    const doc = new t.TextDocument(vscode.Uri.file(file), spec.language, spec.text);
    // As VS Code opens a file in an editor: its tab first, then the document.
    const tab = { input: new vscode.TabInputText(doc.uri), label: path.basename(file), group: t.tabGroup, isActive: true };
    t.tabGroup.tabs.push(tab);
    t.events.tabs.fire({ opened: [tab], closed: [], changed: [] });
    t.documents.push(doc);
    t.events.open.fire(doc);
    opened[spec.path] = doc;
  }
  const wanted = scenario.documents.filter((d) => !(scenario.expectSilent || []).includes(d.path));
  // Every newsletter here has findings: wait until each shows some.
  await until(() => collection() && wanted.every((d) => (collection().get(opened[d.path].uri) || []).length > 0),
    "diagnostics of every served document");
  for (const spec of scenario.documents) {
    const got = collection().get(opened[spec.path].uri);
    report.diagnostics[spec.path] = got === undefined ? null : got.map(plain);
  }

  if (scenario.fix) {
    const doc = opened[scenario.fix.path];
    const target = collection().get(doc.uri).find((d) => (typeof d.code === "object" ? d.code.value : d.code) === scenario.fix.code);
    const provider = t.registered.codeActions.find((p) => vscode.languages.match(p.selector, doc) > 0);
    if (!provider) throw new Error("no code action provider for the document");
    const token = new vscode.CancellationTokenSource().token;
    const actions = await provider.provider.provideCodeActions(doc, target.range,
      { diagnostics: [target], only: undefined, triggerKind: vscode.CodeActionTriggerKind.Invoke }, token);
    let action = actions.find((a) => a.isPreferred && a.kind && a.kind.value === "quickfix");
    if (action && !action.edit && provider.provider.resolveCodeAction) {
      action = await provider.provider.resolveCodeAction(action, token);
    }
    const before = doc.getText();
    const versionBefore = doc.version;
    if (action && action.edit) await vscode.workspace.applyEdit(action.edit);
    if (action && action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
    // Wait for the diagnostics of the fixed text.
    await until(() => {
      const now = collection().get(doc.uri) || [];
      const codeOf = (d) => (typeof d.code === "object" ? d.code.value : d.code);
      return fresh(doc, versionBefore) && !now.some((d) => codeOf(d) === scenario.fix.code && d.message === target.message);
    }, "diagnostics after the quick fix");
    report.fix = {
      titles: actions.map((a) => a.title), applied: action ? action.title : null,
      before, after: doc.getText(),
      diagnosticsAfter: (collection().get(doc.uri) || []).map(plain),
    };
  }
  await extension.deactivate();
  finish(0);
}

// The collection is replaced as a whole on each publish: a set after the fix is fresh.
const sets = [];
function fresh(doc, versionBefore) {
  return sets.some((s) => s.uri === doc.uri.toString() && s.after > versionBefore);
}

process.on("unhandledRejection", (e) => { report.errors.push(String(e && e.stack || e)); });
setTimeout(() => { report.errors.push("harness deadline"); finish(3); }, (scenario.timeoutMs || 60000) + 5000).unref();
main().then(() => {}, (e) => { report.errors.push(String(e && e.stack || e)); finish(1); });

