"""Reading and writing newsletter files without ever losing one.

- A file that is not UTF-8 (or holds NUL bytes, i.e. is binary) is refused
  with a one-line reason and left untouched.
- Line endings, the final newline and a BOM come back as they went in
  (`TextForm`).
- A write is atomic: a temporary file in the same folder, flushed and synced,
  given the original's permission bits, then renamed over the original. A
  crash at any point leaves either the old file or the new one, never half.
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


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permission bits."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        raise FileError(f"{path}: vanished before it could be written; nothing written") from None
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".nlclean-tmp", dir=directory)
    except PermissionError:
        raise FileError(f"{path}: permission denied (cannot create a file in {directory}); left untouched") from None
    except OSError as exc:
        raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        # A file with no write bit is read-only on purpose, even for root.
        if not mode & 0o222 or not os.access(path, os.W_OK):
            raise FileError(f"{path}: permission denied (read-only); left untouched")
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, FileError):
            raise
        if isinstance(exc, OSError):
            raise FileError(f"{path}: cannot write ({exc.strerror}); left untouched") from None
        raise


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
