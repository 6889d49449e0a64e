"""Code actions: a quick fix per finding, "Disable CODE for this block", and
"Fix all nlclean issues" (`source.fixAll.nlclean`).

Safe fixes are preferred (an editor may apply them with one key); unsafe ones
are offered but never preferred. "Fix all" applies what `nlclean fix` would
(safe fixes only, unless unsafe fixes are on); it is computed when the
editor resolves it, if the editor can, since it runs the fixer to the end.
"""
from __future__ import annotations

from lsprotocol import types

from nlclean.engine import INTERNAL_ERROR_CODE
from nlclean.findings import Finding

from .analysis import Analysis

FIX_ALL_KIND = "source.fixAll.nlclean"
FIX_ALL_TITLE = "Fix all nlclean issues"
QUICKFIX = types.CodeActionKind.QuickFix.value


def wanted(kind: str, only: list[str] | None) -> bool:
    """Does an action of `kind` match the kinds the editor asked for? (LSP kinds are dot hierarchies.)"""
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def workspace_edit(analysis: Analysis, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    if versioned:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=analysis.uri, version=analysis.version),
            edits=edits,
        )])
    return types.WorkspaceEdit(changes={analysis.uri: edits})


def findings_in(analysis: Analysis, where: types.Range) -> list[tuple[Finding, types.Diagnostic]]:
    """The findings whose range touches `where`, each with its diagnostic."""
    first, last = (where.start.line, where.start.character), (where.end.line, where.end.character)
    out = []
    for i, (finding, d) in enumerate(zip(analysis.findings, analysis.payload)):
        start, end = d["range"]["start"], d["range"]["end"]
        if (start["line"], start["character"]) <= last and first <= (end["line"], end["character"]):
            out.append((finding, analysis.diagnostic(i)))
    return out


def quick_fixes(analysis: Analysis, where: types.Range, versioned: bool,
                refused: list[str] | None = None) -> list[types.CodeAction]:
    """Quick fixes for the findings in `where`; a fix that would add words (a
    rule's bug, which `nlclean fix` refuses too) is left out and named in `refused`."""
    actions = []
    for finding, diagnostic in findings_in(analysis, where):
        added = analysis.words_added_by(finding.fix) if finding.fix is not None else []
        if added and refused is not None:
            refused.append(f"{finding.code} ({finding.name}) would add words ({', '.join(added[:5])})")
        if finding.fix is not None and not added:
            actions.append(types.CodeAction(
                title=finding.fix.title,
                kind=QUICKFIX,
                diagnostics=[diagnostic],
                is_preferred=finding.fix.is_safe,
                edit=workspace_edit(analysis, [analysis.text_edit(e) for e in finding.fix.edits], versioned),
            ))
        disable = disable_for_block(analysis, finding, diagnostic, versioned)
        if disable is not None:
            actions.append(disable)
    return actions


def disable_for_block(analysis: Analysis, finding: Finding, diagnostic: types.Diagnostic,
                      versioned: bool) -> types.CodeAction | None:
    """Insert `<!-- nlclean-disable-next-block CODE -->` and a blank line before
    the top-level block the finding starts in (what the suppression scan reads)."""
    if finding.code == INTERNAL_ERROR_CODE:
        return None
    line = finding.start_pos.line - 1
    block = next((b for b in analysis.doc.blocks if b.start <= line < b.end), None)
    if block is None:
        return None
    newline = "\r\n" if analysis.form.crlf else "\n"
    at = analysis.index.position(analysis.doc.offset(block.start))
    insert = types.TextEdit(range=types.Range(at, at),
                            new_text=f"<!-- nlclean-disable-next-block {finding.code} -->{newline}{newline}")
    return types.CodeAction(
        title=f"Disable {finding.code} for this block",
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        is_preferred=False,
        edit=workspace_edit(analysis, [insert], versioned),
    )


def fix_all(analysis: Analysis, versioned: bool, lazy: bool) -> types.CodeAction | None:
    """The fix-all action; with `lazy` its edit is left for codeAction/resolve."""
    unsafe = analysis.settings.unsafe_fixes
    if not any(f.fix is not None and (unsafe or f.fix.is_safe) for f in analysis.findings):
        return None
    action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                              data={"uri": analysis.uri, "version": analysis.version})
    if not lazy:
        return resolve_fix_all(action, analysis, versioned)
    return action


def resolve_fix_all(action: types.CodeAction, analysis: Analysis, versioned: bool) -> types.CodeAction | None:
    """Fill in the edit; None when the fixer changes nothing after all. Raises NewContentError on a rule bug."""
    edit = analysis.fix_all_edit()
    if edit is None:
        return None
    action.edit = workspace_edit(analysis, [edit], versioned)
    return action
