"""nlclean: clean newsletters converted from email to markdown.

The public API is two functions, as mdformat's is:

    >>> import nlclean
    >>> nlclean.clean("Hi\\n\\n[Unsubscribe](https://x.example/unsubscribe)\\n")
    'Hi\\n'
    >>> [f.code for f in nlclean.lint("Price: $5\\n")]
    ['NL502']
"""
from __future__ import annotations

from .api import clean, lint
from .findings import Applicability, Edit, Finding, Fix, Position, Severity
from .guard import NewContentError
from .settings import Settings

__version__ = "0.1.0"
__all__ = [
    "clean", "lint", "Finding", "Fix", "Edit", "Position", "Severity", "Applicability",
    "Settings", "NewContentError", "__version__",
]
