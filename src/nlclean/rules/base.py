"""What every rule is: a code, a name, its documentation, and a check.

A rule's documentation is its module's docstring, in ruff's sections
(What it does / Why is this bad? / Example / Fix safety). `nlclean rule CODE`
and the language server's hover print that same text, and
`scripts/gen_rule_docs.py` writes it to the rule's page, `docs/rules/CODE.md`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterator

from ..findings import Applicability, Severity

if TYPE_CHECKING:
    from ..context import CheckContext
    from ..findings import Finding


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    summary: ClassVar[str]  # one line, for `nlclean rules`
    fix_safety: ClassVar[Applicability] = Applicability.SAFE
    has_fix: ClassVar[bool] = True  # False: the rule only reports (NL901)
    severity: ClassVar[Severity] = Severity.WARNING
    enabled_by_default: ClassVar[bool] = True
    formats: ClassVar[tuple[str, ...]] = ("markdown", "text")

    def check(self, ctx: "CheckContext") -> Iterator["Finding"]:
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        module = sys.modules[cls.__module__]
        return (module.__doc__ or cls.__doc__ or "").strip()

    @classmethod
    def docs_path(cls) -> str:
        """The rule's page, relative to the repository's root."""
        return f"docs/rules/{cls.code}.md"

    @classmethod
    def fix_label(cls) -> str:
        """How the rule's findings are fixed: "safe", "unsafe", or "none"."""
        return cls.fix_safety.value if cls.has_fix else "none"

    @classmethod
    def docs_url(cls) -> str:
        """A link to the rule's page in the repository's docs: a `file://` URI
        when this nlclean runs from a checkout that has the page (an editor
        and a SARIF viewer can open it), else the page's path in the repository
        (nlclean has no web site to point to)."""
        page = _REPOSITORY_ROOT / cls.docs_path()
        return page.as_uri() if page.is_file() else cls.docs_path()


# src/nlclean/rules/base.py -> the checkout's root, when nlclean runs from one.
_REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
