"""A workspace with a templates file (`nlclean learn`): the server reports the
template rule's findings as the CLI does, with quick fixes that make its edits."""
from __future__ import annotations

import subprocess
import sys

import pytest

from lsp_session import apply, cli_findings, edits_of, position

pytestmark = pytest.mark.asyncio(loop_scope="session")

RECURRING = (
    "The Quay Letter print shop has restocked the tide-table posters, signed and rolled in card tubes.\n\n"
    "The Quay Letter is read by people like you: forward it to a friend who would like it, or subscribe "
    "for free to get the next one.\n"
)


def quay_issue(n: int) -> str:
    stories = ("the lock gates were repainted", "the ferry added a dawn crossing", "the fish market moved indoors",
               "a seal was seen by the lighthouse", "the harbour wall repairs started")
    story = stories[n % len(stories)]
    return (f"---\nnewsletter: quay-letter\nnewsletter_name: \"The Quay Letter\"\nid: quay-{n}\n---\n\n"
            f"# The Quay Letter {n}\n\nThis week {story}, and the harbour master says the work will take the "
            f"rest of the month while boats use the north berth. Residents asked for a meeting about the noise, "
            f"and the council agreed to hold one at the library on Thursday evening after the market closes.\n\n"
            f"{RECURRING}")


async def test_a_templates_file_in_the_workspace_gives_template_diagnostics_and_quick_fixes(session, tmp_path):
    folder = tmp_path / "news" / "quay-letter"
    folder.mkdir(parents=True)
    for n in range(1, 5):
        (folder / f"{n}.md").write_text(quay_issue(n), encoding="utf-8")
    learned = subprocess.run([sys.executable, "-m", "nlclean", "learn", "news"], cwd=tmp_path,
                             capture_output=True, text=True, check=False)
    assert learned.returncode == 0, learned.stderr
    assert (tmp_path / "nlclean-templates.json").is_file()

    text = quay_issue(5)
    path = folder / "5.md"
    uri = session.open(path, text)
    diagnostics = [d for d in await session.diagnostics(uri) if d.code == "NL701"]
    findings = [f for f in cli_findings(text, path) if f["code"] == "NL701"]
    assert findings  # (the ask to subscribe is already another rule's finding)
    assert sorted(d.message for d in diagnostics) == sorted(f["message"] for f in findings)
    assert all("recurs in 4 of 4 issues of The Quay Letter" in d.message for d in diagnostics)
    for finding in findings:
        start = position(text, finding["location"]["line"] - 1, finding["location"]["column"] - 1, session.encoding)
        [diagnostic] = [d for d in diagnostics if d.range.start == start]
        actions = await session.code_actions(uri, diagnostic.range, diagnostics=[diagnostic])
        [action] = [a for a in actions if a.title == finding["fix"]["title"]]
        fixed = apply(text, edits_of(action.edit, uri), session.encoding)
        expected = text
        for e in sorted(finding["fix"]["edits"], key=lambda e: e["start"], reverse=True):
            expected = expected[:e["start"]] + e["content"] + expected[e["end"]:]
        assert fixed == expected
