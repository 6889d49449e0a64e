"""SPEC promise 4, "the file is safe", for every write `nlclean fix` makes.

Line endings, the final newline and a BOM come out as they went in; a file
that is not UTF-8, read-only, vanished or changed meanwhile is reported and
left untouched while the other files are still cleaned (exit 2); a write that
fails midway leaves the original byte for byte and no temporary file.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from nlclean.cli import fix_command
from nlclean.cli.main import main
from nlclean.files import TEMP_SUFFIX

FIXTURES = Path(__file__).parent / "hooks" / "fixtures"
DIRTY = (FIXTURES / "dirty.md").read_bytes()
CLEANED = (FIXTURES / "dirty.clean.md").read_bytes()
LATIN1 = "# Caf\xe9 news\n\nCr\xe8me br\xfbl\xe9e for everyone.\n".encode("latin-1")


def nlclean_fix(*paths: Path) -> subprocess.CompletedProcess:
    """The real command, as a user (or another engineer's test) runs it."""
    return subprocess.run([sys.executable, "-m", "nlclean.cli.main", "fix", *map(str, paths)],
                          capture_output=True, text=True)


def fix_in_process(capsys, *paths: Path) -> tuple[int, str]:
    code = main(["fix", *map(str, paths)])
    return code, capsys.readouterr().err


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def form(data: bytes, *, crlf=False, bom=False, final_newline=True) -> bytes:
    if not final_newline:
        data = data.rstrip(b"\n")
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + data


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("final_newline", [True, False], ids=["final-newline", "no-final-newline"])
def test_line_endings_bom_and_final_newline_come_out_as_they_went_in(tmp_path, crlf, bom, final_newline):
    path = tmp_path / "issue.md"
    path.write_bytes(form(DIRTY, crlf=crlf, bom=bom, final_newline=final_newline))
    proc = nlclean_fix(path)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == form(CLEANED, crlf=crlf, bom=bom, final_newline=final_newline)


@pytest.mark.parametrize("endings", [b"\r\n", b"\r"], ids=["mixed-crlf-and-lf", "old-mac-cr"])
def test_a_file_that_needs_no_fix_is_not_rewritten_whatever_its_line_endings(tmp_path, endings):
    data = CLEANED.replace(b"\n\n", endings + b"\n", 2) if endings == b"\r\n" else CLEANED.replace(b"\n", b"\r")
    path = tmp_path / "issue.md"
    path.write_bytes(data)
    before = path.stat().st_mtime_ns
    proc = nlclean_fix(path)
    assert proc.returncode == 0, proc.stderr
    assert "Fixed 0 issues in 0 files." in proc.stderr
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before


def test_mode_is_kept(tmp_path):
    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)
    path.chmod(0o640)
    assert nlclean_fix(path).returncode == 0
    assert path.read_bytes() == CLEANED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_stays_a_symlink_and_its_target_is_cleaned(tmp_path):
    target = tmp_path / "real.md"
    target.write_bytes(DIRTY)
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    assert nlclean_fix(link).returncode == 0
    assert link.is_symlink()
    assert target.read_bytes() == CLEANED


def refused_beside_a_good_file(tmp_path: Path, content: bytes, mode: int | None = None) -> tuple[Path, str]:
    """Run `nlclean fix` on a file it must refuse and a dirty one beside it: the run exits 2,
    the good one is still cleaned, nothing is left behind. The refused file and stderr."""
    bad = tmp_path / "a-bad.md"
    bad.write_bytes(content)
    if mode is not None:
        bad.chmod(mode)
    good = tmp_path / "b-good.md"
    good.write_bytes(DIRTY)
    proc = nlclean_fix(bad, good)
    assert proc.returncode == 2
    assert "Fixed 2 issues in 1 file." in proc.stderr
    assert good.read_bytes() == CLEANED
    assert leftovers(tmp_path) == []
    return bad, proc.stderr


@pytest.mark.parametrize("content, reason", [
    (LATIN1, "not UTF-8 (byte 0xe9 at offset 5)"),
    (b"# binary\x00\x01\x02\n", "looks binary"),
], ids=["latin-1", "binary"])
def test_non_utf8_file_is_refused_untouched_and_the_others_are_still_cleaned(tmp_path, content, reason):
    bad, err = refused_beside_a_good_file(tmp_path, content)
    assert f"nlclean: error: {bad}: {reason}" in err
    assert "left untouched" in err
    assert bad.read_bytes() == content


UNPRIVILEGED = 65534  # nobody


def _as_unprivileged_user() -> list[str]:
    """A prefix that runs a command as `nobody` when we are root (CI is), else nothing."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to drop root")
    return ["setpriv", f"--reuid={UNPRIVILEGED}", f"--regid={UNPRIVILEGED}", "--clear-groups"]


def test_read_only_file_is_refused_for_a_user_who_may_not_write_it():
    # The operating system decides: a user is refused a file they may not
    # write. Run as `nobody` in a folder nobody owns, so the check is real.
    folder = Path(tempfile.mkdtemp(prefix="nlclean-ro-"))
    try:
        folder.chmod(0o755)
        locked, good = folder / "a-locked.md", folder / "b-good.md"
        locked.write_bytes(DIRTY)
        good.write_bytes(DIRTY)
        if os.geteuid() == 0:
            for p in (folder, locked, good):
                os.chown(p, UNPRIVILEGED, UNPRIVILEGED)
        locked.chmod(0o444)
        proc = subprocess.run([*_as_unprivileged_user(), sys.executable, "-m", "nlclean.cli.main", "fix",
                               str(locked), str(good)], capture_output=True, text=True)
        assert proc.returncode == 2, proc.stderr
        assert f"{locked}: permission denied (read-only); left untouched" in proc.stderr
        assert locked.read_bytes() == DIRTY
        assert stat.S_IMODE(locked.stat().st_mode) == 0o444
        assert good.read_bytes() == CLEANED
        assert leftovers(folder) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may write a read-only file")
def test_root_cleans_a_read_only_file_and_keeps_its_mode(tmp_path):
    # As with `sed -i` or git: tools that copy a read-only tree and clean the
    # copy as root (the corpus checker does) must get the copy cleaned.
    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)
    path.chmod(0o444)
    proc = nlclean_fix(path)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == CLEANED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported(tmp_path):
    hidden, err = refused_beside_a_good_file(tmp_path, DIRTY, mode=0o000)
    assert f"{hidden}: permission denied" in err


def test_missing_file_is_reported_and_the_others_are_still_cleaned(tmp_path):
    good = tmp_path / "good.md"
    good.write_bytes(DIRTY)
    proc = nlclean_fix(tmp_path / "gone.md", good)
    assert proc.returncode == 2
    assert "gone.md: no such file or directory" in proc.stderr
    assert good.read_bytes() == CLEANED


def _while_cleaning(monkeypatch, path: Path, action) -> None:
    """Run `action` on `path` after it was read and cleaned, just before it is written
    (as another program might)."""
    real = fix_command.write_atomic

    def write_atomic(target, data, **kwargs):
        if target == path:
            action(path)
        return real(target, data, **kwargs)

    monkeypatch.setattr(fix_command, "write_atomic", write_atomic)


def test_file_that_vanishes_while_being_cleaned_is_reported_not_recreated(tmp_path, monkeypatch, capsys):
    gone = tmp_path / "a-gone.md"
    gone.write_bytes(DIRTY)
    good = tmp_path / "b-good.md"
    good.write_bytes(DIRTY)
    _while_cleaning(monkeypatch, gone, Path.unlink)
    code, err = fix_in_process(capsys, gone, good)
    assert code == 2
    assert f"{gone}: vanished before it could be written; nothing written" in err
    assert not gone.exists()
    assert good.read_bytes() == CLEANED
    assert leftovers(tmp_path) == []


def test_file_edited_while_being_cleaned_keeps_the_edit(tmp_path, monkeypatch, capsys):
    edited = tmp_path / "edited.md"
    edited.write_bytes(DIRTY)
    newer = DIRTY + b"\nA line an editor saved meanwhile.\n"
    _while_cleaning(monkeypatch, edited, lambda p: p.write_bytes(newer))
    code, err = fix_in_process(capsys, edited)
    assert code == 2
    assert "changed on disk while it was being cleaned; left untouched" in err
    assert edited.read_bytes() == newer
    assert leftovers(tmp_path) == []


class Interrupted(BaseException):
    """Stands for a crash or Ctrl-C: not an OSError, so nothing may swallow it."""


@pytest.mark.parametrize("where", ["write", "fsync", "swap"])
def test_write_interrupted_midway_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch, where):
    import nlclean.safe_write as safe_write

    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)

    if where == "write":
        real_write = os.write

        def half_then_crash(fd, data):
            real_write(fd, bytes(data[: len(data) // 2]))
            raise Interrupted

        monkeypatch.setattr(safe_write.os, "write", half_then_crash)
    else:
        def crash(*args, **kwargs):
            raise Interrupted

        if where == "swap":
            monkeypatch.setattr(safe_write, "_exchange", crash)
        else:
            monkeypatch.setattr(safe_write.os, "fsync", crash)

    with pytest.raises(Interrupted):
        safe_write.write_atomic(path, CLEANED, expected=DIRTY)
    monkeypatch.undo()
    assert path.read_bytes() == DIRTY
    assert leftovers(tmp_path) == []


def test_failed_rename_is_reported_and_the_original_survives(tmp_path, monkeypatch, capsys):
    import nlclean.safe_write as safe_write

    path = tmp_path / "a-issue.md"
    path.write_bytes(DIRTY)
    good = tmp_path / "b-good.md"
    good.write_bytes(DIRTY)
    real_exchange = safe_write._exchange

    def exchange(a, b):
        if Path(b).name == path.name:
            raise OSError(5, "Input/output error")
        return real_exchange(a, b)

    monkeypatch.setattr(safe_write, "_exchange", exchange)
    code, err = fix_in_process(capsys, path, good)
    assert code == 2
    assert f"{path}: cannot write (Input/output error); left untouched" in err
    assert "Fixed 2 issues in 1 file." in err
    assert path.read_bytes() == DIRTY
    assert good.read_bytes() == CLEANED
    assert leftovers(tmp_path) == []
