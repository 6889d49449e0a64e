"""Writing a newsletter back without losing anybody's text (docs/file-safety.md).

The path of one write, `write_atomic(path, data, expected)`:

1. The file the name points to (a symlink given by the user is followed) is
   opened and locked (`flock`, advisory): a second nlclean run that reaches
   the same file meanwhile is told `FileBusy` and leaves it to the owner.
2. Under the lock, its content is compared with `expected` (what was read and
   cleaned). Already `data` (another run, or the user, wrote exactly this):
   nothing to do, not an error. Anything else: refused, nothing written.
3. A new file that can carry everything the old one had (owner, group,
   permission bits, extended attributes, so ACLs and macOS tags) is written
   beside it under a recognisable temporary name (`TEMP_PATTERN`), synced, and
   swapped in: on Linux with `renameat2(RENAME_EXCHANGE)`, so that the file
   taken out is still at hand. Identity and content are checked right before
   the swap and again on the file taken out: if it is not the one that was
   read (an editor saved in the instant between), the user's file is swapped
   back and the write is reported as refused. Elsewhere a plain rename follows
   the check (the window that remains is documented).
4. A file that a new one cannot stand in for (more than one hard link; an
   owner, group or extended attribute that this user cannot give a new file)
   is written in place instead, after a backup beside it has been written,
   synced and read back; the backup goes once the new content is read back.

Signals (Ctrl-C, a terminal closed, a parent gone) are held during the swap
and the in-place write, so that a run stops between two states and never in
the middle of one; `remove_own_temporaries` is what a stopping process calls.
`sweep_stale` removes what an earlier run that was killed left behind.
"""
from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import stat
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

TEMP_SUFFIX = ".nlclean-tmp"  # a new version being written; removed on every path but a kill
BACKUP_SUFFIX = ".nlclean-bak"  # the old version during an in-place write
# `.<file name>.<pid>.<8 random>.nlclean-tmp`: dot-prefixed (hidden, never a
# newsletter to discovery) and naming the process that made it, so that a
# later run can tell a leftover of a dead run from a live run's file.
TEMP_PATTERN = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[a-z0-9]{8}(?P<suffix>\.nlclean-(?:tmp|bak))$")
# A leftover whose process number is in use again is still removed after this.
STALE_AFTER_SECONDS = 3600

_HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class FileError(Exception):
    """A file nlclean will not touch; str() is the one-line reason."""


class FileBusy(FileError):
    """Another nlclean run holds the file's lock: it is that run's to write."""


@dataclass(frozen=True)
class WriteResult:
    directory: Path  # the folder written in, for one sync at the end of a run
    written: bool  # False: the file already held exactly the new content


# Temporary files this process created and has not renamed or removed yet.
_own_temporaries: set[str] = set()


def remove_own_temporaries() -> None:
    """What a process that is being stopped calls before it exits."""
    for name in list(_own_temporaries):
        try:
            os.unlink(name)
        except OSError:
            pass
        _own_temporaries.discard(name)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done, then act as they would have.
    (Only the main thread may install handlers; elsewhere the block runs as is.)"""
    arrived: list[int] = []
    previous = {}
    try:
        for sig in _HELD_SIGNALS:
            previous[sig] = signal.signal(sig, lambda number, frame: arrived.append(number))
    except ValueError:  # not the main thread
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for number in dict.fromkeys(arrived):
            signal.raise_signal(number)


_TOKEN_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _new_file(directory: Path, name: str, suffix: str) -> tuple[int, str]:
    """An exclusive new file `.<name>.<pid>.<random><suffix>` in `directory`, readable by its owner only."""
    for _ in range(100):
        token = "".join(secrets.choice(_TOKEN_LETTERS) for _ in range(8))
        candidate = os.path.join(directory, f".{name}.{os.getpid()}.{token}{suffix}")
        _own_temporaries.add(candidate)  # before it exists: a stop right after the open must find it
        try:
            fd = os.open(candidate, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except BaseException:
            _own_temporaries.discard(candidate)
            if sys.exc_info()[0] is FileExistsError:
                continue
            raise
        return fd, candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _read_path(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


# --- the exchange -----------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_exchange_works = sys.platform.startswith("linux")
_renameat2 = None  # looked up once


def _exchange(a: str, b: str) -> bool:
    """Swap two names atomically (Linux renameat2); False where the system or filesystem cannot."""
    global _exchange_works, _renameat2
    if not _exchange_works:
        return False
    import ctypes

    if _renameat2 is None:
        try:
            _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
        except (OSError, AttributeError):  # no libc symbol (musl before 1.2.5, old glibc)
            _exchange_works = False
            return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        _exchange_works = False
        return False
    raise OSError(err, os.strerror(err))


# --- metadata a new file must carry ------------------------------------------

class _NeedsInPlace(Exception):
    """The new file cannot stand in for the old one (links, owner, xattrs)."""


def _carry_metadata(tmp_fd: int, original_fd: int, st: os.stat_result) -> None:
    made = os.fstat(tmp_fd)  # a new file is the writer's (or, in a setgid folder, the folder's group)
    if (made.st_uid, made.st_gid) != (st.st_uid, st.st_gid) and hasattr(os, "fchown"):
        try:  # before chmod: a chown may clear mode bits
            os.fchown(tmp_fd, st.st_uid, st.st_gid)
        except OSError:
            raise _NeedsInPlace from None
    os.fchmod(tmp_fd, stat.S_IMODE(st.st_mode))
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(original_fd)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise _NeedsInPlace from None
    for name in names:
        try:
            os.setxattr(tmp_fd, name, os.getxattr(original_fd, name))
        except OSError:
            raise _NeedsInPlace from None


# --- the lock ----------------------------------------------------------------

def _lock(fd: int, path) -> None:
    try:
        import fcntl
    except ImportError:  # no advisory locks here: the content checks still hold
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise FileBusy(f"{path}: being written by another nlclean run; left to it") from None
    except OSError:  # a filesystem without locks
        pass


# --- the write ---------------------------------------------------------------

def write_atomic(path: Path, data: bytes, expected: bytes | None = None, *, sync_directory: bool = True) -> WriteResult:
    """Replace the content of `path` with `data` if it still holds `expected` (see the module docs)."""
    target = Path(os.path.realpath(path))
    directory = target.parent
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise FileError(f"{path}: vanished before it could be written; nothing written") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a symlink after it was resolved
            raise FileError(f"{path}: changed on disk while it was being cleaned; left untouched") from None
        raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileError(f"{path}: not a regular file; left untouched")
        # The operating system decides who may write: a read-only file is refused
        # for its users, while root may write it, as with `sed -i` or git.
        if not os.access(target, os.W_OK):
            raise FileError(f"{path}: permission denied (read-only); left untouched")
        _lock(fd, path)
        if expected is not None:
            now = _read_all(fd)
            if now == data:
                return WriteResult(directory, False)
            if now != expected or _name_moved(target, st):
                current = _read_path(target)
                if current == data:
                    return WriteResult(directory, False)
                if current is None:
                    raise FileError(f"{path}: vanished before it could be written; nothing written")
                raise FileError(f"{path}: changed on disk while it was being cleaned; left untouched")
        if st.st_nlink > 1:
            _write_in_place(path, target, fd, data, expected)
        else:
            try:
                _write_beside(path, target, fd, st, data, expected)
            except _NeedsInPlace:
                _write_in_place(path, target, fd, data, expected)
    except FileNotFoundError:
        raise FileError(f"{path}: vanished before it could be written; nothing written") from None
    except OSError as exc:
        raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
    finally:
        os.close(fd)  # also releases the lock
    if sync_directory:
        sync_directories([directory])
    return WriteResult(directory, True)


def _name_moved(target: Path, st: os.stat_result) -> bool:
    """Whether `target` no longer names the file that `st` describes."""
    try:
        now = os.stat(target, follow_symlinks=False)
    except FileNotFoundError:
        return True
    return (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino)


def _write_beside(path, target: Path, fd: int, st: os.stat_result, data: bytes, expected: bytes | None) -> None:
    tmp_fd, tmp = _new_file(target.parent, target.name, TEMP_SUFFIX)
    try:
        try:
            _write_all(tmp_fd, data)
            os.fsync(tmp_fd)
            _carry_metadata(tmp_fd, fd, st)
            made = os.fstat(tmp_fd)
        finally:
            os.close(tmp_fd)
        with _signals_held():
            # Right before the swap: the name still points to the locked file, which still holds what was read.
            if expected is not None and (_read_all(fd) != expected or _name_moved(target, st)):
                raise FileError(f"{path}: changed on disk while it was being cleaned; left untouched")
            try:
                exchanged = _exchange(tmp, str(target))
                if not exchanged:
                    os.replace(tmp, target)
            except PermissionError:  # e.g. another user's file in a sticky folder: rename is theirs alone
                raise _NeedsInPlace from None
            if not exchanged:
                _own_temporaries.discard(tmp)
                return
            # `tmp` now names the file taken out: it must be the one that was read.
            _own_temporaries.discard(tmp)
            taken_out = os.stat(tmp, follow_symlinks=False)
            if (taken_out.st_dev, taken_out.st_ino) == (st.st_dev, st.st_ino) and (
                    expected is None or _read_path(tmp) == expected):
                os.unlink(tmp)
                return
            _put_back(path, target, tmp, (made.st_dev, made.st_ino))
    except BaseException:
        _forget_temporary(tmp)
        raise


def _forget_temporary(name: str) -> None:
    if name in _own_temporaries:
        try:
            os.unlink(name)
        except OSError:
            pass
        _own_temporaries.discard(name)


def _put_back(path, target: Path, taken_out: str, ours: tuple[int, int]) -> None:
    """Another program replaced the file between the check and the swap: its version goes back.
    `ours` is the (device, inode) of the new file this run swapped in."""
    _exchange(taken_out, str(target))
    now_out = os.stat(taken_out, follow_symlinks=False)
    if (now_out.st_dev, now_out.st_ino) == ours:
        os.unlink(taken_out)
        raise FileError(f"{path}: saved by another program while it was being written; "
                        "that version was put back, nothing written")
    # Saved a second time meanwhile (that save replaced ours): the newer goes to the name,
    # the older is kept beside it. Nothing of the user's is removed.
    _exchange(taken_out, str(target))
    keep = taken_out[: -len(TEMP_SUFFIX)] + BACKUP_SUFFIX
    os.rename(taken_out, keep)
    raise FileError(f"{path}: saved twice by another program while it was being written; "
                    f"the newest version stays, the other is kept at {keep}; nothing written")


def _write_in_place(path, target: Path, fd: int, data: bytes, expected: bytes | None) -> None:
    """For a file a new one cannot stand in for: a verified backup, then the same file rewritten."""
    original = _read_all(fd)
    if expected is not None and original != expected:
        raise FileError(f"{path}: changed on disk while it was being cleaned; left untouched")
    backup_fd, backup = _new_file(target.parent, target.name, BACKUP_SUFFIX)
    try:
        _write_all(backup_fd, original)
        os.fsync(backup_fd)
        if _read_all(backup_fd) != original:
            raise OSError(errno.EIO, "the backup did not read back")
    except BaseException:
        os.close(backup_fd)
        _forget_temporary(backup)
        raise
    os.close(backup_fd)
    with _signals_held():
        _own_temporaries.discard(backup)  # from here on the backup is the user's text: never removed blindly
        try:
            out = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            os.unlink(backup)
            raise
        try:
            _rewrite(out, fd, data)
        except OSError as failure:
            try:
                _rewrite(out, fd, original)
            except OSError:
                raise FileError(f"{path}: cannot write ({failure.strerror}); the original is kept at {backup}") from None
            os.unlink(backup)
            raise
        finally:
            os.close(out)
        os.unlink(backup)


def _rewrite(out: int, readable: int, data: bytes) -> None:
    """`data` written over the file open as `out`, synced, and read back through `readable`."""
    os.lseek(out, 0, os.SEEK_SET)
    _write_all(out, data)
    os.ftruncate(out, len(data))
    os.fsync(out)
    if _read_all(readable) != data:
        raise OSError(errno.EIO, "the new content did not read back")


def sync_directories(directories) -> None:
    """Make renames durable; best effort (not every system can open a folder).

    The file's own data is synced before its rename, so a crash leaves the
    old file or the new one whatever happens here; this only makes the new
    one survive a crash. A run over many files calls it once per folder at
    the end instead of once per file: a folder sync costs milliseconds."""
    for directory in dict.fromkeys(directories):
        try:
            fd = os.open(directory, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


# --- what killed runs left behind ---------------------------------------------

def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process: alive
        return False
    return False


def sweep_stale(directories) -> tuple[list[Path], list[str]]:
    """Remove the temporary files of earlier runs that were killed, in `directories`.

    A temporary file is stale when the process named in it is gone, or it is
    older than STALE_AFTER_SECONDS. A backup of an in-place write holds the
    user's text: it goes only when the file beside it holds the same bytes;
    otherwise it stays and is reported. Returns (removed, notes)."""
    removed: list[Path] = []
    notes: list[str] = []
    now = time.time()
    for directory in dict.fromkeys(directories):
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            match = TEMP_PATTERN.match(entry.name)
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            pid = int(match["pid"])
            try:
                age = now - entry.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if pid == os.getpid() or not (_process_gone(pid) or age > STALE_AFTER_SECONDS):
                continue
            leftover = Path(entry.path)
            if match["suffix"] == BACKUP_SUFFIX:
                beside = leftover.with_name(match["name"])
                if _read_path(beside) != _read_path(leftover):
                    notes.append(f"{leftover}: the earlier version of {beside}, kept by an interrupted run; "
                                 "compare the two and remove it")
                    continue
            try:
                leftover.unlink()
            except OSError:
                continue
            removed.append(leftover)
    return removed, notes
