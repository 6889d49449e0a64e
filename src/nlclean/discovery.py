"""Finding the newsletters a run processes, as users of ruff and markdownlint-cli2 expect.

What a command is given (files, folders, quoted globs) becomes one sorted
list of files, plus warnings and errors to print:

- A folder is searched for `*.md`, `*.markdown` and `*.txt`. Hidden folders
  are skipped, and so is whatever the `exclude` / `extend-exclude` patterns
  of the settings that apply there exclude, or a `.gitignore` ignores.
- A path that does not exist but holds `*`, `?` or `[` is a glob and nlclean
  expands it (so `'news/**/*.md'` works quoted, and on shells without `**`):
  `*` stays inside one folder, `**` spans folders. What it matches is
  excluded as a searched folder's files are; a folder it matches is searched.
- A file named on the command line is processed even when excluded, as ruff
  does, unless `--force-exclude` (or `force-exclude = true`) asks for the
  exclusions to apply to it and its folders too: commit hooks name every
  staged file and want the project's exclusions kept. The same holds for the
  name given to stdin (`--stdin-filename`, see `excluded_when_named`).
- Only regular files (or links to them) are ever opened: a FIFO, socket or
  device is skipped with a warning (reading a FIFO would wait for ever). A
  link met in a folder that points outside every path given is skipped with a
  warning too (name it to clean it); links to folders are not followed.
- A file reached twice (named and searched, through a link, or as a second
  hard link) is listed once: cleaning it twice would race with itself.
- A folder that cannot be read and a path that does not exist are errors; a
  folder or glob that yields no newsletter is a warning.

`.gitignore` is read here, so git need not be installed: inside a git
repository, every `.gitignore` from the repository's top down to the file,
then `.git/info/exclude`; outside one, the `.gitignore` files from the
current folder (or the searched path, when it lies elsewhere) down. git's
global excludes file is not read.

Exclude patterns: one without `/` matches a file or folder name at any depth
(`drafts`, `*.draft.md`); one with `/` is a path relative to the folder of the
configuration file that sets it (the current folder when none does), e.g.
`archive/2019/**`. `exclude` replaces the default list, `extend-exclude` adds
to it.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

from .files import NEWSLETTER_SUFFIXES, SKIP_DIRS

# What `exclude` is when no configuration sets it: tool and version-control folders.
DEFAULT_EXCLUDE: tuple[str, ...] = tuple(sorted(SKIP_DIRS))
GLOB_CHARACTERS = frozenset("*?[")


class ExclusionSettings(Protocol):
    """The part of `settings.Settings` that discovery reads."""

    exclude: tuple[str, ...] | None
    extend_exclude: tuple[str, ...]
    force_exclude: bool
    source: str | None


@dataclass
class Discovered:
    files: list[Path] = field(default_factory=list)  # sorted, each once
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def is_glob(raw: str) -> bool:
    return any(c in GLOB_CHARACTERS for c in raw)


# --- globs as regular expressions ----------------------------------------------------

def _segment_regex(segment: str) -> str:
    """One path segment of a glob: `*` and `?` never cross a `/`; `[...]` is a class; `\\x` is x."""
    out: list[str] = []
    i, n = 0, len(segment)
    while i < n:
        c = segment[i]
        if c == "*":
            while i + 1 < n and segment[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(segment[i]))
        elif c == "[":
            j = i + 1
            if j < n and segment[j] in "!^":
                j += 1
            if j < n and segment[j] == "]":
                j += 1
            while j < n and segment[j] != "]":
                j += 1
            if j >= n:  # no closing bracket: a literal '['
                out.append(re.escape(c))
            else:
                body = segment[i + 1:j]
                negate = body[:1] in ("!", "^")
                if negate:
                    body = body[1:]
                body = body.replace("\\", "\\\\")
                out.append(f"(?!/)[{'^' if negate else ''}{body}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def glob_regex(pattern: str, *, dotfiles: bool = True) -> str:
    """A glob as a regex over a relative, `/`-separated path. A `**` segment spans any
    number of folders (`a/**/b` matches `a/b` and `a/x/y/b`; `a/**` everything under `a`).
    Without `dotfiles`, a wildcard does not match a name's leading `.`, as in a shell
    (`*.md` is not `.draft.md`); .gitignore and exclude patterns do match it."""
    no_dot = "" if dotfiles else r"(?!\.)"
    segments = pattern.split("/")
    out: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == "**":
            out.append(f"{no_dot}.*" if last else f"(?:{no_dot}[^/]*/)*")
        else:
            starts_wild = segment[:1] in ("*", "?", "[")
            out.append((no_dot if starts_wild else "") + _segment_regex(segment) + ("" if last else "/"))
    return "".join(out)


def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(f"(?s:{regex})")


# --- .gitignore -------------------------------------------------------------------------

@dataclass(frozen=True)
class _IgnoreRule:
    regex: re.Pattern[str]  # over the path relative to the .gitignore's folder
    negated: bool
    folders_only: bool


def parse_gitignore(text: str) -> list[_IgnoreRule]:
    """git's pattern format (gitignore(5)): comments, `!` to re-include, a trailing `/`
    for folders only, a `/` at the start or in the middle anchors to the file's folder."""
    rules = []
    for line in text.splitlines():
        while line.endswith(" ") and not line.endswith("\\ "):  # unescaped trailing spaces
            line = line[:-1]
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        if "/" in line:
            regex = glob_regex(line.lstrip("/"))
        else:
            regex = "(?:[^/]*/)*" + glob_regex(line)
        rules.append(_IgnoreRule(_compile(regex), negated, folders_only))
    return rules


def _read_rules(path: Path) -> list[_IgnoreRule]:
    try:
        return parse_gitignore(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:  # none, or unreadable: nothing ignored by it
        return []


def _verdict(rules: list[_IgnoreRule], relative: str, is_dir: bool) -> bool | None:
    """True (ignored), False (re-included) or None (no rule of the file matches); the last match wins."""
    for rule in reversed(rules):
        if rule.folders_only and not is_dir:
            continue
        if rule.regex.fullmatch(relative):
            return not rule.negated
    return None


class GitIgnore:
    """What the `.gitignore` files above and beside a path ignore, read without git.
    Paths are real (symlink-free) absolute path strings: a search asks for thousands."""

    def __init__(self) -> None:
        self._rules: dict[str, list[_IgnoreRule]] = {}
        self._repository: dict[str, str | None] = {}
        self._cwd = os.path.realpath(os.getcwd())

    def _rules_in(self, file: str) -> list[_IgnoreRule]:
        rules = self._rules.get(file)
        if rules is None:
            rules = self._rules[file] = _read_rules(Path(file))
        return rules

    def repository_top(self, folder: str) -> str | None:
        """The nearest folder holding `.git` (a folder, or a file in a worktree), if any."""
        if folder not in self._repository:
            parent = os.path.dirname(folder)
            if os.path.lexists(os.path.join(folder, ".git")):
                self._repository[folder] = folder
            elif parent == folder:
                self._repository[folder] = None
            else:
                self._repository[folder] = self.repository_top(parent)
        return self._repository[folder]

    def top_for(self, real_path: str) -> str:
        """The highest folder whose `.gitignore` applies to `real_path` (see the module docs)."""
        folder = real_path if os.path.isdir(real_path) else os.path.dirname(real_path)
        repository = self.repository_top(folder)
        if repository is not None:
            return repository
        return self._cwd if _within(folder, self._cwd) else folder

    def ignores(self, real_path: str, is_dir: bool, top: str) -> bool:
        if real_path == top or not _within(real_path, top):
            return False
        folder = os.path.dirname(real_path)
        while True:  # the deepest .gitignore with a matching rule decides
            verdict = _verdict(self._rules_in(os.path.join(folder, ".gitignore")),
                               _relative(real_path, folder), is_dir)
            if verdict is not None:
                return verdict
            if folder == top:
                break
            folder = os.path.dirname(folder)
        if self.repository_top(top) == top:
            rules = self._rules_in(os.path.join(top, ".git", "info", "exclude"))
            return bool(_verdict(rules, _relative(real_path, top), is_dir))
        return False


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _relative(path: str, folder: str) -> str:
    """`path` below `folder` as a relative, `/`-separated path (both real and absolute)."""
    return path[len(folder.rstrip("/")) + 1:]


# --- exclude / extend-exclude -------------------------------------------------------------

class Exclusions:
    """The `exclude` and `extend-exclude` patterns of one configuration."""

    def __init__(self, patterns: Iterable[str], root: str) -> None:
        self.root = root
        names, paths = [], []
        for pattern in patterns:
            pattern = pattern.rstrip("/")
            if pattern.startswith("./"):
                pattern = pattern[2:]
            if not pattern:
                continue
            if os.path.isabs(pattern):
                pattern = os.path.relpath(pattern, root)
                if pattern.startswith(".."):
                    continue  # outside the project: nothing searched here can match
            if "/" in pattern:
                paths.append(glob_regex(pattern))
            else:
                names.append(glob_regex(pattern))
        self._names = _compile("|".join(f"(?:{r})" for r in names)) if names else None
        self._paths = _compile("|".join(f"(?:{r})" for r in paths)) if paths else None

    def excludes(self, real_path: str, name: str) -> bool:
        if self._names is not None and self._names.fullmatch(name):
            return True
        if self._paths is not None and real_path != self.root and _within(real_path, self.root):
            return bool(self._paths.fullmatch(_relative(real_path, self.root)))
        return False


# --- the search ----------------------------------------------------------------------------

class _Finder:
    def __init__(self, paths: list[str], settings_for: Callable[[Path], ExclusionSettings],
                 force_exclude: bool) -> None:
        self.settings_for = settings_for
        self.force_exclude = force_exclude
        self.gitignore = GitIgnore()
        self.cwd = os.path.realpath(os.getcwd())  # where exclude patterns are anchored without a config
        self._exclusions: dict[tuple, Exclusions] = {}
        self.kept: list[tuple[Path, tuple[int, int]]] = []  # each file as shown, with its (device, inode)
        self.result = Discovered()
        # What the paths given hold, for links met in a search: a folder what lies under it, a file itself.
        self.given_folders = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
        self.given_files = {os.path.realpath(p) for p in paths if not os.path.isdir(p)}

    def given(self, real: str) -> bool:
        return real in self.given_files or any(_within(real, folder) for folder in self.given_folders)

    # exclusions --------------------------------------------------------------------------
    def exclusions(self, real_folder: str) -> Exclusions:
        """The exclude patterns of the settings that apply in a folder (asked once per folder)."""
        s = self.settings_for(Path(real_folder))
        key = (s.exclude, s.extend_exclude, s.source)
        if key not in self._exclusions:
            root = os.path.dirname(s.source) if s.source else self.cwd
            patterns = (DEFAULT_EXCLUDE if s.exclude is None else s.exclude) + tuple(s.extend_exclude)
            self._exclusions[key] = Exclusions(patterns, root)
        return self._exclusions[key]

    def excluded_with_folders(self, real_path: str) -> bool:
        """For --force-exclude: the file, or a folder it is in (up to the project's root), is excluded."""
        top = self.gitignore.top_for(real_path)
        root = self.exclusions(os.path.dirname(real_path)).root
        path, is_dir = real_path, False
        while True:
            parent = os.path.dirname(path)
            if parent == path:
                return False
            if (self.exclusions(parent).excludes(path, os.path.basename(path))
                    or self.gitignore.ignores(path, is_dir, top)):
                return True
            if path in (root, top):
                return False
            path, is_dir = parent, True

    def forces_exclusion(self, real_path: str) -> bool:
        return self.force_exclude or self.settings_for(Path(os.path.dirname(real_path))).force_exclude

    # paths ---------------------------------------------------------------------------------
    def add(self, raw: str) -> None:
        try:
            st = os.stat(raw)
        except OSError:
            if os.path.islink(raw):
                self.result.errors.append(f"{raw}: broken symbolic link")
            elif is_glob(raw):
                self.add_glob(raw)
            else:
                self.result.errors.append(f"{raw}: no such file or directory")
            return
        if stat.S_ISDIR(st.st_mode):
            if not self.search(raw, None):
                self.result.warnings.append(f"{raw}: no newsletters found (*.md, *.markdown, *.txt)")
        elif stat.S_ISREG(st.st_mode):
            real = os.path.realpath(raw)
            if not (self.forces_exclusion(real) and self.excluded_with_folders(real)):
                self.keep(os.path.normpath(raw), st)  # else: excluded, silently, as ruff does for a hook's files
        else:
            self.result.errors.append(f"{raw}: not a regular file (a FIFO, socket or device); not read")

    def add_glob(self, raw: str) -> None:
        segments = raw.split("/")
        literal = 0
        while literal < len(segments) - 1 and not is_glob(segments[literal]):
            literal += 1
        base = "/".join(segments[:literal]) or ("/" if raw.startswith("/") else ".")
        rest = "/".join(segments[literal:])
        self.given_folders.append(os.path.realpath(base))  # links within the glob's folder
        if not os.path.isdir(base) or not self.search(base, _compile(glob_regex(rest, dotfiles=False))):
            self.result.warnings.append(f"{raw}: matches no files")

    def keep(self, shown: str, st: os.stat_result) -> None:
        self.kept.append((Path(shown), (st.st_dev, st.st_ino)))

    def sorted_files(self) -> list[Path]:
        """Sorted by path; a file met under several names keeps the first of them."""
        seen: set[tuple[int, int]] = set()
        files = []
        for path, identity in sorted(self.kept, key=lambda kept: kept[0].parts):
            if identity not in seen:
                seen.add(identity)
                files.append(path)
        return files

    def search(self, start: str, pattern: re.Pattern[str] | None) -> int:
        """Add the newsletters under `start` (those matching `pattern`, relative to `start`,
        when it is a glob's); return how many were found."""
        real_start = os.path.realpath(start)
        top = self.gitignore.top_for(real_start)
        count = 0
        # (folder as shown, its real path, path relative to start, inside a folder the glob matched)
        stack = [("" if os.path.normpath(start) == "." else os.path.normpath(start), real_start, "", pattern is None)]
        while stack:
            shown, real, relative, matched = stack.pop()
            try:
                with os.scandir(real) as it:
                    entries = list(it)
            except PermissionError:
                self.result.errors.append(f"{shown or '.'}: permission denied; folder not searched")
                continue
            except OSError as exc:
                self.result.errors.append(f"{shown or '.'}: cannot be searched ({exc.strerror})")
                continue
            exclusions = self.exclusions(real)
            for entry in entries:
                name = entry.name
                entry_relative = relative + name
                entry_real = os.path.join(real, name)
                entry_shown = os.path.join(shown, name)
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_dir = False
                if is_dir:
                    if (name.startswith(".") or exclusions.excludes(entry_real, name)
                            or self.gitignore.ignores(entry_real, True, top)):
                        continue
                    matches = matched or bool(pattern is not None and pattern.fullmatch(entry_relative))
                    stack.append((entry_shown, entry_real, entry_relative + "/", matches))
                    continue
                if pattern is not None and pattern.fullmatch(entry_relative):
                    pass  # a glob names this file: any suffix
                elif not (matched and name.lower().endswith(NEWSLETTER_SUFFIXES)):
                    continue
                if exclusions.excludes(entry_real, name) or self.gitignore.ignores(entry_real, False, top):
                    continue
                try:
                    st = entry.stat()  # follows a link
                    mode = st.st_mode
                except OSError:
                    self.result.warnings.append(f"{entry_shown}: broken symbolic link; skipped")
                    continue
                if stat.S_ISDIR(mode):
                    continue  # a link to a folder: not followed, as os.walk does not
                if not stat.S_ISREG(mode):
                    self.result.warnings.append(f"{entry_shown}: not a regular file (a FIFO, socket or device); skipped")
                    continue
                if entry.is_symlink():
                    real_file = os.path.realpath(entry_real)
                    if not self.given(real_file):
                        self.result.warnings.append(f"{entry_shown}: a symlink to {real_file}, outside the paths "
                                                    "given; skipped (name it to clean it)")
                        continue
                self.keep(entry_shown, st)
                count += 1
        return count


def excluded_when_named(name: str, settings_for: Callable[[Path], ExclusionSettings], *,
                        force_exclude: bool = False) -> bool:
    """Whether a file named on the command line (it need not exist: the name of stdin)
    is left out; only ever under `--force-exclude` / `force-exclude = true`."""
    finder = _Finder([], settings_for, force_exclude)
    real = os.path.realpath(name)
    return finder.forces_exclusion(real) and finder.excluded_with_folders(real)


def find_newsletters(paths: Iterable[str], settings_for: Callable[[Path], ExclusionSettings], *,
                     force_exclude: bool = False) -> Discovered:
    """The newsletters named by `paths` (files, folders, globs), sorted by path."""
    paths = list(paths)
    finder = _Finder(paths, settings_for, force_exclude)
    for raw in paths:
        finder.add(raw)
    finder.result.files = finder.sorted_files()
    return finder.result


__all__ = ["Discovered", "Exclusions", "GitIgnore", "DEFAULT_EXCLUDE", "excluded_when_named", "find_newsletters",
           "glob_regex",
           "is_glob", "parse_gitignore"]
