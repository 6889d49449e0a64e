"""Clean the newsletters staged for a commit, and re-stage them.

What is cleaned is the STAGED version (the blob in the index), never the
working-tree file, because that is what the commit will hold:

1. list the staged files matching the patterns (`git config nlclean.files`,
   git glob pathspecs; by default every `*.md`, `*.markdown` and `*.txt`);
2. read each one's blob from the index, clean it as `nlclean fix` would
   (same settings, line endings, BOM and final newline kept), write the
   cleaned blob into the object store and point the index entry at it;
3. if the working-tree file held exactly what was staged, clean it too
   (atomically, as the CLI writes), so the tree and the commit agree; if it
   holds unstaged edits, leave it alone: the edits stay, the commit is clean,
   and the hook says so. It never merges the two.

A staged newsletter that cannot be checked (not UTF-8, binary, or a rule
bug) is reported, left as it is, and stops the commit: a hook that promises
clean commits must not let an unchecked newsletter through silently. The
other newsletters are still cleaned.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from . import git

# The engine (nlclean.files, .fixer, .settings, .guard) is imported only when a
# newsletter is staged: the hook runs on every commit, and most touch none.

FILES_KEY = "nlclean.files"
DEFAULT_PATTERNS = ("**/*.md", "**/*.markdown", "**/*.txt")
REGULAR_MODES = ("100644", "100755")  # not symlinks (120000) nor submodules (160000)


@dataclass(frozen=True)
class StagedFile:
    path: str  # relative to the top of the working tree, as git spells it
    mode: str
    blob: str


@dataclass
class Outcome:
    cleaned: list[str]
    errors: list[str]
    notes: list[str]


def pathspecs(patterns: list[str] | tuple[str, ...]) -> list[str]:
    """Patterns as git pathspecs: glob semantics (`*` stays in one folder, `**` crosses
    folders) unless the pattern brings its own magic (`:(exclude)drafts/**`)."""
    return [p if p.startswith(":") else f":(glob){p}" for p in patterns]


def configured_patterns(top: Path) -> list[str]:
    return git.config_values(top, FILES_KEY) or list(DEFAULT_PATTERNS)


def staged_files(top: Path, specs: list[str]) -> list[StagedFile]:
    """Files added, copied, modified or retyped in the index, matching `specs`."""
    raw = git.run(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames",
                   "--diff-filter=ACMT", "--", *specs], top)
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    found = []
    for meta, path in zip(fields[0::2], fields[1::2]):
        _old_mode, new_mode, _old_blob, new_blob, _status = meta.lstrip(":").split(" ")
        if new_mode in REGULAR_MODES:
            found.append(StagedFile(path, new_mode, new_blob))
    return found


def clean_bytes(data: bytes, name: str, settings_path: Path) -> tuple[bytes, int]:
    """The cleaned file and how many fixes went in; raises FileError, NewContentError, ConfigError."""
    from nlclean.files import Newsletter, decode
    from nlclean.fixer import fix_text
    from nlclean.settings import discover

    nl = Newsletter(Path(name), decode(data, name), data)
    result = fix_text(nl.form.normalized, discover(settings_path), nl.format, path=str(settings_path),
                      follow_lines=nl.form.mixed)  # each line keeps its own ending, as `nlclean fix` does
    return nl.encode(result.text, result.line_origins), len(result.applied)


def _worktree_matches_index(top: Path, item: StagedFile) -> bool:
    """True when the working-tree file holds exactly the staged content (after git's own
    filters, e.g. autocrlf), i.e. the file has no unstaged edits."""
    if not (top / item.path).is_file():
        return False
    worktree_blob = git.text(["hash-object", f"--path={item.path}", "--", item.path], top)
    return worktree_blob == item.blob


def _clean_worktree(top: Path, item: StagedFile, staged: bytes, cleaned: bytes) -> None:
    from nlclean.files import read, write_atomic

    path = top / item.path
    current = read(path)
    if current.original == staged:
        new = cleaned
    else:  # same content in the working tree's own form (filters): clean that form
        new, _ = clean_bytes(current.original, item.path, path)
    if new != current.original:
        write_atomic(path, new, expected=current.original)


def clean_staged(top: Path, patterns: list[str] | None = None) -> Outcome:
    outcome = Outcome([], [], [])
    items = staged_files(top, pathspecs(patterns if patterns is not None else configured_patterns(top)))
    if not items:
        return outcome
    from nlclean.files import FileError
    from nlclean.guard import NewContentError
    from nlclean.settings import ConfigError

    for item in items:
        staged = git.run(["cat-file", "blob", item.blob], top)
        try:
            cleaned, fixes = clean_bytes(staged, item.path, top / item.path)
        except FileError as exc:
            outcome.errors.append(f"{exc} (the staged version)")
            continue
        except (NewContentError, ConfigError) as exc:
            outcome.errors.append(f"{item.path}: {exc}")
            continue
        except Exception as exc:  # a bug on one newsletter must not hide the others' results
            outcome.errors.append(f"{item.path}: internal error ({type(exc).__name__}: {exc}); left as staged")
            continue
        if cleaned == staged:
            continue
        fully_staged = _worktree_matches_index(top, item)
        # The blob is already in the repository's form: no filters (autocrlf, clean) on the way back in.
        new_blob = git.run(["hash-object", "-w", "--no-filters", "--stdin"], top, stdin=cleaned).decode().strip()
        git.run(["update-index", "--cacheinfo", f"{item.mode},{new_blob},{item.path}"], top)
        outcome.cleaned.append(f"{item.path} ({fixes} fix{'es' if fixes != 1 else ''})")
        if not fully_staged:
            outcome.notes.append(
                f"{item.path}: only the staged version was cleaned; your unstaged edits are left as they are "
                f"in the working tree, which still holds what the commit leaves out "
                f"(`nlclean fix {item.path}` cleans it too)")
            continue
        try:
            _clean_worktree(top, item, staged, cleaned)
        except (FileError, NewContentError, ConfigError) as exc:
            outcome.notes.append(f"{item.path}: the commit is clean, but the working-tree copy was left as it was: {exc}")
    return outcome


def _nothing_left_to_commit(top: Path) -> bool:
    """True when the index equals HEAD, i.e. cleaning undid every staged change (git would
    otherwise record an empty commit, since it checks for one before the hook runs). A merge
    may rightly commit HEAD's tree, so it is never stopped here."""
    def exists(ref: str) -> bool:
        return bool(git.run(["rev-parse", "--verify", "-q", ref], top, check=False).strip())

    if not exists("HEAD") or exists("MERGE_HEAD"):
        return False
    return not git.run(["diff", "--cached", "--name-only", "HEAD"], top).strip()


def main(argv: list[str] | None = None) -> int:
    """The hook's body: 0 lets the commit go on, 1 stops it."""
    try:
        top = git.toplevel()
        outcome = clean_staged(top)
    except git.GitError as exc:
        sys.stderr.write(f"nlclean: hook error: {exc}\n")
        return 1
    for line in outcome.cleaned:
        sys.stderr.write(f"nlclean: cleaned and re-staged {line}\n")
    for line in outcome.notes:
        sys.stderr.write(f"nlclean: note: {line}\n")
    for line in outcome.errors:
        sys.stderr.write(f"nlclean: error: {line}\n")
    if outcome.cleaned and _nothing_left_to_commit(top):
        sys.stderr.write("nlclean: commit stopped: once cleaned, the staged changes are what the last commit "
                         "already holds, so nothing is left to commit.\n")
        return 1
    if outcome.errors:
        n = len(outcome.errors)
        sys.stderr.write(
            f"nlclean: commit stopped: {n} staged newsletter{'s' if n != 1 else ''} could not be checked. "
            f"Fix {'them' if n != 1 else 'it'}, narrow `git config {FILES_KEY}`, or commit with --no-verify.\n")
        return 1
    return 0
