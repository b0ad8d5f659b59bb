// A thin client: VS Code starts `ivr-lint server` and shows what it says. No logic here.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("ivr-lint");
  const server = { command: settings.get("path"), args: ["server"] };
  client = new LanguageClient("ivr-lint", "ivr-lint", server, {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
      { scheme: "file", language: "xml" },
    ],
    initializationOptions: { onlyFlows: settings.get("onlyFlows") },
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
