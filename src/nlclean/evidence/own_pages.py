"""Evidence: the newsletter's own pages, known by their links, not by the words around them.

- `own_referral_link(doc, markers, url)`: the reader's referral link on the
  newsletter's own site: a referral page by the link classifier, or a page
  whose query carries the reader's code (`?ref=bn77k2`, `?code=MIWA88`:
  letters and digits mixed; `?ref=newsletter` is a tracking tag). A short
  block whose only links are such is the referral programme's ask in any
  language ("Tell a friend about Acme: [copy your link](…/referral?code=AB12)").
- `own_host(doc, markers, url)`: the address leads to the newsletter's own
  site (the publisher's site, or one whose name the masthead spells),
  through its click tracker too.
- `survey_page(url)`: a survey page by its address: a host whose first
  label says it serves surveys or forms (`surveys.millbrook.example`,
  `forms.acme.example`; a tracking redirect read first). A short block in
  the last lines that asks the reader and links only there is a survey ask
  in any words ("Help us improve these letters. [Take the 3-minute
  survey](https://surveys.…)"); a story about a survey's results tells, or
  links to the report's page ("…/survey-results": a path that names a
  survey is no evidence), and a consultation that is news stands among the
  stories. A general form service (a Google Form) is where readers also
  send in their questions and nominations for the next issue, which are its
  content: that address alone says no survey.
- `in_the_last_lines(doc, end)`: the block stands in the email's last part,
  after the stories: at most `MAX_LINES_BELOW` lines with words below it (the
  sign-off, the other asks, the footer). A story further up is not read at all.

What is built on these is unsafe (a judgement): the evidence is a link and a
place, and the words of the block are not read.
"""
from __future__ import annotations

import re

from ..inline_syntax import BARE_ADDRESS
from .links import LinkKind, resolve_url, split_url
from .publisher import publisher_domains, registrable

# The email's last part: at most this many lines with words below the block.
MAX_LINES_BELOW = 16


# The email's first lines with words: its masthead.
HEAD_LINES = 6
# A masthead's line is short (a name, a tagline, a date); the first longer line is prose.
MAX_MASTHEAD_LINE_WORDS = 12
# A site's name spelled by at most this many words of the masthead ("Preprint Pulse" for preprintpulse.org).
MAX_NAME_WORDS = 4
# A name this short is spelled by chance.
MIN_NAME_CHARS = 5
_WORD = re.compile(r"[^\W_]+")


def masthead_names(doc) -> frozenset[str]:
    """The names the email's first lines spell (up to its first line of prose), as a site would write them:
    each run of one to `MAX_NAME_WORDS` words run together in lower case
    ("RIDGELINE FORECAST" gives "ridgeline", "ridgelineforecast", …). The
    masthead stays when the chrome around it goes, so the answer is the same
    in every round of fixes."""
    key = ("masthead_names", 0)
    if key in doc._cache:
        return doc._cache[key]  # type: ignore[return-value]
    head: list[str] = []
    for i in range(doc.body_start, len(doc.lines)):
        line = doc.lines[i]
        if "://" in line:
            line = BARE_ADDRESS.sub(" ", line)
        if any(ch.isalnum() for ch in line):
            if len(_WORD.findall(line)) > MAX_MASTHEAD_LINE_WORDS:
                break  # the first line of prose: the masthead is above it
            head.append(line)
            if len(head) >= HEAD_LINES:
                break
    names = set()
    for line in head:
        words = [w.lower() for w in _WORD.findall(line)]
        for k in range(len(words)):
            for n in range(1, MAX_NAME_WORDS + 1):
                if k + n <= len(words):
                    names.add("".join(words[k : k + n]))
    found = frozenset(n for n in names if len(n) >= MIN_NAME_CHARS)
    doc._cache[key] = found
    return found


def own_host(doc, markers, url: str) -> bool:
    """Whether the address leads to the publisher's site, or to a site whose
    registered name the masthead spells (preprintpulse.org under "PREPRINT PULSE")."""
    for address in (resolve_url(url), url):
        host = split_url(address).hostname
        if not host:
            continue
        name = registrable(host, markers)
        if name in publisher_domains(doc, markers) or name.replace("-", "") in masthead_names(doc):
            return True
    return False


# First labels of a host that serves surveys and forms ("surveys.millbrook.example", "forms.acme.example").
_SURVEY_HOST_LABELS = frozenset({"survey", "surveys", "form", "forms", "feedback"})


def survey_page(url: str) -> bool:
    """Whether the address leads to a survey page (see the module docs)."""
    labels = (split_url(resolve_url(url)).hostname or "").lower().split(".")
    return len(labels) >= 3 and labels[0] in _SURVEY_HOST_LABELS


# A reader's referral code in a query: letters and digits mixed, a few of them ("?ref=bn77k2", "?code=MIWA88").
_REFERRAL_CODE = re.compile(r"[?&](?:ref|code|referral|referrer|invite|rc)=(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{4,16}(?:[&#]|$)", re.I)


def own_referral_link(doc, markers, url: str) -> bool:
    """Whether the address is the newsletter's referral link for this reader:
    on the newsletter's own site (`own_host`), a referral page by the link
    classifier ("/referral", "/refer") or a page whose query carries a
    reader's code ("/indique?ref=bn77k2"). A company's referral page that a
    story links to is on the company's site."""
    if not own_host(doc, markers, url):
        return False
    return markers.link_kind(url) is LinkKind.REFERRAL or _REFERRAL_CODE.search(url) is not None


def in_the_last_lines(doc, end: int) -> bool:
    """Whether at most `MAX_LINES_BELOW` lines with words stand below line `end` (exclusive)."""
    return end >= _last_lines_start(doc)


def _last_lines_start(doc) -> int:
    """The first line below which at most `MAX_LINES_BELOW` lines with words
    stand, read once per document from its end."""
    key = ("last_lines_start", 0)
    if key not in doc._cache:
        lines, below, start = doc.lines, 0, 0
        for i in range(len(lines) - 1, -1, -1):
            if any(ch.isalnum() for ch in lines[i]):
                below += 1
                if below > MAX_LINES_BELOW:
                    start = i + 1
                    break
        doc._cache[key] = start
    return doc._cache[key]  # type: ignore[return-value]
