"""`nlclean learn`: learn each sender's template from its issues.

Reads every newsletter under the paths (found as `lint` and `fix` find them:
`.gitignore`, `exclude`, quoted globs), groups them by sender (see
`nlclean.templates` for how a sender is told), and writes the templates file
that the template rule (NL701) reads: `nlclean-templates.json` beside the
configuration of the first path (or in the current folder when there is
none), or `--output FILE`. An existing file is updated: counts are merged and
decisions a person set by hand are kept.

Exit 0 when the file was written, 2 on a usage error, a file that could not
be read (the others are still learned) or a templates file that cannot be
updated (left as it was).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from ..discovery import find_newsletters
from ..files import FileError, read
from ..settings import DEFAULT_TEMPLATES, discover as discover_settings
from .common import error, warning
from .parallel import add_jobs_option, run_jobs


def add_parser(sub) -> None:
    p = sub.add_parser("learn", help="learn each sender's template from its issues", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of newsletters")
    p.add_argument("-o", "--output", metavar="FILE",
                   help=f"the templates file to write or update (default: {DEFAULT_TEMPLATES} beside the configuration)")
    p.add_argument("--min-issues", type=int, default=None, metavar="N",
                   help="a block is template when it recurs in at least N issues of its sender (default 3)")
    add_jobs_option(p)
    p.set_defaults(run=run)


@dataclass(frozen=True)
class ReadJob:
    """Read one newsletter into what learning needs (picklable, for the workers)."""

    def __call__(self, path: Path):
        from ..templates import read_issue

        try:
            nl = read(path)
        except FileError as exc:
            return str(exc)
        return read_issue(nl.form.normalized, nl.format, str(path))


def default_output(first_path: str) -> Path:
    settings = discover_settings(first_path)
    if settings.source:
        return Path(settings.source).parent / DEFAULT_TEMPLATES
    return Path.cwd() / DEFAULT_TEMPLATES


def run(args: argparse.Namespace) -> int:
    from ..templates import TemplatesError, learn, load, write

    if args.min_issues is not None and args.min_issues < 2:
        error("--min-issues must be 2 or more (a block in one issue recurs nowhere)")
        return 2
    output = Path(args.output) if args.output else default_output(args.paths[0])
    previous = None
    if output.exists():
        previous = load(output)  # a malformed file is an error, never silently replaced
    found = find_newsletters(args.paths, discover_settings)
    for message in found.warnings:
        warning(message)
    for message in found.errors:
        error(message)
    files, failed = found.files, bool(found.errors)
    issues, unknown_sender = [], 0
    for result in run_jobs(ReadJob(), files, args.jobs):
        if isinstance(result, str):
            error(result)
            failed = True
        elif result is None:
            unknown_sender += 1
        else:
            issues.append(result)
    templates = learn(issues, previous, args.min_issues)
    try:
        write(templates, output)
    except OSError as exc:
        raise TemplatesError(f"{output}: cannot write templates file: {exc.strerror or exc}") from None
    blocks = sum(1 for s in templates.senders.values() for b in s["blocks"].values() if b["decision"] == "template")
    senders = len({i.sender.key for i in issues})
    sys.stderr.write(
        f"Learned {len(issues)} issue{'s' if len(issues) != 1 else ''} of {senders} sender{'s' if senders != 1 else ''}"
        f"; {blocks} template block{'s' if blocks != 1 else ''} in {output}"
        + (f" ({unknown_sender} file{'s' if unknown_sender != 1 else ''} with no sender skipped)" if unknown_sender else "")
        + ".\n"
    )
    return 2 if failed else 0
