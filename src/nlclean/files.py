"""Reading and writing newsletter files without ever losing one.

- A file that is not UTF-8 (or holds NUL bytes, i.e. is binary) is refused
  with a one-line reason and left untouched.
- Line endings, the final newline and a BOM come back as they went in
  (`TextForm`).
- A write is atomic: a temporary file in the same folder, flushed and synced,
  given the original's permission bits (and owner), then renamed over the
  original. A crash at any point leaves either the old file or the new one,
  never half. A file the user may not write (the operating system's answer,
  so root may, as with `sed -i`), a file that vanished or changed since it was
  read, and anything but a regular file are refused with a one-line reason.
"""
from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .text_form import TextForm

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
NEWSLETTER_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
TEMP_SUFFIX = ".nlclean-tmp"  # what a crash mid-write could leave behind; never a newsletter
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"})


class FileError(Exception):
    """A file nlclean will not touch; str() is the one-line reason."""


def format_for(path: str | os.PathLike | None) -> str:
    """`text` for .txt files, `markdown` for everything else."""
    return "text" if path is not None and str(path).lower().endswith(TEXT_SUFFIXES) else "markdown"


def decode(data: bytes, name: str) -> TextForm:
    if b"\x00" in data:
        raise FileError(f"{name}: looks binary (holds NUL bytes); left untouched")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileError(
            f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); left untouched"
        ) from None
    return TextForm.of(text)


@dataclass
class Newsletter:
    path: Path
    form: TextForm
    original: bytes

    @property
    def format(self) -> str:
        return format_for(self.path)

    def encode(self, cleaned: str, line_origins: list[int] | None = None) -> bytes:
        """The bytes to write for the cleaned (LF, BOM-less) text, in the form the file came in.
        Nothing cleaned means the original bytes: a file with mixed or old-Mac line endings
        that needs no fix is not rewritten."""
        if cleaned == self.form.normalized:
            return self.original
        return self.form.restore(cleaned, line_origins).encode("utf-8")


def read(path: Path) -> Newsletter:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileError(f"{path}: is a directory") from None
    except PermissionError:
        raise FileError(f"{path}: permission denied") from None
    except OSError as exc:
        raise FileError(f"{path}: cannot read ({exc.strerror})") from None
    return Newsletter(path, decode(data, str(path)), data)


def write_atomic(path: Path, data: bytes, expected: bytes | None = None, *, sync_directory: bool = True) -> Path:
    """Replace `path` with `data` atomically, keeping its permission bits and owner.

    `expected` is what the file held when it was read: if it holds something
    else now (an editor saved it meanwhile), nothing is written, so nobody's
    edit is lost. A symlink stays a symlink: the file it points to is written.
    """
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
    except FileNotFoundError:
        raise FileError(f"{path}: vanished before it could be written; nothing written") from None
    except OSError as exc:
        raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileError(f"{path}: not a regular file; left untouched")
    mode = stat.S_IMODE(st.st_mode)
    # The operating system decides who may write: a read-only file is refused
    # for its users, while root may write it, as with `sed -i` or git. (Tools
    # that copy a read-only tree and clean the copy as root rely on that.)
    if not os.access(target, os.W_OK):
        raise FileError(f"{path}: permission denied (read-only); left untouched")
    directory = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=directory)
    except PermissionError:
        raise FileError(f"{path}: permission denied (cannot create a file in {directory}); left untouched") from None
    except OSError as exc:
        raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(tmp, st)  # before chmod: a chown may clear mode bits
        os.chmod(tmp, mode)
        if expected is not None:
            now = _current_bytes(target)
            if now is None:
                raise FileError(f"{path}: vanished before it could be written; nothing written")
            if now != expected:
                raise FileError(f"{path}: changed on disk while it was being cleaned; left untouched")
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, FileError):
            raise
        if isinstance(exc, FileNotFoundError):
            raise FileError(f"{path}: vanished before it could be written; nothing written") from None
        if isinstance(exc, OSError):
            raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
        raise
    if sync_directory:
        sync_directories([directory])
    return directory


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _keep_owner(tmp: str, original: os.stat_result) -> None:
    """Root cleaning a user's file must not hand it to root; others cannot chown and need not."""
    if hasattr(os, "chown") and (original.st_uid, original.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.chown(tmp, original.st_uid, original.st_gid)
        except OSError:
            pass


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


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files to process (directories searched for newsletters), and errors for paths that do not exist."""
    found: list[Path] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(NEWSLETTER_SUFFIXES):
                        f = Path(root) / name
                        if f not in seen:
                            seen.add(f)
                            found.append(f)
        elif p.exists() or p.is_symlink():
            if p not in seen:
                seen.add(p)
                found.append(p)
        else:
            errors.append(f"{raw}: no such file or directory")
    return found, errors
