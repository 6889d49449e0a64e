"""Settings: the configuration the CLI discovers, then the editor's settings
on top (initializationOptions, workspace/didChangeConfiguration)."""
from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from lsp_session import FIXTURES, cli_findings, cli_fix

pytestmark = pytest.mark.asyncio(loop_scope="session")

NEWSLETTER = (FIXTURES / "harbour-notes.md").read_text(encoding="utf-8")


def codes(found) -> list[str]:
    return sorted(d.code if hasattr(d, "code") else d["code"] for d in found)


async def fresh_diagnostics(session, uri: str, after: int) -> list[types.Diagnostic]:
    """Diagnostics computed after a settings change: pulled again, or the next push."""
    if session.pulls:
        return await session.diagnostics(uri)
    return list((await session.published(uri, after=after)).diagnostics)


async def shown(session, after: int, count: int = 1) -> list[types.ShowMessageParams]:
    """The messages shown after the first `after`, once there are `count` of them."""
    for _ in range(500):
        if len(session.client.messages) - after >= count:
            break
        await asyncio.sleep(0.01)
    return session.client.messages[after:]


def reset(session) -> None:
    session.client.set_configuration({}, section="nlclean")
    session.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"nlclean": {}}))


@pytest.mark.init_options({"select": ["NL5"]})
@pytest.mark.parametrize("own_client", ["visual-studio-code"], indirect=True)
async def test_initialization_options_select_rules(fresh_session, tmp_path):
    path = tmp_path / "harbour.md"
    uri = fresh_session.open(path, NEWSLETTER)
    found = await fresh_session.diagnostics(uri)
    assert codes(found) == codes(cli_findings(NEWSLETTER, path, "--select", "NL5"))
    assert {d.code[:3] for d in found} == {"NL5"}


async def test_changed_configuration_takes_effect(session, tmp_path):
    try:
        await changed_configuration_takes_effect(session, tmp_path)
    finally:
        reset(session)


async def changed_configuration_takes_effect(fresh_session, tmp_path):
    path = tmp_path / "harbour.md"
    uri = fresh_session.open(path, NEWSLETTER)
    assert "NL503" in codes(await fresh_session.diagnostics(uri))

    # Pushed with the notification; what the server cannot use is reported, the rest applied.
    before, messages_before = len(fresh_session.client.published), len(fresh_session.client.messages)
    fresh_session.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"nlclean": {"ignore": ["NL503", "no-such-rule"], "unsafeFixes": True, "run": "sometimes"}}))
    found = await fresh_diagnostics(fresh_session, uri, before)
    assert codes(found) == codes(cli_findings(NEWSLETTER, path, "--ignore", "NL503"))
    unsafe = cli_fix(NEWSLETTER, path, "--ignore", "NL503", "--unsafe-fixes")
    assert unsafe != cli_fix(NEWSLETTER, path, "--ignore", "NL503")  # the promotion goes only with unsafe fixes
    assert await fresh_session.fix_all(uri) == unsafe
    assert await fresh_session.formatted(uri) == unsafe
    messages = " ".join(m.message for m in await shown(fresh_session, messages_before, 2))
    assert "no-such-rule" in messages and "'run'" in messages

    # No settings in the notification: the server asks for its section.
    before = len(fresh_session.client.published)
    fresh_session.client.set_configuration({"select": ["NL2"]}, section="nlclean")
    fresh_session.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    found = await fresh_diagnostics(fresh_session, uri, before)
    assert codes(found) == codes(cli_findings(NEWSLETTER, path, "--select", "NL2"))
    assert await fresh_session.fix_all(uri) == cli_fix(NEWSLETTER, path, "--select", "NL2")


async def test_config_files_are_discovered_like_the_cli(session, tmp_path):
    fresh_session = session
    folder = tmp_path / "issues"
    folder.mkdir()
    (tmp_path / "nlclean.toml").write_text('ignore = ["NL503", "NL502"]\n', encoding="utf-8")
    path = folder / "harbour.md"
    uri = fresh_session.open(path, NEWSLETTER)
    found = await fresh_session.diagnostics(uri)
    assert codes(found) == codes(cli_findings(NEWSLETTER, path))
    assert not {"NL503", "NL502"} & set(codes(found))
    assert await fresh_session.fix_all(uri) == cli_fix(NEWSLETTER, path)

    # The file changes; the editor says so; the server reads it again.
    (tmp_path / "nlclean.toml").write_text('ignore = ["NL2"]\n', encoding="utf-8")
    before = len(fresh_session.client.published)
    fresh_session.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=(tmp_path / "nlclean.toml").as_uri(), type=types.FileChangeType.Changed)]))
    found = await fresh_diagnostics(fresh_session, uri, before)
    assert codes(found) == codes(cli_findings(NEWSLETTER, path))
    assert "NL503" in codes(found) and not [c for c in codes(found) if c.startswith("NL2")]

    # A broken config file is reported, not fatal.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "nlclean.toml").write_text("ignore = [NL503\n", encoding="utf-8")
    messages_before = len(fresh_session.client.messages)
    bad = fresh_session.open(broken / "harbour.md", NEWSLETTER)
    assert await fresh_session.diagnostics(bad) == []  # pulled, or pushed empty
    [message] = await shown(fresh_session, messages_before)
    assert str(broken / "nlclean.toml") in message.message and message.type == types.MessageType.Error
    fresh_session.replace_all(uri, NEWSLETTER + "\nAnd &amp; more.\n")
    assert codes(await fresh_session.diagnostics(uri)) == codes(cli_findings(fresh_session.texts[uri], path))


@pytest.mark.init_options({"nlclean": {"run": "onSave"}})
async def test_run_on_save_waits_for_the_save(fresh_session, tmp_path):
    path = tmp_path / "harbour.md"
    uri = fresh_session.open(path, NEWSLETTER)
    first = codes(await fresh_session.diagnostics(uri))
    before = len(fresh_session.client.published)
    fresh_session.replace_all(uri, NEWSLETTER + "\nOne more &amp; last line.\n")
    await asyncio.sleep(0.5)
    if fresh_session.pulls:
        assert codes(await fresh_session.diagnostics(uri)) == first  # what the last save showed
    else:
        assert not [p for p in fresh_session.client.published[before:] if p.uri == uri]
    fresh_session.save(uri)
    found = await fresh_diagnostics(fresh_session, uri, before)
    assert codes(found) == sorted(first + ["NL501"])
