"""`nlclean server`: the language server, speaking LSP on stdin/stdout.

Editors start it themselves (see docs/editors.md). It needs the `server`
extra: `pip install 'nlclean[server]'`.
"""
from __future__ import annotations

import argparse

from .common import error


def add_parser(sub) -> None:
    p = sub.add_parser("server", help="run the language server (LSP over stdin/stdout)", description=__doc__)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:  # imported here: the other commands must not pay for (or need) pygls
        from nlclean_server.language_server import serve
    except ImportError as exc:
        error(f"the language server needs pygls: pip install 'nlclean[server]' ({exc})")
        return 2
    return serve()
