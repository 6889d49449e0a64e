"""Quick fixes, "fix all", formatting, "disable for this block" and hover: each
must do what the CLI does to the same text."""
from __future__ import annotations

import subprocess
import sys

import pytest
from lsprotocol import types

from nlclean.rules import BY_CODE

from lsp_session import FIXTURES, apply, cli_findings, cli_fix, edits_of, lsp_lines, position

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWSLETTER = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")
FORMS = {
    "lf": NEWSLETTER,
    "crlf": NEWSLETTER.replace("\n", "\r\n"),
    "bom-no-final-newline": "\ufeff" + NEWSLETTER.rstrip("\n"),
}


def apply_offsets(text: str, edits: list[dict]) -> str:
    for e in sorted(edits, key=lambda e: e["start"], reverse=True):
        text = text[:e["start"]] + e["content"] + text[e["end"]:]
    return text


@pytest.mark.parametrize("form", sorted(FORMS))
async def test_fix_all_writes_what_nlclean_fix_writes(session, tmp_path, form):
    text = FORMS[form]
    path = tmp_path / "harbour.md"
    uri = session.open(path, text)
    expected = cli_fix(text, path)
    assert expected != text
    assert await session.fix_all(uri) == expected


@pytest.mark.parametrize("form", ["lf", "crlf"])
async def test_formatting_writes_what_nlclean_fix_writes(session, tmp_path, form):
    text = FORMS[form]
    path = tmp_path / "harbour.md"
    uri = session.open(path, text)
    assert await session.formatted(uri) == cli_fix(text, path)


async def test_a_clean_document_formats_to_itself_and_offers_no_fix_all(session, tmp_path):
    path = tmp_path / "clean.md"
    text = cli_fix(NEWSLETTER, path)
    uri = session.open(path, text)
    assert await session.formatted(uri) == text
    whole = types.Range(types.Position(0, 0), types.Position(len(lsp_lines(text)), 0))
    assert not [a for a in await session.code_actions(uri, whole, only=["source"]) if a.kind == "source.fixAll.nlclean"]


@pytest.mark.parametrize("form", ["lf", "crlf"])
async def test_each_quick_fix_makes_the_cli_findings_fix(session, tmp_path, form):
    text = FORMS[form]
    path = tmp_path / "harbour.md"
    uri = session.open(path, text)
    diagnostics = await session.diagnostics(uri)
    findings = cli_findings(text, path)
    normalized = text.replace("\r\n", "\n")
    seen_unsafe = False
    for finding in findings:
        line, column = finding["location"]["line"] - 1, finding["location"]["column"] - 1
        start = position(text, line, column, session.encoding)
        [diagnostic] = [d for d in diagnostics if d.code == finding["code"] and d.range.start == start]
        actions = await session.code_actions(uri, diagnostic.range, diagnostics=[diagnostic])
        fix = finding["fix"]
        [action] = [a for a in actions if a.title == fix["title"] and a.diagnostics
                    and a.diagnostics[0].code == finding["code"] and a.diagnostics[0].range == diagnostic.range]
        assert action.kind == types.CodeActionKind.QuickFix
        assert action.is_preferred is (fix["applicability"] == "safe")
        seen_unsafe |= fix["applicability"] == "unsafe"
        expected = apply_offsets(normalized, fix["edits"])
        if form == "crlf":
            expected = expected.replace("\n", "\r\n")
        assert apply(text, edits_of(action.edit, uri), session.encoding) == expected, finding["code"]
    assert seen_unsafe


@pytest.mark.parametrize("form", ["lf", "crlf"])
async def test_disable_for_this_block_silences_that_rule_there_only(session, tmp_path, form):
    text, newline = FORMS[form], "\r\n" if form == "crlf" else "\n"
    path = tmp_path / "harbour.md"
    uri = session.open(path, text)
    [sponsor] = [d for d in await session.diagnostics(uri) if d.code == "NL101"]
    actions = await session.code_actions(uri, sponsor.range, diagnostics=[sponsor])
    [disable] = [a for a in actions if a.title == "Disable NL101 for this block"]
    assert disable.is_preferred is not True
    [insert] = edits_of(disable.edit, uri)
    assert insert.new_text == f"<!-- nlclean-disable-next-block NL101 -->{newline}{newline}"
    assert insert.range.start == insert.range.end == sponsor.range.start
    silenced = apply(text, [insert], session.encoding)
    session.replace_all(uri, silenced)
    after = [f["code"] for f in cli_findings(silenced, path)]
    assert "NL101" not in after and "NL503" in after
    assert sorted(d.code for d in await session.diagnostics(uri)) == sorted(after)


async def test_quick_fixes_and_fix_all_come_only_when_asked_for(session, tmp_path):
    uri = session.open(tmp_path / "harbour.md", NEWSLETTER)
    await session.diagnostics(uri)
    whole = types.Range(types.Position(0, 0), types.Position(40, 0))
    quick = await session.code_actions(uri, whole, only=["quickfix"])
    assert quick and all(a.kind == "quickfix" for a in quick)
    fix_all = await session.code_actions(uri, whole, only=["source.fixAll.nlclean"])
    assert [a.kind for a in fix_all] == ["source.fixAll.nlclean"]
    assert await session.code_actions(uri, whole, only=["refactor"]) == []


async def test_hover_on_a_finding_shows_its_rule_documentation(session, tmp_path):
    uri = session.open(tmp_path / "harbour.md", NEWSLETTER)
    [sponsor] = [d for d in await session.diagnostics(uri) if d.code == "NL101"]
    inside = types.Position(sponsor.range.start.line + 2, 3)
    hover = await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=inside))
    assert hover.contents.kind == types.MarkupKind.Markdown
    documentation = subprocess.run([sys.executable, "-m", "nlclean.cli.main", "rule", "NL101"],
                                   capture_output=True, text=True, check=True).stdout.split("\n", 2)[2].strip()
    assert documentation.startswith("NL101 sponsor-block")
    assert documentation in hover.contents.value
    assert f"({BY_CODE['NL101'].docs_url()})" in hover.contents.value  # a link to the rule's page
    assert hover.range == sponsor.range
    nowhere = await session.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(lsp_lines(NEWSLETTER).__len__() + 5, 0)))
    assert nowhere is None
