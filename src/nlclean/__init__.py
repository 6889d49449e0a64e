"""nlclean: clean newsletters converted from email to markdown.

The public API is two functions, as mdformat's is:

    >>> import nlclean
    >>> nlclean.clean("Hi\\n\\n[Unsubscribe](https://x.example/unsubscribe)\\n")
    'Hi\\n'
    >>> [f.code for f in nlclean.lint("Price: $5\\n")]
    ['NL502']

The names are loaded on first use: `import nlclean.rules.base` (or the CLI's
`--version`) does not pay for the engine, its parser and its marker data.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "clean": ".api", "lint": ".api",
    "Finding": ".findings", "Fix": ".findings", "Edit": ".findings", "Position": ".findings",
    "Severity": ".findings", "Applicability": ".findings",
    "Settings": ".settings", "NewContentError": ".guard",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from .api import clean, lint
    from .findings import Applicability, Edit, Finding, Fix, Position, Severity
    from .guard import NewContentError
    from .settings import Settings


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'nlclean' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
