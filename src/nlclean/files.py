"""Reading newsletter files, finding them in folders, and (from `safe_write`) writing them back.

- A file that is not UTF-8 is refused with a one-line reason and left
  untouched: UTF-16 and UTF-32 are named as such (by their byte-order mark,
  or by the NUL bytes every other byte of ASCII text has in them), anything
  else holding NUL bytes is called binary.
- Line endings, the final newline and a BOM come back as they went in
  (`TextForm`).
- Walking a folder, a symlink whose target lies outside the paths given is
  skipped and reported: a checkout's link must not make nlclean write
  elsewhere. A link named on the command line is the user's choice: the file
  it points to is cleaned and the link stays a link. A file reached twice
  (through a link inside the paths, or a second hard link) is cleaned once.
- Writes: `safe_write.write_atomic` (docs/file-safety.md).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .safe_write import (  # noqa: F401 - the write half, re-exported for the faces
    BACKUP_SUFFIX, TEMP_PATTERN, TEMP_SUFFIX, FileBusy, FileError, WriteResult, remove_own_temporaries,
    sweep_stale, sync_directories, write_atomic,
)
from .text_form import TextForm

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
NEWSLETTER_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"})


def format_for(path: str | os.PathLike | None) -> str:
    """`text` for .txt files, `markdown` for everything else."""
    return "text" if path is not None and str(path).lower().endswith(TEXT_SUFFIXES) else "markdown"


_WIDE_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """'UTF-16' / 'UTF-32' when `data` looks like text in one of them, else None."""
    for mark, name in _WIDE_BOMS:
        if data.startswith(mark):
            return name
    sample = data[:4096]
    if len(sample) >= 4 and len(sample) % 2 == 0:
        even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
        # ASCII-range text in UTF-16 has a NUL in every other byte and none in the others
        if max(even_nuls, odd_nuls) >= len(sample) // 4 and min(even_nuls, odd_nuls) == 0:
            return "UTF-16"
    return None


def decode(data: bytes, name: str) -> TextForm:
    wide = _wide_encoding(data)
    if wide is not None:
        raise FileError(f"{name}: {wide}-encoded; nlclean reads UTF-8 (convert it first, "
                        f"e.g. iconv -f {wide} -t UTF-8); left untouched")
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
