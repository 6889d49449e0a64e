// nlclean for VS Code: starts `nlclean server` for markdown (and .txt newsletters)
// and passes the `nlclean.*` settings to it. Everything else is the server's.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverSettings() {
  const config = vscode.workspace.getConfiguration("nlclean");
  return {
    select: config.get("select"),
    ignore: config.get("ignore"),
    unsafeFixes: config.get("unsafeFixes"),
    run: config.get("run"),
  };
}

async function activate(context) {
  const executable = vscode.workspace.getConfiguration("nlclean").get("executable");
  const serverOptions = { command: executable, args: ["server"], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "file", pattern: "**/*.txt" },
    ],
    initializationOptions: serverSettings(),
    synchronize: {
      // Sends {"nlclean": {...}} on every change of these settings.
      configurationSection: "nlclean",
      // The server reads nlclean.toml / pyproject.toml again when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{nlclean.toml,pyproject.toml}"),
    },
  };
  client = new LanguageClient("nlclean", "nlclean", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("nlclean.executable") && client) {
        await client.restart();
      }
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
