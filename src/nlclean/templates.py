"""Each sender's template, learned from its other issues (`nlclean learn`).

News changes from issue to issue; a sender's template does not. A block that
recurs, with its links, numbers, dates and the reader's address masked, in
three or more issues of the same sender is template (its footer, its asks,
its house promotions), as web boilerplate detection has long used a block
that recurs across a site's pages. The template rule (NL701) reads what this
module learned.

**Who sent it**, in this order: the front matter's `newsletter:` key, then its
`from:` key; the archive header's `**From:**` line; a `From:` header line at
the top of the body; else the name of the folder the file is in. The sender's
display name (front matter `newsletter_name:`, the `From:` line's name) is
only for messages.

**The templates file** (`nlclean-templates.json`, JSON, meant to be committed
and reviewed) holds, per sender, the issues learned (a short id each: the
front matter's `id:` or a hash of the text, so an issue stored twice counts
once) and each block seen in two or more of them: its fingerprint, a short
sample of its text, the issues it was seen in, and a decision:

- `template`: seen in at least `min_issues` issues: the rule reports it;
- `candidate`: seen in fewer: kept, and counted on when more issues are learned;
- `keep`: never reported (set by hand).

`learned` is the decision the counts give; a `decision` that differs from it
was set by a person and is kept when the file is learned again.

**Structure stays however often it recurs**: headings, the archive header,
bylines and credits, date lines, rubrics (a short line in bold or capitals), a
lone link (a story's "read the full article" button), tables (a recurring
data table), the copyright line, the postal address and short name lines (a masthead, a rubric, a credit, a
signature: at most eight words written like a name — "… by …" or mostly
capitalised — with no link, no number and no closing punctuation)
are never recorded.

Learning a folder again merges: issues already in the file (same id) are read
afresh, others are kept with what they contributed. A block seen once in each
of two separate runs is not recorded (only blocks seen in two issues are):
learn over the folder that holds a sender's issues.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .document import FRONT_MATTER, Block, Document
from .evidence.zones import COPYRIGHT
from .inline_syntax import visible_text_without_urls
from .markers import Markers, load as load_markers, longest_first
from .settings import ConfigError

FORMAT_VERSION = 1
DEFAULT_NAME = "nlclean-templates.json"
DEFAULT_MIN_ISSUES = 3
# Blocks shorter than this say too little to be told apart ("Read more", "Thanks,").
MIN_WORDS = 4
SAMPLE_CHARS = 100
TEMPLATE, CANDIDATE, KEEP = "template", "candidate", "keep"
DECISIONS = (TEMPLATE, CANDIDATE, KEEP)

_FM_KEY = {key: re.compile(rf"^{key}:[ \t]*(.*?)[ \t]*$", re.M | re.I)
           for key in ("newsletter", "newsletter_name", "from", "id")}
_ARCHIVE_FROM = re.compile(r"^\*\*From:\*\*[ \t]*(.+?)[ \t]*$", re.M)
_HEADER_FROM = re.compile(r"^From:[ \t]*(.+?)[ \t]*$", re.M)
_ADDRESS = re.compile(r"<([^<>@\s]+@[^<>\s]+)>|([^\s<>\"]+@[^\s<>\"]+)")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_ARCHIVE_LINE = re.compile(r"^\*\*(?:From|Date|Source|Subject|To):\*\*", re.I)
_BYLINE = re.compile(r"^\W*(?:(?:written|edited|reported|produced|compiled|illustrated|photographed)\s+)?by\b", re.I)
# "Jo Bloggs contributed to this newsletter.": who made the issue.
_CREDIT = re.compile(r"^\W*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+)+\s+(?:contributed|edited|reported|produced|compiled)\b")
# A block that is one link and nothing else: a story's "Read the full article" button.
_LONE_LINK = re.compile(r"^\W*\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"]*\")?\)\W*$")
_EMPHASIS_ONLY = re.compile(r"^\s*(\*\*|__|\*|_)[^*_\n]+\1\s*:?\s*$")
_URL_OR_LINK = re.compile(r"\]\(|https?://|www\.", re.I)
_SENTENCE_END = re.compile(r"[.!?:…]\W*$")
# A name line: a masthead ("Acme Weekly by Jo Bloggs"), a credit, a signature.
_NAME_LINE_WORDS = 8
_STRUCTURE_KINDS = frozenset({"heading", "table", "hr", "fence", "code_block"})


class TemplatesError(ConfigError):
    """A templates file that cannot be used; the message names the file."""


# --- who sent it --------------------------------------------------------------------


@dataclass(frozen=True)
class Sender:
    key: str  # how the templates file files it
    name: str  # how messages name it


def sender_of(text: str, path: str | Path | None = None) -> Sender | None:
    """Who sent the newsletter (the order is the module's documentation)."""
    fm = FRONT_MATTER.match(text)
    front = fm.group(0) if fm else ""
    body_top = text[len(front): len(front) + 2000]

    def front_value(key: str) -> str | None:
        m = _FM_KEY[key].search(front) if front else None
        value = m.group(1).strip().strip("'\"").strip() if m else ""
        return value or None

    name = front_value("newsletter_name")
    for key in ("newsletter", "from"):
        value = front_value(key)
        if value:
            return Sender(value, name or value)
    for pattern in (_ARCHIVE_FROM, _HEADER_FROM):
        m = pattern.search(body_top)
        if m:
            raw = m.group(1)
            address = _ADDRESS.search(raw)
            display = raw[: address.start()].strip().strip("'\"") if address else raw.strip("'\" ")
            key = (address.group(1) or address.group(2)).lower() if address else display
            if key:
                return Sender(key, display or key)
    if path is not None and str(path) not in ("-", "<stdin>"):
        folder = Path(path).resolve().parent.name
        if folder:
            return Sender(folder, folder)
    return None


def issue_id(text: str) -> str:
    """The front matter's `id:`, else a hash of the text: an issue stored twice counts once."""
    fm = FRONT_MATTER.match(text)
    if fm:
        m = _FM_KEY["id"].search(fm.group(0))
        if m and m.group(1).strip():
            return m.group(1).strip().strip("'\"")
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# --- what a block is, masked ---------------------------------------------------------


@lru_cache(maxsize=1)
def _builtin() -> tuple[Markers, "re.Pattern"]:
    """The built-in marker data, and its month names (every language, `[dates]`) as
    one pattern. Built-in only, so that `learn` and the rule mask text alike
    whatever a user's marker files add."""
    markers = load_markers()
    months = longest_first(markers.data.get("dates", {}).get("months", []))
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(m.lower()) for m in months) + r")\.?(?!\w)" if months else "(?!)"
    return markers, re.compile(pattern)


def normalised(visible: str) -> str:
    """The block's words with what changes between issues masked: addresses,
    digits and month names; case folded."""
    s = _EMAIL.sub(" ", visible.lower())
    s = _DIGITS.sub("0", s)
    s = _builtin()[1].sub("0", s)
    return " ".join(_WORD.findall(s))


def fingerprint(norm: str) -> str:
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def is_structure(doc: Document, block: Block, visible: str, norm: str) -> bool:
    """Headings, the archive header, bylines, date lines, rubrics, tables, the
    copyright line and the postal address: they recur because they are the
    newsletter's frame, and they stay."""
    if block.kind in _STRUCTURE_KINDS:
        return True
    source = doc.source(block).strip()
    first = source.lstrip("> ").split("\n", 1)[0]
    words = norm.split()
    if _ARCHIVE_LINE.match(first) or COPYRIGHT.search(visible) or _builtin()[0].postal_address(visible):
        return True
    if len(words) <= 12 and (_BYLINE.match(visible) or _CREDIT.match(visible)):
        return True
    if len(words) <= 6 and _LONE_LINK.match(source):
        return True  # a lone link: the story's read-more button (asks are other rules' to judge)
    if words and (all(w == "0" or w in ("of", "the", "th", "st", "nd", "rd") for w in words)
                  or (len(words) <= 8 and _builtin()[0].date_in(visible))):
        return True  # a date line ("Monday, 13 January 2026"), however its issue's date reads
    if len(words) <= 10 and "](" not in source and (_EMPHASIS_ONLY.match(source) or visible.isupper()):
        return True  # a rubric: a short line in bold or capitals, linking nowhere
    if (len(words) <= _NAME_LINE_WORDS and not _URL_OR_LINK.search(source) and "0" not in words
            and not _SENTENCE_END.search(visible) and _names_someone(visible)):
        return True  # a name line: a masthead, a credit, a signature
    return False


def _names_someone(visible: str) -> bool:
    """Written like a name: "… by …", or mostly capitalised words."""
    words = re.findall(r"[^\W\d_][\w'’-]*", visible)
    if not words:
        return False
    if any(w.lower() == "by" for w in words[1:]):
        return True
    return sum(w[0].isupper() for w in words) * 2 >= len(words) + 1
    return False


@dataclass(frozen=True)
class BlockPrint:
    block: Block
    fingerprint: str
    sample: str


def block_prints(doc: Document) -> list[BlockPrint]:
    """The fingerprint of each top-level block of the body that could be template."""
    out = []
    for block in doc.blocks:
        visible = " ".join(visible_text_without_urls(doc.source(block)).split())
        norm = normalised(visible)
        if len(norm.split()) < MIN_WORDS or is_structure(doc, block, visible, norm):
            continue
        out.append(BlockPrint(block, fingerprint(norm), visible[:SAMPLE_CHARS]))
    return out


# --- the templates file ---------------------------------------------------------------


@dataclass
class Templates:
    min_issues: int
    senders: dict  # key -> {"name", "issues": [ids], "blocks": {fp: {...}}}
    path: str | None = None

    def decision(self, sender: Sender, fp: str) -> tuple[str, int, int] | None:
        """(decision, issues it was seen in, issues of the sender) for a block, or None."""
        entry = self.senders.get(sender.key)
        if not entry:
            return None
        block = entry["blocks"].get(fp)
        if not block:
            return None
        return block["decision"], len(block["seen_in"]), len(entry["issues"])

    def name_of(self, sender: Sender) -> str:
        entry = self.senders.get(sender.key)
        return (entry or {}).get("name") or sender.name

    def to_json(self) -> str:
        data = {"nlclean-templates": FORMAT_VERSION, "min_issues": self.min_issues, "senders": self.senders}
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _fail(path, message: str) -> TemplatesError:
    return TemplatesError(f"{path}: {message}")


def _validate(data, path) -> Templates:
    if not isinstance(data, dict) or data.get("nlclean-templates") != FORMAT_VERSION:
        raise _fail(path, f"not an nlclean templates file (expected \"nlclean-templates\": {FORMAT_VERSION})")
    unknown = set(data) - {"nlclean-templates", "min_issues", "senders"}
    if unknown:
        raise _fail(path, f"unknown key(s) {', '.join(sorted(unknown))}")
    min_issues = data.get("min_issues", DEFAULT_MIN_ISSUES)
    if not isinstance(min_issues, int) or isinstance(min_issues, bool) or min_issues < 2:
        raise _fail(path, "'min_issues' must be a whole number of at least 2")
    senders = data.get("senders", {})
    if not isinstance(senders, dict):
        raise _fail(path, "'senders' must be an object")
    for key, entry in senders.items():
        where = f"senders.{key}"
        if not isinstance(entry, dict) or not isinstance(entry.get("issues"), list) \
                or not isinstance(entry.get("blocks"), dict):
            raise _fail(path, f"{where}: needs 'issues' (a list) and 'blocks' (an object)")
        for fp, block in entry["blocks"].items():
            if not isinstance(block, dict) or not isinstance(block.get("seen_in"), list):
                raise _fail(path, f"{where}.blocks.{fp}: needs 'seen_in' (a list)")
            if block.get("decision") not in DECISIONS:
                raise _fail(path, f"{where}.blocks.{fp}: 'decision' must be one of {', '.join(DECISIONS)}")
    return Templates(min_issues, senders, str(path))


_LOADED: dict[str, tuple[tuple[int, int], Templates]] = {}


def load(path: str | Path) -> Templates:
    """The templates file, read once per change of the file. Raises TemplatesError."""
    p = str(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise _fail(p, f"cannot read templates file: {exc.strerror or exc}") from None
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _LOADED.get(p)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        with open(p, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(p, f"cannot read templates file: {exc}") from None
    except json.JSONDecodeError as exc:
        raise _fail(p, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    templates = _validate(data, p)
    _LOADED[p] = (stamp, templates)
    return templates


# --- learning ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """What learning needs of one newsletter (small, so workers can hand it back)."""

    sender: Sender
    id: str
    prints: tuple[tuple[str, str], ...]  # (fingerprint, sample) of each block


def read_issue(text: str, format: str, path: str | Path | None) -> Issue | None:
    """`text` with LF line endings. None when the sender cannot be told."""
    sender = sender_of(text, path)
    if sender is None:
        return None
    prints = tuple((bp.fingerprint, bp.sample) for bp in block_prints(Document(text, format)))
    return Issue(sender, issue_id(text), prints)


def learn(issues: list[Issue], previous: Templates | None = None, min_issues: int | None = None) -> Templates:
    """The templates of these issues, merged with what `previous` learned of others.

    Deterministic: the result depends on the set of issues, not on their order."""
    if min_issues is None:
        min_issues = previous.min_issues if previous else DEFAULT_MIN_ISSUES
    fresh: dict[str, dict] = {}
    for issue in issues:
        entry = fresh.setdefault(issue.sender.key, {"names": set(), "issues": {}})
        entry["names"].add(issue.sender.name)
        entry["issues"][issue.id] = issue.prints  # the same issue twice counts once
    senders: dict[str, dict] = {}
    old_senders = previous.senders if previous else {}
    for key in sorted(set(fresh) | set(old_senders)):
        old = old_senders.get(key, {"issues": [], "blocks": {}})
        new = fresh.get(key, {"names": set(), "issues": {}})
        seen: dict[str, set[str]] = {}
        samples: dict[str, str] = {}
        # What earlier runs learned of issues not read again this time.
        for fp, block in old["blocks"].items():
            kept = {i for i in block["seen_in"] if i not in new["issues"]}
            if kept:
                seen.setdefault(fp, set()).update(kept)
                samples[fp] = block.get("sample", "")
        for ident, prints in new["issues"].items():
            for fp, sample in prints:
                seen.setdefault(fp, set()).add(ident)
                # The smallest sample, so that the file does not depend on reading order.
                if fp_sample_better(sample, samples.get(fp)):
                    samples[fp] = sample
        issue_ids = sorted(set(old["issues"]) | set(new["issues"]))
        blocks = {}
        for fp in sorted(seen):
            ids = sorted(seen[fp])
            if len(ids) < 2:
                continue
            learned = TEMPLATE if len(ids) >= min_issues else CANDIDATE
            before = old["blocks"].get(fp)
            hand = before is not None and before.get("decision") != before.get("learned")
            blocks[fp] = {
                "sample": samples.get(fp, ""),
                "seen_in": ids,
                "learned": learned,
                "decision": before["decision"] if hand else learned,
            }
        name = old.get("name") or (min(new["names"]) if new["names"] else key)
        senders[key] = {"name": name, "issues": issue_ids, "blocks": blocks}
    return Templates(min_issues, senders)


def fp_sample_better(candidate: str, current: str | None) -> bool:
    return current is None or (len(candidate), candidate) < (len(current), current)


def write(templates: Templates, path: str | Path) -> None:
    """Write atomically: a reader never sees half a file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent or "."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(templates.to_json())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a file to commit and share, not mkstemp's private 0600
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = [
    "Sender", "Templates", "TemplatesError", "sender_of", "issue_id", "block_prints", "learn", "load", "write",
    "read_issue", "DEFAULT_NAME",
]
