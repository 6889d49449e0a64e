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


@pytest.mark.parametrize("endings", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_blank_lines_at_the_end_of_an_unclosed_fence_are_code_and_stay(tmp_path, endings):
    # They are the fence's content, not blank lines a reader sees: no rule removes them, so the writer must
    # not either, or the next run sees a shorter document than the fixer's last check did.
    code = b"Story text.\n\n```\ncode\n\n\n"
    untouched, dirty = tmp_path / "untouched.md", tmp_path / "dirty.md"
    untouched.write_bytes(code.replace(b"\n", endings))
    dirty.write_bytes((b"**Sponsored**\nAcme sells boxes.\n\n" + code).replace(b"\n", endings))
    assert nlclean_fix(untouched).returncode == 0
    assert untouched.read_bytes() == code.replace(b"\n", endings)
    assert nlclean_fix(dirty).returncode == 0
    assert dirty.read_bytes() == code.replace(b"\n", endings)


def test_mode_is_kept(tmp_path):
    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)
    path.chmod(0o640)
    assert nlclean_fix(path).returncode == 0
    assert path.read_bytes() == CLEANED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_named_on_the_command_line_stays_a_symlink_and_its_target_is_cleaned(tmp_path):
    # The documented choice: a link the user names is the user's choice, wherever it points.
    target = tmp_path / "elsewhere" / "real.md"
    target.parent.mkdir()
    target.write_bytes(DIRTY)
    link = tmp_path / "tree" / "link.md"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "elsewhere" / "real.md")
    proc = nlclean_fix(link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert target.read_bytes() == CLEANED
    assert "warning" not in proc.stderr


def test_walking_a_folder_a_symlink_out_of_it_is_reported_and_not_written(tmp_path):
    outside = tmp_path / "elsewhere" / "t.md"
    outside.parent.mkdir()
    outside.write_bytes(DIRTY)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.md").symlink_to(Path("..") / "elsewhere" / "t.md")
    (tree / "b.md").write_bytes(DIRTY)
    (tree / "c.md").symlink_to("b.md")  # inside the tree: b.md is cleaned once, through one of its names
    proc = nlclean_fix(tree)
    assert proc.returncode == 0, proc.stderr
    assert outside.read_bytes() == DIRTY
    assert (tree / "b.md").read_bytes() == CLEANED
    assert (tree / "c.md").is_symlink()
    assert (f"nlclean: warning: {tree / 'a.md'}: a symlink to {outside.resolve()}, outside the paths given; "
            "skipped (name it to clean it)") in proc.stderr
    assert "Fixed 2 issues in 1 file." in proc.stderr
    assert leftovers(tree) == [] and leftovers(outside.parent) == []
    outside.write_bytes(DIRTY)
    lint = subprocess.run([sys.executable, "-m", "nlclean.cli.main", "lint", "--output-format", "concise", str(tree)],
                          capture_output=True, text=True)
    assert f"{tree / 'a.md'}: a symlink to {outside.resolve()}, outside the paths given; skipped" in lint.stderr
    assert "a.md" not in lint.stdout and lint.returncode == 0, lint.stdout + lint.stderr
    # Given as a path too, the target is inside what was asked for.
    both = nlclean_fix(tree, outside)
    assert both.returncode == 0, both.stderr
    assert outside.read_bytes() == CLEANED
    assert "warning" not in both.stderr


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


UTF16_TEXT = "# Caf\xe9 news\n\nA short story.\n"


@pytest.mark.parametrize("content, reason", [
    (LATIN1, "not UTF-8 (byte 0xe9 at offset 5)"),
    (b"# binary\x00\x01\x02\n", "looks binary"),
    (UTF16_TEXT.encode("utf-16"), "UTF-16-encoded; nlclean reads UTF-8 (convert it first, e.g. iconv -f UTF-16"),
    (UTF16_TEXT.encode("utf-16-be"), "UTF-16-encoded"),
    (UTF16_TEXT.encode("utf-16-le"), "UTF-16-encoded"),
    (UTF16_TEXT.encode("utf-32"), "UTF-32-encoded"),
], ids=["latin-1", "binary", "utf-16-with-bom", "utf-16-be-no-bom", "utf-16-le-no-bom", "utf-32"])
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


def test_a_file_with_two_hard_links_is_written_in_place_and_both_names_are_cleaned(tmp_path):
    # The documented choice: a file with more than one link keeps them, written in place
    # after a backup that is read back; the backup goes once the new text reads back.
    first = tmp_path / "issue.md"
    first.write_bytes(DIRTY)
    second = tmp_path / "archive" / "issue-copy.md"
    second.parent.mkdir()
    os.link(first, second)
    inode = first.stat().st_ino
    proc = nlclean_fix(first)
    assert proc.returncode == 0, proc.stderr
    assert first.read_bytes() == second.read_bytes() == CLEANED
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert leftovers(tmp_path) == [] and leftovers(second.parent) == []
    # Both names in one run: the second already holds the new text, and is not an error.
    os.unlink(second)
    first.write_bytes(DIRTY)
    os.link(first, tmp_path / "same.md")
    proc = nlclean_fix(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "same.md").read_bytes() == CLEANED and first.stat().st_nlink == 2


def test_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "issue.md"
    path.write_bytes(DIRTY)
    try:
        os.setxattr(path, "user.nlclean.test", b"kept")
    except (AttributeError, OSError):
        pytest.skip("this filesystem (or system) has no user extended attributes")
    proc = nlclean_fix(path)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == CLEANED
    assert os.getxattr(path, "user.nlclean.test") == b"kept"
    assert leftovers(tmp_path) == []


OTHER_USER = 4242  # a user who is neither root nor `nobody`


def test_a_user_cleaning_someone_elses_writable_file_keeps_its_owner():
    # A new file would belong to whoever cleans: a file a new one cannot stand in
    # for is written in place (after a verified backup), so it keeps its owner.
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to give the file to another user")
    folder = Path(tempfile.mkdtemp(prefix="nlclean-owner-"))
    try:
        folder.chmod(0o777)
        shared = folder / "shared.md"
        shared.write_bytes(DIRTY)
        os.chown(shared, OTHER_USER, OTHER_USER)
        shared.chmod(0o666)
        proc = subprocess.run([*_as_unprivileged_user(), sys.executable, "-m", "nlclean.cli.main", "fix",
                               str(shared)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert shared.read_bytes() == CLEANED
        st = shared.stat()
        assert (st.st_uid, st.st_gid) == (OTHER_USER, OTHER_USER)
        assert stat.S_IMODE(st.st_mode) == 0o666
        assert leftovers(folder) == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_of_a_killed_run_are_recognisable_and_removed_by_the_next_run(tmp_path):
    from nlclean.files import TEMP_PATTERN

    issue = tmp_path / "issue.md"
    issue.write_bytes(DIRTY)
    dead = _dead_pid()
    stale = tmp_path / f".issue.md.{dead}.k3j9x0aa.nlclean-tmp"
    stale.write_bytes(CLEANED[:20])  # what a kill in the middle of a write leaves
    live = tmp_path / f".issue.md.{os.getpid()}.q8w7e6rr.nlclean-tmp"  # a run that is still going
    live.write_bytes(b"")
    done_backup = tmp_path / f".other.md.{dead}.zz11yy22.nlclean-bak"  # the write it guarded finished
    (tmp_path / "other.md").write_bytes(CLEANED)
    done_backup.write_bytes(CLEANED)
    torn_backup = tmp_path / f".torn.md.{dead}.aa22bb33.nlclean-bak"  # holds the only whole copy
    (tmp_path / "torn.md").write_bytes(CLEANED[:10])
    torn_backup.write_bytes(DIRTY)
    assert all(TEMP_PATTERN.match(p.name) for p in (stale, live, done_backup, torn_backup))

    check = nlclean_fix_args("--check", issue)  # --check writes nothing, removes nothing
    assert stale.exists()
    proc = nlclean_fix(issue)
    assert proc.returncode == 0, proc.stderr + check.stderr
    assert "removed 2 temporary files left by an earlier run that was stopped" in proc.stderr
    assert not stale.exists() and not done_backup.exists()
    assert live.exists()
    assert torn_backup.read_bytes() == DIRTY
    assert f"{torn_backup}: the earlier version of {tmp_path / 'torn.md'}, kept by an interrupted run" in proc.stderr
    assert issue.read_bytes() == CLEANED


def nlclean_fix_args(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlclean.cli.main", "fix", *map(str, args)],
                          capture_output=True, text=True)
