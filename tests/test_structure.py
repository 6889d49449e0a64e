"""The house matches the design: rules depend on their context, not on the engine."""
from __future__ import annotations

import subprocess
import sys


def test_a_rule_module_imports_without_the_engine():
    code = (
        "import sys, nlclean.rules.base, nlclean.context\n"
        "assert 'nlclean.engine' not in sys.modules, sorted(m for m in sys.modules if m.startswith('nlclean'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_engine_runs_the_rule_list_it_is_given():
    from nlclean.document import Document
    from nlclean.engine import check
    from nlclean.rules import BY_CODE
    from nlclean.settings import Settings

    doc = Document("Price: $5 &amp; more\n")
    every = {f.code for f in check(doc, Settings())}
    only = {f.code for f in check(doc, Settings(), rules=[BY_CODE["NL502"]])}
    assert every == {"NL501", "NL502"}
    assert only == {"NL502"}
