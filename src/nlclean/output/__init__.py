"""Output formats for `nlclean lint`: one module per format, one function each.

Every formatter takes the per-file results and a stream, and writes the
whole report; keyword arguments it may use: `color` (True / False / None for
auto), `errors` (the paths that could not be read), `show_fixes`. `FORMATS`
maps the `--output-format` name to it; each module is imported on first use,
so that a run that prints one format does not load the others.
"""
from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Callable, Iterator

# name -> (module, function)
_FORMATTERS = {
    "full": ("full", "write_full"),
    "concise": ("concise", "write_concise"),
    "json": ("json_format", "write_json"),
    "github": ("github", "write_github"),
    "sarif": ("sarif", "write_sarif"),
    "junit": ("junit", "write_junit"),
    "gitlab": ("gitlab", "write_gitlab"),
}


class _Formats(Mapping):
    """A read-only mapping from format name to its write function, loaded on lookup."""

    def __getitem__(self, name: str) -> Callable:
        module, function = _FORMATTERS[name]
        return getattr(import_module(f"{__name__}.{module}"), function)

    def __iter__(self) -> Iterator[str]:
        return iter(_FORMATTERS)

    def __len__(self) -> int:
        return len(_FORMATTERS)


FORMATS: Mapping[str, Callable] = _Formats()
