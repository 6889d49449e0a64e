// nlclean for VS Code: starts `nlclean server` for markdown files and for the
// plain-text newsletters named by `nlclean.textFiles`, and passes the
// `nlclean.*` settings to it. Everything else is the server's.
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function settings() {
  return vscode.workspace.getConfiguration("nlclean");
}

function serverSettings() {
  const config = settings();
  return {
    select: config.get("select"),
    ignore: config.get("ignore"),
    unsafeFixes: config.get("unsafeFixes"),
    run: config.get("run"),
  };
}

// Where a virtual environment keeps its commands, per platform.
const VENV_COMMANDS = process.platform === "win32"
  ? [path.join("Scripts", "nlclean.exe"), path.join("Scripts", "nlclean")]
  : [path.join("bin", "nlclean")];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// `nlclean.executable` when the user set it; otherwise the workspace's own
// nlclean (.venv, then venv, in each folder), the one its project pins;
// otherwise whatever `nlclean` PATH finds.
function serverCommand() {
  const inspected = settings().inspect("executable") || {};
  const chosen = inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
  if (chosen) {
    return chosen;
  }
  for (const folder of vscode.workspace.workspaceFolders || []) {
    if (folder.uri.scheme !== "file") {
      continue;
    }
    for (const venv of [".venv", "venv"]) {
      for (const command of VENV_COMMANDS) {
        const candidate = path.join(folder.uri.fsPath, venv, command);
        if (isExecutable(candidate)) {
          return candidate;
        }
      }
    }
  }
  return "nlclean";
}

// Markdown always; .txt only where the user says it holds newsletters, so that
// requirements.txt, CMakeLists.txt and other notes get no diagnostics.
function documentSelector() {
  const selector = [
    { scheme: "file", language: "markdown" },
    { scheme: "untitled", language: "markdown" },
  ];
  for (const pattern of settings().get("textFiles") || []) {
    if (typeof pattern === "string" && pattern) {
      selector.push({ scheme: "file", language: "plaintext", pattern });
    }
  }
  return selector;
}

function createClient() {
  // vscode-languageclient appends --stdio (nlclean server accepts it).
  const serverOptions = { command: serverCommand(), args: ["server"], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: serverSettings(),
    synchronize: {
      // Sends {"nlclean": {...}} on every change of these settings.
      configurationSection: "nlclean",
      // The server reads nlclean.toml / pyproject.toml again when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{nlclean.toml,pyproject.toml}"),
    },
  };
  return new LanguageClient("nlclean", "nlclean", serverOptions, clientOptions);
}

async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // Which command runs and which files it sees are fixed when the client
      // starts: start a new one. The other settings reach the running server.
      if (event.affectsConfiguration("nlclean.executable") || event.affectsConfiguration("nlclean.textFiles")) {
        const old = client;
        client = createClient();
        await old.stop();
        await client.start();
      }
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverCommand, documentSelector };
