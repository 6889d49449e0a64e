"""NL503 re-levels the outline as one (`rules/heading_levels.py`).

Sibling sections keep one level when one of their headings is held back a
round: by a removal that ends on its line (an ad above it) or another rule's
edit on its line (a `$`, an entity). The texts are invented for these tests.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_fix import fix_with_cli
from nlclean.api import clean, lint
from nlclean.document import Document
from nlclean.rules.heading_levels import target_levels


def outline(text: str) -> list[tuple[int, str]]:
    doc = Document(text, "markdown")
    return [(h.level, doc.visible(h)) for h in doc.headings]


def fixed(text: str, unsafe: bool = False) -> str:
    return clean(text, unsafe=unsafe)


def test_a_heading_with_a_dollar_stays_beside_its_siblings():
    text = ("### Harbour news\n\nThe ferry runs late.\n\n"
            "### Tickets now cost $5\n\nThe fare rose in May.\n\n"
            "### Weather\n\nRain all week.\n")
    assert [level for level, _ in outline(fixed(text))] == [1, 1, 1]


def test_a_heading_with_an_entity_stays_beside_its_siblings():
    text = ("## Rails &amp; roads\n\nA new bridge.\n\n"
            "#### Bridge opening\n\nOn Friday.\n\n"
            "## Parks\n\nThe pond froze.\n\n"
            "#### Skating &amp; sledding\n\nBoth allowed.\n")
    assert outline(fixed(text)) == [(1, "Rails & roads"), (2, "Bridge opening"), (1, "Parks"),
                                    (2, "Skating & sledding")]


AD_BETWEEN_SECTIONS = """\
#### The Lantern Weekly

Issue 40

### [A faster build cache](https://lantern.example/l/1)

The cache now keys on the compiler version, so stale objects stop leaking
into release builds.

### [Tracing without agents](https://lantern.example/l/2)

A walk through sampling at the edge, with numbers from a small cluster.

### [Orbitdesk: tickets that close themselves](https://orbitdesk.example/?ref=lantern) (SPONSOR)

Orbitdesk reads your backlog and closes duplicates before standup.

### Tools

- [quill](https://lantern.example/l/3): a formatter for config files.

### Jobs

- A parser engineer at a small studio.
"""


def test_sections_after_a_removed_ad_heading_stay_siblings():
    for unsafe in (False, True):
        out = fix_with_cli(AD_BETWEEN_SECTIONS, "issue.md", unsafe=unsafe)
        assert "Orbitdesk" not in out
        levels = {title: level for level, title in outline(out)}
        # The stories, "Tools" and "Jobs" were all `###`: one level again.
        assert levels["Tools"] == levels["Jobs"] == levels["A faster build cache"] == 1


def test_an_ad_that_ends_on_a_heading_line_does_not_nest_it():
    text = ("## City budget\n\nThe council votes tonight.\n\n"
            "ADVERTISEMENT\n\n[![Riverbank Bank: loans](https://ads.example/b.png)](https://ads.example/c)\n"
            "## In brief\n\nThe library opens at nine.\n\n"
            "## Corrections\n\nNone this week.\n")
    out = fixed(text)
    assert [level for level, _ in outline(out)] == [1, 1, 1]


def test_each_heading_reports_its_own_finding_and_all_share_the_fix():
    findings = [f for f in lint("### A\n\nx\n\n##### B\n\ny\n\n#### C $5\n\nz\n") if f.code == "NL503"]
    assert [f.message for f in findings] == ["heading level 3 should be 1", "heading level 5 should be 2",
                                             "heading level 4 should be 2"]
    assert all(f.fix == findings[0].fix for f in findings) and len(findings[0].fix.edits) == 3


def test_a_suppressed_heading_keeps_its_level():
    text = "### A\n\nx\n\n<!-- nlclean-disable-next-line NL503 -->\n### B\n\ny\n\n### C\n\nz\n"
    levels = [level for level, _ in outline(fixed(text))]
    assert levels == [1, 3, 1]


# --- property: the outline of what remains, re-levelled as the input's -----------------

HEADING_WORDS = st.sampled_from("harbour ferry cache queue parser release week bridge council".split())
HEADING_EXTRAS = st.sampled_from(["", "", "$5", "&amp;", "&#8217;s", "<b>x</b>", "*new*", "`a_b`", "(Sponsored)"])
BODY = st.sampled_from([
    "The ferry leaves at seven and returns at nine.",
    "Acme helps your team ship faster, try it free today.",
    "A costs $5 &amp; more.",
    "The council met on Tuesday to vote on the budget.",
])


@st.composite
def sectioned(draw) -> tuple[str, list[int]]:
    """A newsletter of sections, each heading named by a token (`Hn`) that
    finds it in the output, some labelled as sponsored."""
    parts, levels = [], []
    for n in range(draw(st.integers(2, 8))):
        level = draw(st.integers(1, 6))
        levels.append(level)
        parts.append(f"{'#' * level} H{n} {draw(HEADING_WORDS)} {draw(HEADING_EXTRAS)}".rstrip())
        parts.append(draw(BODY))
    return "\n\n".join(parts) + "\n", levels


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sectioned(), st.booleans())
def test_the_headings_that_remain_keep_the_inputs_outline(case, unsafe):
    text, levels = case
    out = fixed(text, unsafe)
    kept = [(level, int(re.match(r"H(\d+)", title).group(1))) for level, title in outline(out)]
    assert [level for level, _ in kept] == target_levels([levels[n] for _, n in kept])
    assert fixed(out, unsafe) == out
