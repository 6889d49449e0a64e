"""The VS Code extension, run as VS Code runs it.

`tests/server/vscode/harness.js` loads editors/vscode/extension.js in node
with a stand-in for the `vscode` module (the editor's side: documents,
events, diagnostics collections, providers, document selectors) and the
extension's own, real `vscode-languageclient` 9 from npm, which spawns
`nlclean server --stdio` itself and speaks LSP to it. The workspace's
`.venv/bin/nlclean` is a small script that runs this checkout's nlclean and
notes how it was called, so the test sees which command the extension chose
and with which arguments.

The npm packages come from the lock files (`.ci/run` installs them; this
test installs them with `npm ci` when they are missing). Skipped only when
node or npm is not installed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nlclean.rules import BY_CODE

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "editors" / "vscode"
HARNESS = Path(__file__).parent / "vscode"

pytestmark = pytest.mark.skipif(shutil.which("node") is None or shutil.which("npm") is None,
                                reason="node and npm are needed to run the VS Code extension's client library")

NEWSLETTER = ("# Harbour brief\n\nTides turn at noon &amp; at dusk, the harbour master says.\n\n"
              "Unsubscribe | Manage your preferences\n")
TEXT_NEWSLETTER = "Harbour digest\n\nFerries run late &amp; crowded this week.\n\nUnsubscribe | Manage preferences\n"
# Text that would get findings if it were read as a newsletter.
NOT_NEWSLETTERS = {
    "requirements.txt": "requests==2.31 &amp; friends\nUnsubscribe | Manage preferences\n",
    "CMakeLists.txt": "project(harbour) # costs $5 &amp; more\nUnsubscribe | Manage preferences\n",
    "notes/todo.txt": "Buy rope &amp; sails\n\nUnsubscribe | Manage preferences\n",
}


def npm_ci(folder: Path) -> None:
    if (folder / "node_modules" / ".package-lock.json").exists():
        return
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"npm ci in {folder} failed:\n{done.stderr}"


def fake_venv(workspace: Path, folder: str = ".venv") -> Path:
    """A virtual environment's `nlclean` that runs this checkout's and notes its arguments."""
    command = workspace / folder / "bin" / "nlclean"
    command.parent.mkdir(parents=True)
    log = workspace / f"{folder}-calls.txt"
    command.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{sys.executable}" -m nlclean.cli.main "$@"\n')
    command.chmod(0o755)
    return log


def run_harness(tmp_path: Path, scenario: dict) -> dict:
    npm_ci(EXTENSION)
    scenario_file = tmp_path / "scenario.json"
    scenario_file.write_text(json.dumps({"extension": str(EXTENSION), "timeoutMs": 90_000, **scenario}))
    # No nlclean on PATH: the extension must find the workspace's own.
    env = {**os.environ, "PATH": os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep)
                                                  if not (Path(p) / "nlclean").exists())}
    done = subprocess.run(["node", str(HARNESS / "harness.js"), str(scenario_file)], capture_output=True, text=True,
                          timeout=180, env=env, cwd=tmp_path)
    assert done.stdout.strip(), f"the harness printed nothing; stderr:\n{done.stderr}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0 and not report["errors"], (report["errors"], report["serverOutput"][-20:], done.stderr)
    return report


def test_the_extension_starts_the_server_shows_diagnostics_and_applies_a_quick_fix(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    calls = fake_venv(workspace)
    documents = [{"path": "news/brief.md", "language": "markdown", "text": NEWSLETTER},
                 {"path": "letters/digest.txt", "language": "plaintext", "text": TEXT_NEWSLETTER},
                 *({"path": p, "language": "plaintext", "text": t} for p, t in NOT_NEWSLETTERS.items())]
    report = run_harness(tmp_path, {
        "workspace": str(workspace),
        "settings": {"nlclean.textFiles": ["**/letters/*.txt"], "nlclean.trace.server": "messages"},
        "documents": documents,
        "expectSilent": list(NOT_NEWSLETTERS),
        "fix": {"path": "news/brief.md", "code": "NL501"},
    })
    # The workspace's .venv was chosen over PATH, and started as vscode-languageclient starts a stdio server.
    assert report["command"] == str(workspace / ".venv" / "bin" / "nlclean")
    assert calls.read_text().split() == ["server", "--stdio"]
    # Diagnostics arrived for the newsletters, as the CLI finds them, with links to the rules' docs.
    brief = report["diagnostics"]["news/brief.md"]
    assert {"NL501", "NL201"} <= {d["code"] for d in brief}
    assert all(d["source"] == "nlclean" for d in brief)
    # A rule's page is linked when it is a URI (file:// from a checkout); an installed
    # package has only the repository path, which the hover shows instead.
    for d in brief:
        page = BY_CODE[d["code"]].docs_url()
        assert d["href"] == (page if "://" in page else None), d
    [entity] = [d for d in brief if d["code"] == "NL501"]
    assert entity["range"][:2] == [2, NEWSLETTER.split("\n")[2].index("&amp;")]
    assert {"NL501", "NL201"} <= {d["code"] for d in report["diagnostics"]["letters/digest.txt"]}
    # …and none for the .txt files that are not newsletters: the client never sent them to the server.
    for name in NOT_NEWSLETTERS:
        assert report["diagnostics"][name] is None, name
    assert sum("Sending notification 'textDocument/didOpen'" in line for line in report["serverOutput"]) == 2
    # The quick fix, applied through the client's conversion of the server's edit.
    fix = report["fix"]
    assert fix["applied"] and fix["applied"] in fix["titles"]
    assert fix["after"] == NEWSLETTER.replace("&amp;", "&")
    assert "NL501" not in {d["code"] for d in fix["diagnosticsAfter"]}
    assert "NL201" in {d["code"] for d in fix["diagnosticsAfter"]}
    assert not [m for m in report["shown"] if m["kind"] == "error"], report["shown"]


def test_venv_is_found_when_there_is_no_dot_venv(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    calls = fake_venv(workspace, "venv")
    report = run_harness(tmp_path, {"workspace": str(workspace), "settings": {},
                                    "documents": [{"path": "a.md", "language": "markdown", "text": NEWSLETTER}]})
    assert report["command"] == str(workspace / "venv" / "bin" / "nlclean")
    assert calls.read_text().split() == ["server", "--stdio"]
    assert "NL501" in {d["code"] for d in report["diagnostics"]["a.md"]}


def test_the_executable_setting_wins_over_the_workspace_venv(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    venv_calls = fake_venv(workspace)
    chosen_calls = fake_venv(tmp_path, "elsewhere")
    chosen = tmp_path / "elsewhere" / "bin" / "nlclean"
    report = run_harness(tmp_path, {"workspace": str(workspace), "settings": {"nlclean.executable": str(chosen)},
                                    "documents": [{"path": "a.md", "language": "markdown", "text": NEWSLETTER}]})
    assert report["command"] == str(chosen)
    assert chosen_calls.read_text().split() == ["server", "--stdio"] and not venv_calls.exists()
    assert "NL501" in {d["code"] for d in report["diagnostics"]["a.md"]}


def test_the_manifest_declares_what_vs_code_checks():
    manifest = json.loads((EXTENSION / "package.json").read_text())
    assert set(manifest["activationEvents"]) == {"onLanguage:markdown", "onLanguage:plaintext"}
    assert manifest["capabilities"]["untrustedWorkspaces"]["supported"] is False
    assert manifest["capabilities"]["untrustedWorkspaces"]["description"]
    lock = json.loads((EXTENSION / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/vscode-languageclient"]["version"] == manifest["dependencies"]["vscode-languageclient"]


def test_vsce_packages_the_extension_without_prompts(tmp_path):
    npm_ci(EXTENSION)
    npm_ci(HARNESS)
    out = tmp_path / "nlclean.vsix"
    done = subprocess.run([str(HARNESS / "node_modules" / ".bin" / "vsce"), "package", "--out", str(out)],
                          cwd=EXTENSION, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    names = set(zipfile.ZipFile(out).namelist())
    assert {"extension/package.json", "extension/extension.js", "extension/readme.md",
            "extension/LICENSE.txt"} <= names, sorted(names)
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert not [n for n in names if "package-lock" in n]
