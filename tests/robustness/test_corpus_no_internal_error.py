"""No rule raises on a newsletter the project can read: checked on every one.

The engine reports a rule that raises as an NL000 finding and runs the
others (a broken rule must not take the cleaner down). The price is that a
bug there is quiet: a NameError left by a merge in one of NL302's shapes
showed only as a removal that no longer happened. This guard lints every
newsletter the tests read (the dev corpus and bulk in `../shared/corpus`,
and the invented development sets `benchmarks/invented/blind4` to `blind8`)
and asks for no NL000 at all; a failure names the file and the rule.

The corpora are third-party text in `../shared/corpus`, read from there and
never copied; without them those inputs are left out.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import nlclean
from nlclean.engine import INTERNAL_ERROR_CODE
from nlclean.files import NEWSLETTER_SUFFIXES, format_for
from nlclean.rules import BY_CODE

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
INVENTED_SETS = [REPO / "benchmarks" / "invented" / f"blind{n}" for n in range(4, 9)]


def _inputs() -> list[tuple[str, Path]]:
    """(name, path) of every readable newsletter: the items' inputs of the
    annotated sets, every file of bulk."""
    found = []
    for root in [SHARED_CORPUS / "dev", *INVENTED_SETS]:
        for path in sorted(root.glob("*/input.*")) if root.is_dir() else []:
            found.append((str(path.relative_to(root.parent)), path))
    bulk = SHARED_CORPUS / "bulk"
    for path in sorted(bulk.glob("*/*")) if bulk.is_dir() else []:
        found.append((f"bulk/{path.parent.name}/{path.name}", path))
    return [(name, path) for name, path in found if path.suffix.lower() in NEWSLETTER_SUFFIXES]


def internal_errors(text: str, format: str) -> list[str]:
    """The messages of the NL000 findings of a lint: a rule that raised."""
    return [f.message for f in nlclean.lint(text, format=format) if f.code == INTERNAL_ERROR_CODE]


INPUTS = _inputs()


@pytest.mark.skipif(not INPUTS, reason="no corpus beside this checkout")
def test_no_rule_raises_on_a_readable_newsletter():
    failures = {}
    for name, path in INPUTS:
        errors = internal_errors(path.read_bytes().decode("utf-8", "replace"), format_for(path))
        if errors:
            failures[name] = errors[:2]
    assert not failures, f"{len(failures)} of {len(INPUTS)} newsletters: {failures}"


def test_the_guard_sees_a_rule_that_raises(monkeypatch):
    # The guard itself: a rule that raises leaves the lint going, with an
    # NL000 that names it; a rule that works leaves none.
    text = "# Weekly\n\nThe ferries ran late all week.\n\n**Sponsored by Acme**\n\nAcme ships it.\n"
    assert internal_errors(text, "markdown") == []

    def broken(self, ctx):
        raise NameError("name 'shape' is not defined")
        yield  # a generator, as the rules' checks are

    monkeypatch.setattr(BY_CODE["NL302"], "check", broken)
    errors = internal_errors(text, "markdown")
    assert len(errors) == 1 and "NL302" in errors[0] and "NameError" in errors[0]
