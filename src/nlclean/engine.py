"""Run the rules over a parsed document and collect findings.

One pass: parse once (`Document`), give every enabled rule the same
`CheckContext`, drop what inline suppression comments switch off, and the fix
of a rule that `unfixable` names. A rule that raises does not stop the others:
its failure becomes one finding.
"""
from __future__ import annotations

import traceback
from dataclasses import replace

from .document import Document
from .context import CheckContext
from .evidence import layout
from .findings import Finding, Severity
from .markers import Markers
from . import memo
from .rules import RULES, Rule
from .settings import Settings
from .suppression import Suppressions

INTERNAL_ERROR_CODE = "NL000"


def enabled_rules(settings: Settings, format: str, rules: list[type[Rule]] | None = None) -> list[type[Rule]]:
    return [r for r in (RULES if rules is None else rules) if settings.is_enabled(r) and format in r.formats]


def check(doc: Document, settings: Settings, markers: Markers | None = None,
          rules: list[type[Rule]] | None = None, path: str | None = None) -> list[Finding]:
    """Every finding of the enabled rules on the document, sorted by position.

    `rules` is the rule list to run, in priority order (the registry's by default)."""
    if markers is None:
        markers = settings.markers()
    # A flattened email is read unit by unit; findings come back as ranges of `doc`.
    presented = _presented(doc, markers)
    if presented is not None:
        found = _check_document(presented.doc, settings, markers, rules, path)
        in_source = [g for g in map(presented.finding_in_source, found) if g is not None]
        return sorted(in_source, key=lambda f: (f.start, f.end, f.code))
    return _check_document(doc, settings, markers, rules, path)


def _presented(doc: Document, markers: Markers) -> "layout.Presented | None":
    """`layout.present` of the document, once per document and marker data:
    the fixer checks a round's result twice (its tidy-up rules, then every
    rule, `fixer.TIDY_EARLY`), and the presentation is most of the first."""
    if not memo.CACHING:  # with every shortcut off, computed afresh (tests compare)
        return layout.present(doc, markers)
    key = ("layout.present", 0)
    kept = doc._cache.get(key)
    if kept is not None and kept[0] is markers:  # type: ignore[index]
        return kept[1]  # type: ignore[index]
    presented = layout.present(doc, markers)
    doc._cache[key] = (markers, presented)
    return presented


def _check_document(doc: Document, settings: Settings, markers: Markers,
                    rules: list[type[Rule]] | None, path: str | None) -> list[Finding]:
    suppressions = Suppressions.scan(doc)
    run = enabled_rules(settings, doc.format, rules)
    ctx = CheckContext(doc=doc, markers=markers, settings=settings, path=path, suppressions=suppressions,
                       codes_run=frozenset(r.code for r in run))
    for rule in run:
        ctx.rule = rule
        try:
            found = list(rule().check(ctx))
        except Exception as exc:  # a broken rule must not take the others down
            ctx.earlier.append(_internal_error(doc, rule, exc))
            continue
        if not settings.may_fix(rule.code):
            found = [replace(f, fix=None) if f.fix is not None else f for f in found]
        ctx.earlier.extend(f for f in found if not suppressions.suppresses(f))
    return sorted(ctx.earlier, key=lambda f: (f.start, f.end, f.code))


def _internal_error(doc: Document, rule: type[Rule], exc: Exception) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Finding(
        code=INTERNAL_ERROR_CODE,
        name="internal-error",
        message=f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc} "
        f"[{where.filename.rsplit('/', 1)[-1]}:{where.lineno}]",
        start=0,
        end=0,
        start_pos=doc.position(0),
        end_pos=doc.position(0),
        severity=Severity.ERROR,
    )
