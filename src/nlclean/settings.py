"""Settings: which rules run, whether unsafe fixes apply, extra marker files.

Found upward from each file, as ruff does: the nearest `nlclean.toml` (top-level
keys) or `pyproject.toml` with a `[tool.nlclean]` table. Command-line options
override what the file says.

    [tool.nlclean]
    select = ["NL1", "footer"]      # codes, code prefixes or rule names
    ignore = ["NL503"]
    extend-select = ["NL701"]       # add to the defaults
    unsafe-fixes = false
    extend-markers = ["markers.toml"]  # more labels and phrases, relative to the config file
    extend-exclude = ["drafts", "archive/**"]  # files and folders not searched (see discovery.py)
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from .markers import Markers
    from .rules.base import Rule

KNOWN_KEYS = {"select", "ignore", "extend-select", "unsafe-fixes", "extend-markers",
              "exclude", "extend-exclude", "force-exclude"}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file."""


def _matches(rule: "type[Rule]", selectors: tuple[str, ...]) -> bool:
    for s in selectors:
        s = s.strip()
        if s.upper() == "ALL" or s == rule.name or (s.upper().startswith("NL") and rule.code.startswith(s.upper())):
            return True
    return False


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None  # None: the rules on by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    extend_markers: tuple[str, ...] = ()
    source: str | None = None  # the config file these came from
    # Which files a folder search skips (discovery.py); None: the default list.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False  # apply the exclusions to files named on the command line too

    def is_enabled(self, rule: "type[Rule]") -> bool:
        if self.select is None:
            on = rule.enabled_by_default or _matches(rule, self.extend_select)
        else:
            on = _matches(rule, self.select) or _matches(rule, self.extend_select)
        return on and not _matches(rule, self.ignore)

    def markers(self) -> "Markers":
        from .markers import load

        return load(self.extend_markers)

    def with_overrides(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _as_tuple(value, key: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{path}: '{key}' must be a string or a list of strings")


def settings_from_table(table: dict, path: Path) -> Settings:
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    unsafe = table.get("unsafe-fixes", False)
    if not isinstance(unsafe, bool):
        raise ConfigError(f"{path}: 'unsafe-fixes' must be true or false")
    force_exclude = table.get("force-exclude", False)
    if not isinstance(force_exclude, bool):
        raise ConfigError(f"{path}: 'force-exclude' must be true or false")
    markers = tuple(
        str((path.parent / p).resolve()) for p in _as_tuple(table.get("extend-markers", []), "extend-markers", path)
    )
    for m in markers:
        if not Path(m).is_file():
            raise ConfigError(f"{path}: extend-markers file not found: {m}")
    return Settings(
        select=_as_tuple(table["select"], "select", path) if "select" in table else None,
        ignore=_as_tuple(table.get("ignore", []), "ignore", path),
        extend_select=_as_tuple(table.get("extend-select", []), "extend-select", path),
        unsafe_fixes=unsafe,
        extend_markers=markers,
        source=str(path),
        exclude=_as_tuple(table["exclude"], "exclude", path) if "exclude" in table else None,
        extend_exclude=_as_tuple(table.get("extend-exclude", []), "extend-exclude", path),
        force_exclude=force_exclude,
    )


def _read_config(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("nlclean")
    return data


@lru_cache(maxsize=256)
def _settings_for_dir(directory: Path) -> Settings:
    for d in (directory, *directory.parents):
        for name in ("nlclean.toml", "pyproject.toml"):
            candidate = d / name
            if candidate.is_file():
                table = _read_config(candidate)
                if table is not None:
                    return settings_from_table(table, candidate)
    return Settings()


def discover(path: str | Path | None) -> Settings:
    """The settings that apply to a file (or, for stdin, to the current folder)."""
    p = Path(path).resolve() if path else Path.cwd()
    return _settings_for_dir(p if p.is_dir() else p.parent)


def load_file(config: str | Path) -> Settings:
    path = Path(config).resolve()
    if not path.is_file():
        raise ConfigError(f"{config}: configuration file not found")
    table = _read_config(path)
    return settings_from_table(table or {}, path)


def clear_cache() -> None:
    _settings_for_dir.cache_clear()


__all__ = ["Settings", "ConfigError", "discover", "load_file", "clear_cache"]
