"""JSON text for the machine formats, shallowly indented.

`json.dump(..., indent=2)` runs the pure-Python encoder over every value (an
indent turns the C encoder off): on a folder of newsletters that costs a
fifth of the lint itself. Here only the outer levels are indented, one line
each, and everything deeper (one finding, one SARIF result) is a single line
from the C encoder: as readable for a person skimming, and as valid JSON.
"""
from __future__ import annotations

import json

_encode = json.JSONEncoder(ensure_ascii=False).encode  # no indent: the C encoder


def dumps(value, *, expand: int, _indent: str = "") -> str:
    """`value` as JSON, its first `expand` levels of nesting indented by two spaces."""
    if expand <= 0 or not isinstance(value, (dict, list)) or not value:
        return _encode(value)
    inner = _indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{_encode(str(k))}: {dumps(v, expand=expand - 1, _indent=inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{_indent}}}"
    items = [inner + dumps(v, expand=expand - 1, _indent=inner) for v in value]
    return "[\n" + ",\n".join(items) + f"\n{_indent}]"
