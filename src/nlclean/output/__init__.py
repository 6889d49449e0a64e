"""Output formats for `nlclean lint`: one module per format, one function each.

Every formatter takes the per-file results and a stream, and writes the
whole report. `FORMATS` maps the `--output-format` name to it.
"""
from __future__ import annotations

from .concise import write_concise
from .full import write_full
from .github import write_github
from .json_format import write_json
from .sarif import write_sarif

FORMATS = {
    "full": write_full,
    "concise": write_concise,
    "json": write_json,
    "github": write_github,
    "sarif": write_sarif,
}
