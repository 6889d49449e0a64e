"""Rule documentation as users meet it: `nlclean rule`, the pages in docs/rules/
(generated from the docstrings by scripts/gen_rule_docs.py), and the rule
descriptions SARIF carries. It speaks of the product: no internal rule book,
no web site that does not exist."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from nlclean.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "scripts" / "gen_rule_docs.py"
INTERNAL = re.compile(r"SPEC\b|nlclean\.dev|rule book", re.I)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, timeout=120)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documentation_cites_no_internal_rule_book_or_missing_site(rule):
    assert not INTERNAL.search(rule.documentation()), INTERNAL.search(rule.documentation())
    assert not INTERNAL.search(rule.summary)
    assert not INTERNAL.search(rule.docs_url())


def test_sarif_descriptions_cite_no_internal_rule_book_or_missing_site(tmp_path):
    # Every rule's documentation that SARIF could carry: one file per example in the docs.
    (tmp_path / "n.md").write_text(
        "# Issue\n\n## Quillstack (Sponsored)\n\nBuy it.\n\n## Story\n\nCost $5 &amp; more.\n\n"
        "[Unsubscribe](https://example.com/unsub)\n", encoding="utf-8")
    proc = run("-m", "nlclean", "lint", "--output-format", "sarif", "n.md", cwd=tmp_path)
    doc = json.loads(proc.stdout)
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) >= 3
    assert not INTERNAL.search(proc.stdout.decode())


def test_committed_rule_pages_are_current():
    proc = run(str(GENERATOR), "--check")
    assert proc.returncode == 0, proc.stderr.decode() + "\nrun: python scripts/gen_rule_docs.py"


def test_the_check_names_a_stale_a_missing_and_an_orphan_page(tmp_path):
    pages = tmp_path / "rules"
    shutil.copytree(ROOT / "docs" / "rules", pages)
    assert run(str(GENERATOR), "--check", "--out", str(pages)).returncode == 0
    (pages / "NL101.md").write_text((pages / "NL101.md").read_text(encoding="utf-8") + "edited by hand\n",
                                    encoding="utf-8")
    (pages / "NL502.md").unlink()
    (pages / "NL999.md").write_text("# a rule that is gone\n", encoding="utf-8")
    proc = run(str(GENERATOR), "--check", "--out", str(pages))
    assert proc.returncode == 1
    assert {name for name in ("NL101.md", "NL502.md", "NL999.md") if name in proc.stderr.decode()} == {
        "NL101.md", "NL502.md", "NL999.md"}
    assert run(str(GENERATOR), "--out", str(pages)).returncode == 0
    assert run(str(GENERATOR), "--check", "--out", str(pages)).returncode == 0
    assert not (pages / "NL999.md").exists()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_each_rule_links_to_its_page_which_holds_its_documentation(rule):
    page = ROOT / "docs" / "rules" / f"{rule.code}.md"
    url = urlparse(rule.docs_url())
    if url.scheme:  # nlclean runs from a checkout (an editable install): the page itself
        assert url.scheme == "file"
        assert Path(unquote(url.path)).parent.parent.parent / rule.docs_path() == Path(unquote(url.path))
        assert Path(unquote(url.path)).read_text(encoding="utf-8") == page.read_text(encoding="utf-8")
    else:  # an installed copy: the page's path in the repository
        assert rule.docs_url() == rule.docs_path() == f"docs/rules/{rule.code}.md"
    text = page.read_text(encoding="utf-8")
    assert text.splitlines()[2] == f"# {rule.code} {rule.name}"
    assert rule.documentation() in text
    assert f"[{rule.code}]({rule.code}.md)" in (ROOT / "docs" / "rules" / "README.md").read_text(encoding="utf-8")


def test_rule_all_prints_every_rules_documentation():
    proc = run("-m", "nlclean", "rule", "--all")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for rule in RULES:
        assert f"{rule.code} {rule.name} (" in out
        assert rule.documentation() in out


def test_rule_as_json_gives_the_rule_and_its_explanation():
    proc = run("-m", "nlclean", "rule", "nl502", "--output-format", "json")
    assert proc.returncode == 0
    row = json.loads(proc.stdout)
    rule = next(r for r in RULES if r.code == "NL502")
    assert (row["code"], row["name"], row["fix"]) == (rule.code, rule.name, rule.fix_safety.value)
    assert row["explanation"] == rule.documentation()
    assert row["docs"] == "docs/rules/NL502.md"
    rows = json.loads(run("-m", "nlclean", "rule", "--all", "--output-format", "json").stdout)
    assert [r["code"] for r in rows] == [r.code for r in RULES]


def test_rule_needs_a_code_or_all_and_not_both():
    for args in ((), ("NL101", "--all")):
        proc = run("-m", "nlclean", "rule", *args)
        assert proc.returncode == 2
        assert len(proc.stderr.decode().splitlines()) == 1
