"""NL901 unused-suppression: a suppression comment that is malformed, names an unknown rule, or suppresses nothing.

## What it does
Checks nlclean's own suppression comments (`<!-- nlclean-disable … -->` and
the rest of markdownlint's set, listed under Configuration in the README):

- a comment that opens with `nlclean-` but is no directive nlclean knows
  (`nlclean-disble`, `nlclean-enable-file`), or `capture` / `restore` with rule codes;
- a rule code or name that names no rule (`NL999`, `sponsor-blocks`);
- a directive that switches rules off where none of them reports anything,
  or an `enable` with nothing switched off before it. When the rules it names
  did not run (not selected), the message says so.

Like ruff's RUF100 for `noqa` comments.

## Why is this bad?
A misspelt directive does not do what its author meant, and it does so
silently: the finding it was written for comes back, or every rule is
switched off where one was meant. A directive left behind after the text
around it changed hides the next real finding at that place.

## Example
```markdown
<!-- nlclean-disable-next-line NL999 -->
The council met on Tuesday.
```
NL999 is no rule, and the next line has nothing to suppress: both are reported.

## Fix safety
No fix: whether to correct the directive or delete it is the author's call.
"""
from __future__ import annotations

from typing import Iterator

from ..findings import Finding, Severity
from ..suppression import DISABLING, SELF_REPORT_CODE, Directive
from .base import Rule


class UnusedSuppression(Rule):
    code = SELF_REPORT_CODE
    name = "unused-suppression"
    family = "nlclean"
    summary = "suppression comment that is malformed, names an unknown rule, or suppresses nothing"
    severity = Severity.WARNING
    has_fix = False

    def check(self, ctx) -> Iterator[Finding]:
        suppressions = ctx.suppressions
        if suppressions is None or not suppressions.directives:
            return
        # Directives that could switch off this rule's own reports are judged
        # last, once the reports about the others have counted as their use.
        first = [d for d in suppressions.directives if self.code not in d.codes]
        last = [d for d in suppressions.directives if self.code in d.codes]
        reports = [f for d in first for f in self._reports(ctx, d)]
        for f in reports:
            suppressions.suppresses(f)
        yield from reports
        for d in last:
            yield from self._reports(ctx, d)

    def _reports(self, ctx, d: Directive) -> Iterator[Finding]:
        comment = ctx.doc.text[d.start : d.end]
        if d.problem:
            yield ctx.finding(f"Malformed suppression comment: {d.problem}", d.start, d.end, evidence=(comment,))
            return
        if d.unknown:
            names = ", ".join(f"'{s}'" for s in d.unknown)
            yield ctx.finding(f"Suppression comment names no rule: {names} (see `nlclean rules`)", d.start, d.end,
                              evidence=(comment,))
        if not d.codes or d.used or d.kind not in (*DISABLING, "enable"):
            return
        if d.kind == "enable":
            yield ctx.finding("Suppression comment enables nothing: no rule it names is switched off here",
                              d.start, d.end, evidence=(comment,))
            return
        not_run = sorted(d.codes - ctx.codes_run)
        why = ""
        if not_run and d.selectors:
            why = f" ({', '.join(not_run)} {'is' if len(not_run) == 1 else 'are'} not enabled)"
        yield ctx.finding(f"Unused suppression comment: `nlclean-{d.kind}` suppresses nothing{why}",
                          d.start, d.end, evidence=(comment,))
