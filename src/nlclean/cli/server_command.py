"""`nlclean server`: the language server, speaking LSP on stdin/stdout.

Editors start it themselves (see docs/editors.md). It needs the `server`
extra: `pip install 'nlclean[server]'`.

Language clients add a flag naming the transport they expect
(vscode-languageclient appends `--stdio`). stdin/stdout is the only one
served: `--stdio` is accepted, `--clientProcessId=N` too (the server ends
when its stdin closes, which is when that process goes away), and
`--node-ipc`, `--socket=N` and `--pipe=NAME` are refused with one line and
exit 2, rather than the server starting and waiting on a channel its client
never reads.
"""
from __future__ import annotations

import argparse

from .common import error

UNSUPPORTED_TRANSPORTS = ("node_ipc", "socket", "pipe")


def add_parser(sub) -> None:
    p = sub.add_parser("server", help="run the language server (LSP over stdin/stdout)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    transport = p.add_argument_group("transport (the flags language clients pass; only stdio is served)")
    transport.add_argument("--stdio", action="store_true", help="speak LSP on stdin/stdout (the default)")
    transport.add_argument("--clientProcessId", metavar="PID", type=int,
                           help="the editor's process id (accepted; the server ends when stdin closes)")
    transport.add_argument("--node-ipc", action="store_true", help="not supported: use --stdio")
    transport.add_argument("--socket", metavar="PORT", help="not supported: use --stdio")
    transport.add_argument("--pipe", metavar="NAME", help="not supported: use --stdio")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for name in UNSUPPORTED_TRANSPORTS:
        if getattr(args, name, None) not in (None, False):
            flag = "--" + name.replace("_", "-")
            error(f"the language server speaks LSP on stdin/stdout only; {flag} is not supported "
                  "(start it with --stdio, or with no transport flag)")
            return 2
    try:  # imported here: the other commands must not pay for (or need) pygls
        from nlclean_server.language_server import serve
    except ImportError as exc:
        error(f"the language server needs pygls: pip install 'nlclean[server]' ({exc})")
        return 2
    return serve()
