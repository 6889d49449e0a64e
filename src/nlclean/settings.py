"""Settings: which rules run, which may fix, whether unsafe fixes apply, extra marker files.

Found upward from each file, as ruff does: the nearest `nlclean.toml` (top-level
keys) or `pyproject.toml` with a `[tool.nlclean]` table.

    [tool.nlclean]
    select = ["NL1", "footer"]      # codes, code prefixes, rule names or "ALL"
    ignore = ["NL503"]
    extend-select = ["NL701"]       # add to the defaults
    unsafe-fixes = false
    fixable = ["ALL"]               # the rules whose fixes may be applied
    unfixable = ["NL103"]           # reported, never fixed
    extend-markers = ["markers.toml"]  # more labels and phrases, relative to the config file
    templates = "nlclean-templates.json"  # what `nlclean learn` wrote (this name beside the
                                          # config file is read by default when it exists)
    extend-exclude = ["drafts", "archive/**"]  # files and folders not searched (see discovery.py)
    [tool.nlclean.per-file-ignores]
    "archive/**/*.md" = ["NL503"]   # globs relative to the config file

Every key is checked when the file is read: an unknown key, a value of the
wrong type, a rule selector that names no rule, or an `extend-markers` file
that is not valid marker data is one `ConfigError` ("PATH: key: problem").

Command-line and API selections are layered on top of the file's as ruff
layers them: a `select` given on top replaces the file's selection (its
ignores included), `ignore` and `extend-select` adjust what is there; within
one layer the more specific selector wins (`NL101` over `NL1` over `ALL`),
and `ignore` wins a tie. `per-file-ignores` apply last, whatever is selected.

A configuration file in a folder that others may write to and that is not
yours (`/tmp/x/nlclean.toml`, planted above your files) is not applied, with
a warning: the same reasoning as git's `safe.directory`.
"""
from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from .markers import Markers
    from .rules.base import Rule

SELECTOR_KEYS = ("select", "ignore", "extend-select", "fixable", "unfixable")
KNOWN_KEYS = {*SELECTOR_KEYS, "unsafe-fixes", "extend-markers", "per-file-ignores",
              "exclude", "extend-exclude", "force-exclude", "templates"}
# What `nlclean learn` writes and the settings read when no `templates` key names another file.
DEFAULT_TEMPLATES = "nlclean-templates.json"


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


# --- rule selectors ---------------------------------------------------------------

def _registry():
    from .rules import RULES  # on first use: settings are read before any rule runs

    return RULES


def selected_codes(selector: str) -> frozenset[str]:
    """The codes of the rules a selector names: "ALL", a rule name, a code or a code prefix."""
    s = selector.strip()
    rules = _registry()
    if s.upper() == "ALL":
        return frozenset(r.code for r in rules)
    by_name = [r.code for r in rules if r.name == s]
    if by_name:
        return frozenset(by_name)
    if s.upper().startswith("NL"):
        return frozenset(r.code for r in rules if r.code.startswith(s.upper()))
    return frozenset()


def _specificity(selector: str) -> int:
    """How narrowly a selector names rules: a more specific one wins (ruff's rule)."""
    s = selector.strip()
    if s.upper() == "ALL":
        return 0
    if s.upper().startswith("NL") and any(r.code == s.upper() for r in _registry()):
        return 100  # a whole code
    if s.upper().startswith("NL"):
        return len(s)
    return 100  # a rule name is one rule


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    return [s for s in selectors if not selected_codes(s)]


def _check_selectors(selectors: Iterable[str], where: str) -> None:
    unknown = unknown_selectors(selectors)
    if unknown:
        listed = ", ".join(f"'{s}'" for s in unknown)
        raise ConfigError(f"{where}: unknown rule{'s' if len(unknown) > 1 else ''} {listed} (see `nlclean rules`)")


@dataclass(frozen=True)
class Selection:
    """One layer of rule selection: a config file's, the command line's or the API's."""

    select: tuple[str, ...] | None = None  # None: keep what the layer below chose
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fixable: tuple[str, ...] | None = None
    unfixable: tuple[str, ...] = ()


def _apply(current: frozenset[str], chosen: tuple[str, ...] | None, adds: tuple[str, ...],
           removes: tuple[str, ...]) -> frozenset[str]:
    """One layer on top of `current`, by increasing specificity; at equal
    specificity the removal is applied last, so it wins."""
    result = set() if chosen is not None else set(current)
    adding = (*(chosen or ()), *adds)
    for level in sorted({_specificity(s) for s in (*adding, *removes)}):
        for s in adding:
            if _specificity(s) == level:
                result |= selected_codes(s)
        for s in removes:
            if _specificity(s) == level:
                result -= selected_codes(s)
    return frozenset(result)


# --- settings ---------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None  # None: the rules on by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fixable: tuple[str, ...] | None = None  # None: every rule may fix
    unfixable: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    extend_markers: tuple[str, ...] = ()
    # Globs (relative to `root`, the config file's folder) -> selectors of rules
    # switched off for the files they match.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: str | None = None
    # The per-file-ignores that matched the file these settings are for (see `for_file`).
    file_ignores: tuple[str, ...] = ()
    # Selections given on top of the file's (command line, API), lowest first.
    layers: tuple[Selection, ...] = field(default=())
    source: str | None = None  # the config file these came from
    templates: str | None = None  # the templates file of the template rule (absolute path)
    # Which files a folder search skips (discovery.py); None: the default list.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False  # apply the exclusions to files named on the command line too

    def __post_init__(self) -> None:
        # Settings built in code (the API) are checked as a file's are.
        for key in ("select", "ignore", "extend_select", "fixable", "unfixable"):
            _check_selectors(getattr(self, key) or (), key.replace("_", "-"))

    @cached_property
    def _enabled(self) -> frozenset[str]:
        default = frozenset(r.code for r in _registry() if r.enabled_by_default)
        codes = _apply(default, self.select, self.extend_select, self.ignore)
        for layer in self.layers:
            codes = _apply(codes, layer.select, layer.extend_select, layer.ignore)
        return codes - frozenset().union(*map(selected_codes, self.file_ignores))

    @cached_property
    def _fixable(self) -> frozenset[str]:
        codes = _apply(frozenset(r.code for r in _registry()), self.fixable, (), self.unfixable)
        for layer in self.layers:
            codes = _apply(codes, layer.fixable, (), layer.unfixable)
        return codes

    def is_enabled(self, rule: "type[Rule]") -> bool:
        return rule.code in self._enabled

    def may_fix(self, code: str) -> bool:
        """Whether `fixable` / `unfixable` let this rule's fixes be applied."""
        return code in self._fixable

    def markers(self) -> "Markers":
        from .markers import load

        return load(self.extend_markers)

    def with_overrides(self, **changes) -> "Settings":
        """These settings with the command line's (or the API's) on top.

        Rule selection keys (`select`, `ignore`, `extend_select`, `fixable`,
        `unfixable`) form a new layer, combined as ruff combines its command
        line with its config; other keys replace the file's value. None means
        "not given"."""
        given = {k: v for k, v in changes.items() if v is not None}
        keys = {"select", "ignore", "extend_select", "fixable", "unfixable"}
        layer = {k: tuple(v) for k, v in given.items() if k in keys}
        rest = {k: v for k, v in given.items() if k not in keys}
        for key, value in layer.items():
            _check_selectors(value, key.replace("_", "-"))
        if layer:
            rest["layers"] = (*self.layers, Selection(**layer))
        return replace(self, **rest) if rest else self

    def for_file(self, path: str | Path | None) -> "Settings":
        """These settings for one file: with the `per-file-ignores` that match it."""
        if not self.per_file_ignores or path is None:
            return self
        matched = tuple(
            s for glob, selectors in self.per_file_ignores if _glob_matches(glob, Path(path), self.root) for s in selectors
        )
        return replace(self, file_ignores=matched) if matched else self


# --- globs (per-file-ignores) -----------------------------------------------------

@lru_cache(maxsize=256)
def _glob_regex(glob: str) -> "re.Pattern":
    """A glob as in .gitignore and ruff: `*` and `?` stay within a folder, `**` crosses folders."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2 :]:
            end = glob.index("]", i + 2)
            body = glob[i + 1 : end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))


def _glob_matches(glob: str, path: Path, root: str | None) -> bool:
    path = path.resolve() if not path.is_absolute() else path
    if glob.endswith("/"):
        glob += "**"  # a folder: everything in it
    regex = _glob_regex(glob[2:] if glob.startswith("./") else glob)
    if "/" not in glob:
        return bool(regex.fullmatch(path.name))  # a bare name matches in any folder
    if root is not None:
        try:
            return bool(regex.fullmatch(path.relative_to(root).as_posix()))
        except ValueError:
            pass
    return bool(regex.fullmatch(path.as_posix()))


# --- reading a configuration file ----------------------------------------------------

def _string_list(value, key: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{path}: {key}: must be a list of strings, not {kind_of(value)}")


def kind_of(value) -> str:
    """What a TOML value is, for a message ("must be a list of strings, not a string")."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list of strings" if all(isinstance(v, str) for v in value) else "a list with other values than strings"
    return {str: "a string", bool: "true or false", int: "an integer", float: "a number"}.get(type(value), "a date")


def settings_from_table(table: dict, path: Path) -> Settings:
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        from difflib import get_close_matches

        near = get_close_matches(unknown[0], sorted(KNOWN_KEYS), n=1)
        hint = f"did you mean '{near[0]}'?" if near else f"known: {', '.join(sorted(KNOWN_KEYS))}"
        raise ConfigError(f"{path}: {unknown[0]}: unknown setting ({hint})")
    selectors: dict[str, tuple[str, ...] | None] = {}
    for key in SELECTOR_KEYS:
        if key in table:
            selectors[key] = _string_list(table[key], key, path)
            _check_selectors(selectors[key], f"{path}: {key}")
    unsafe = table.get("unsafe-fixes", False)
    if not isinstance(unsafe, bool):
        raise ConfigError(f"{path}: unsafe-fixes: must be true or false, not {kind_of(unsafe)}")
    force_exclude = table.get("force-exclude", False)
    if not isinstance(force_exclude, bool):
        raise ConfigError(f"{path}: force-exclude: must be true or false, not {kind_of(force_exclude)}")
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{path}: per-file-ignores: must be a table of globs to rule lists, not {kind_of(per_file)}")
    per_file_ignores = []
    for glob, value in per_file.items():
        codes = _string_list(value, f"per-file-ignores.\"{glob}\"", path)
        _check_selectors(codes, f"{path}: per-file-ignores.\"{glob}\"")
        per_file_ignores.append((glob, codes))
    markers = tuple(
        str((path.parent / p).resolve()) for p in _string_list(table.get("extend-markers", []), "extend-markers", path)
    )
    for m in markers:
        if not Path(m).is_file():
            raise ConfigError(f"{path}: extend-markers: file not found: {m}")
    templates = table.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise ConfigError(f"{path}: templates: must be a file name, not {kind_of(templates)}")
    if templates is not None:
        templates = str((path.parent / templates).resolve())
        if not Path(templates).is_file():
            raise ConfigError(f"{path}: templates: file not found: {templates}")
    elif (path.parent / DEFAULT_TEMPLATES).is_file():
        templates = str((path.parent / DEFAULT_TEMPLATES).resolve())
    settings = Settings(
        select=selectors.get("select"),
        ignore=selectors.get("ignore", ()),
        extend_select=selectors.get("extend-select", ()),
        fixable=selectors.get("fixable"),
        unfixable=selectors.get("unfixable", ()),
        unsafe_fixes=unsafe,
        extend_markers=markers,
        per_file_ignores=tuple(per_file_ignores),
        root=str(path.parent),
        source=str(path),
        templates=templates,
        exclude=_string_list(table["exclude"], "exclude", path) if "exclude" in table else None,
        extend_exclude=_string_list(table.get("extend-exclude", []), "extend-exclude", path),
        force_exclude=force_exclude,
    )
    if markers:
        from .markers import DataError

        try:
            settings.markers()  # the marker files are checked now, once
        except DataError as exc:  # "PATH: key: problem" of the marker file
            raise ConfigError(f"{path}: extend-markers: {exc}") from None
    return settings


def _read_config(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("nlclean")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.nlclean: must be a table, not {kind_of(table)}")
        return table
    return data


# --- whose configuration to trust ---------------------------------------------------

_warned: set[str] = set()


def untrusted_reason(config: Path) -> str | None:
    """Why a discovered config file must not be applied, or None.

    A folder that others may write to and that is not yours (another user's
    `/tmp/x`) can be given a `nlclean.toml` by anyone: git refuses such a
    repository (`safe.directory`), and nlclean does not take settings from it.
    A file there that someone else owns is refused even in a folder you own
    (root's `/tmp`, where any user can create files)."""
    if not hasattr(os, "getuid"):
        return None  # no ownership to reason about (Windows)
    try:
        folder, file = config.parent.stat(), config.stat()
    except OSError:
        return None
    me = os.getuid()
    if folder.st_mode & stat.S_IWOTH and (folder.st_uid != me or file.st_uid != me):
        return "its folder is writable by others and not yours"
    if file.st_mode & stat.S_IWOTH and file.st_uid != me:
        return "it is writable by others and not yours"
    return None


def _warn_untrusted(config: Path, reason: str) -> None:
    if str(config) not in _warned:
        _warned.add(str(config))
        sys.stderr.write(f"nlclean: warning: not using {config}: {reason} (see Configuration in the README)\n")


@lru_cache(maxsize=256)
def _settings_for_dir(directory: Path) -> Settings:
    for d in (directory, *directory.parents):
        for name in ("nlclean.toml", "pyproject.toml"):
            candidate = d / name
            if candidate.is_file():
                reason = untrusted_reason(candidate)
                if reason is not None:
                    _warn_untrusted(candidate, reason)
                    continue
                table = _read_config(candidate)
                if table is not None:
                    return settings_from_table(table, candidate)
        if (d / DEFAULT_TEMPLATES).is_file():  # a learned templates file with no configuration beside it
            return Settings(templates=str(d / DEFAULT_TEMPLATES))
    return Settings()


def discover(path: str | Path | None) -> Settings:
    """The settings that apply to a file (or, for stdin, to the current folder)."""
    p = Path(path).resolve() if path else Path.cwd()
    return _settings_for_dir(p if p.is_dir() else p.parent).for_file(p if path and not p.is_dir() else None)


def load_file(config: str | Path) -> Settings:
    path = Path(config).resolve()
    if not path.is_file():
        raise ConfigError(f"{config}: configuration file not found")
    table = _read_config(path)
    return settings_from_table(table or {}, path)


def clear_cache() -> None:
    _settings_for_dir.cache_clear()


__all__ = ["Settings", "Selection", "ConfigError", "discover", "load_file", "clear_cache", "selected_codes"]
