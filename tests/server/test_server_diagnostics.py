"""Diagnostics: the CLI's findings, with exact ranges in the negotiated encoding."""
from __future__ import annotations

import random

import pytest
from lsprotocol import types

from nlclean.rules import BY_CODE

from lsp_session import FIXTURES, cli_findings, cli_fix, lsp_lines, position

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWSLETTER = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")


def expected(text: str, findings: list[dict], encoding: str) -> list[tuple]:
    out = []
    for f in findings:
        start = position(text, f["location"]["line"] - 1, f["location"]["column"] - 1, encoding)
        end = position(text, f["end_location"]["line"] - 1, f["end_location"]["column"] - 1, encoding)
        out.append((f["code"], f["message"], (start.line, start.character), (end.line, end.character)))
    return sorted(out)


def got(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    return sorted((d.code, d.message, (d.range.start.line, d.range.start.character),
                   (d.range.end.line, d.range.end.character)) for d in diagnostics)


@pytest.mark.parametrize("line_ending", ["\n", "\r\n"])
async def test_diagnostics_are_the_cli_findings_with_exact_ranges(session, tmp_path, line_ending):
    text = NEWSLETTER.replace("\n", line_ending)
    path = tmp_path / "harbour.md"
    uri = session.open(path, text)
    diagnostics = await session.diagnostics(uri)
    findings = cli_findings(text, path)
    assert len(findings) >= 15
    assert got(diagnostics) == expected(text, findings, session.encoding)
    for d in diagnostics:
        assert d.source == "nlclean"
        page = BY_CODE[d.code].docs_url()  # a file:// URI from a checkout, a repository path once installed
        if "://" in page:
            assert d.code_description.href == page and page.endswith(f"docs/rules/{d.code}.md")
        else:
            assert d.code_description is None  # an href must be a URI
        assert d.severity == types.DiagnosticSeverity.Warning


async def test_emoji_and_invisible_characters_are_counted_in_the_client_encoding(session, tmp_path):
    # "🚢 Fares \u034f\u200b stay low: $3 …": the '$' is code point 21. In UTF-16
    # the ship takes 2 units (22); in UTF-8 it takes 4 bytes, U+034F 2 and U+200B 3 (27).
    uri = session.open(tmp_path / "fares.md", "🚢 Fares \u034f\u200b stay low: $3 each way, &amp; children ride free.\n")
    diagnostics = {d.code: d.range for d in await session.diagnostics(uri)}
    dollar, entity = diagnostics["NL502"], diagnostics["NL501"]
    if session.encoding == "utf-8":
        assert (dollar.start.character, dollar.end.character) == (27, 28)
        assert (entity.start.character, entity.end.character) == (40, 45)
    else:
        assert session.encoding == "utf-16"
        assert (dollar.start.character, dollar.end.character) == (22, 23)
        assert (entity.start.character, entity.end.character) == (35, 40)


async def test_incremental_changes_follow_lsp_line_breaks(session, tmp_path):
    # U+2028 and a form feed are not line breaks in LSP (str.splitlines thinks they are).
    text = "Intro\u2028still line one \x0c here\n\nPrices rise to &amp; beyond.\n"
    path = tmp_path / "breaks.md"
    uri = session.open(path, text)
    await session.diagnostics(uri)
    at = position(text, 2, len("Prices rise to "), session.encoding)
    session.change(uri, [types.TextEdit(range=types.Range(at, at), new_text="🚢 $5 ")])
    session.change(uri, [types.TextEdit(range=types.Range(position(session.texts[uri], 0, 0, session.encoding),
                                                          position(session.texts[uri], 0, 5, session.encoding)),
                                        new_text="Opening")])
    final = session.texts[uri]
    assert final == "Opening\u2028still line one \x0c here\n\nPrices rise to 🚢 $5 &amp; beyond.\n"
    assert got(await session.diagnostics(uri)) == expected(final, cli_findings(final, path), session.encoding)


async def test_a_burst_of_changes_publishes_only_the_latest(session, tmp_path):
    if session.pulls:
        pytest.skip("pushing only: a client that pulls asks for what it wants")
    text = NEWSLETTER * 25  # big enough that a lint outlasts the burst
    uri = session.open(tmp_path / "big.md", text)
    await session.published(uri, 1)
    before = len(session.client.published)
    for _ in range(20):
        session.change(uri, [types.TextEdit(range=types.Range(types.Position(0, 0), types.Position(0, 0)), new_text="x")])
    last = session.versions[uri]
    await session.published(uri, last, after=before)
    versions = [p.version for p in session.client.published[before:] if p.uri == uri]
    assert versions[-1] == last
    assert len(versions) < 5, versions  # coalesced: not one run per keystroke
    assert versions == sorted(versions)


async def test_pulled_and_pushed_never_both(session, tmp_path):
    uri = session.open(tmp_path / "one.md", NEWSLETTER)
    diagnostics = await session.diagnostics(uri)
    assert diagnostics
    if session.pulls:
        assert not [p for p in session.client.published if p.uri == uri]
    else:
        assert [p for p in session.client.published if p.uri == uri]


async def test_many_random_edits_leave_the_server_with_the_editors_text(session, tmp_path):
    # Inserts and deletions across line breaks, emoji and invisible characters;
    # if the server's copy drifted from the editor's, fix-all would show it.
    rng = random.Random(3)
    path = tmp_path / "edited.md"
    uri = session.open(path, NEWSLETTER)
    pieces = ["x", "\n", "\n\n", "🌊", "\u034f\u200b", "&amp; ", "$7 ", "#### Tides\n", ""]
    for _ in range(60):
        text = session.texts[uri]
        lines = lsp_lines(text)
        a = rng.randrange(len(lines))
        b = min(len(lines) - 1, a + rng.choice([0, 0, 1, 2]))
        col_a = rng.randrange(len(lines[a][1]) + 1)
        col_b = rng.randrange(len(lines[b][1]) + 1) if b > a else rng.randrange(col_a, len(lines[a][1]) + 1)
        start, end = position(text, a, col_a, session.encoding), position(text, b, col_b, session.encoding)
        session.change(uri, [types.TextEdit(range=types.Range(start, end), new_text=rng.choice(pieces))])
    final = session.texts[uri]
    assert final != NEWSLETTER
    assert got(await session.diagnostics(uri)) == expected(final, cli_findings(final, path), session.encoding)
    assert await session.fix_all(uri) == cli_fix(final, path)
