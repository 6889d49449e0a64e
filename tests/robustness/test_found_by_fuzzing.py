"""Inputs that once broke a promise, found by the spec suite, the linearity
benchmark or scripts/fuzz.py: each stays fixed."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import nlclean
from promises import _left_open, check_promises

RENDER = MarkdownIt("commonmark").render


@pytest.mark.parametrize("text", [
    "&#87654321;\n",  # was decoded as `&#8765432` + `1;`: the new word "1"
    '<a href="<https://example.com/sp ace>">the</a>',  # `%20` wrote the word "20"
    "x <a href=\"a b\">t</a> and [t](<a b>) <b>x</b>",  # `<a b>` in a destination is not a tag
    "x<b>y</b>",  # tags removed at the edge of the stretch glued "xy"
    '<a href="https://example.com/a">the</a>the<a href="">the</a>the',  # an <a> without href glued its text
    '# <a href="">the</a>_the',  # `_` is a word character too
    '<a href="u">the</a>`the the`thethe<a href="u">the</a>',  # tag by tag around a code span
    "---\ntitle: x\n---\n**(Sponsored)**\n\nthe",  # front matter, then nothing left
    "0\r", "a\rb\r\r\rc\r",  # classic Mac line endings stay CR
])
def test_promises_hold(text):
    check_promises(text)
    check_promises(text, unsafe=True)


@pytest.mark.parametrize("text", [
    "foo&#10;&#10;bar\n",  # decoding made two paragraphs
    "&#9;foo\n",  # decoding made a code block
    "&nbsp; &amp; &copy;\n",  # a leading nbsp vanished from the paragraph
    "[a](url &quot;tit&quot;)\n",  # decoding made a link
    "[a]&#40;url)\n",  # decoding made a link
    "[foo]&#58; /url\n",  # decoding made a link reference definition
    "1&#46; foo\n",  # decoding made a list
    "# foo &#35;\n",  # decoding closed the heading
])
def test_entities_decode_without_changing_the_page(text):
    cleaned = nlclean.clean(text)
    assert RENDER(cleaned) == RENDER(text)


@pytest.mark.parametrize("entity", ["&#xD", "&#13;", "&#10;", "&NewLine;"])
def test_an_entity_for_a_line_break_stays_in_plain_text(entity):
    # Decoded, it split its line: the next run read the line after it as one of its own
    # and removed it (the independent fuzzer's seed 10063973).
    text = f"# Weekly\n\nFerries ran late all week.{entity}The council met twice about it.\n"
    assert entity in nlclean.clean(text, format="text")
    check_promises(text, format="text")
    check_promises(text, format="text", unsafe=True)


# Found by the independent fuzzer (../shared/tools/fuzz_promises), written
# again here as the smallest inputs that show each kind.

# Long enough, with links and separators of two kinds, to be read unit by unit (evidence/layout.py).
FLATTENED_WITH_A_BREAK_AT_A_LINE_END = (
    "# Weekly\n\n"
    "Read the harbour story here ( https://news.example/harbour ) Ferries ran late all week because of the "
    "storm, and the council met twice to talk about it. [Read more](https://news.example/ferries) Market stalls "
    "opened again on Sunday after the repairs | Share this ( https://news.example/share ) Tickets for the autumn "
    "fair are on sale now at the library desk and online ( https://news.example/fair ) # __\n"
    "Four bridges will close for repairs in spring, the council said on Monday.\n")


@pytest.mark.parametrize("text", [
    # An unclosed bracketed host made urllib raise "Invalid IPv6 URL" inside NL101.
    "**Sponsor**\n\nAcme helps at http://[::1/log today.\n",
    "**Sponsored**\n\nAcme helps: [try it](http://[::1/log) now. Acme is fast.\n",
    # Removing an empty link or a pixel between two words glued them ("trivianews"):
    # the guard refused, and the whole file was left uncleaned.
    "# Weekly\n\nToday's trivia[](https://www.facebook.com/sharer/sharer.php?u=1)news is short.\n",
    "# Weekly\n\nToday's trivia![](https://t.example/open.gif)news is short.\n",
    # In an html block, a comment, a dropped pixel or a stray </a> between two words glued them.
    "# Notes\n\n<div>Read the news here<!-- note -->review today.</div>\n",
    "# Notes\n\n<div>A sponsor<img src=\"https://t.example/o.gif\" width=\"1\" height=\"1\">model story.</div>\n",
    "# Notes\n\n<div>The city İstanbul</a>Open the map today.</div>\n",
    # A removed tag between a Greek final sigma and a letter made it a medial sigma:
    # another word to the guard, though the removal only looked at one character beside it.
    "# Notes\n\nThe myth of ΣΊΣΥΦΟΣ`<span>queue</span> goes on.\n",
    # Two rules' edits side by side, each keeping its own sides apart, glued the words
    # beyond both: an html tag and an icon link, an icon link and a <sup>.
    "# Notes\n\nWe build<p>[](https://x.com/icon/LucideHeart.png)__deploy news\n",
    "# Notes\n\nMore here[](https://x.com/icon/LucideHeart.png)<sup>1</sup> text.\n",
    # A one-line html block with half a conditional comment became an unclosed
    # `<!--` at the start of a line, which hid the rest of the document.
    "<td> <!--[if mso]> </td>\n\n# Story about the harbour\n\nThe ferry left on time today.\n",
    "# Notes\n\nA [](https://x.com/icon/LucideHeart.png) <!--[if mso]> words after.\n\nMore news.\n",
    # A fence line inside an html block became a fence once the html was converted.
    "<br>\n```\n\nThe story goes on here.\n\n```\ncode\n```\n",
    # A <br> became a line break, and the new line opened a fence, a heading or a list
    # (an escape before a digit is none: `1\\.` is).
    "\ufeff``` <br>`", "Hello<br># not a heading\n", "A<br>1. b\n",
    # An inline removal at the start of a line left a fence, list or heading marker there.
    "<b>````\n** x\n\nThe story.\n",
    "# W\n\n[](https://x.com/icon/LucideHeart.png) ```\nmore text\n\nend\n",
    "# W\n\nText here\n[](https://x.com/icon/LucideHeart.png) # not heading\n",
    # A removal inside a line (not at its start) made it a fence line: ``<b>` is ```.
    "Text\n``<b>`\nmore\n\nThe story.\n",
    "# W\n\nText\n``[](https://x.com/icon/LucideHeart.png)`\nmore\n\nend\n",
    # The same inside a quote: the quote's `> ` is not the line's own start.
    "> > `<b>``x y\n> more\n\nend\n",
    # The same in a nested list item, indented four spaces by its parent.
    "- a\n    + ``<b>`x y\n- c\n\nend\n",
    # An empty front matter (`---` over `---`) was read as running to the next `---`,
    # inside a fence: the body then began inside the code, and its closing line opened a fence.
    "---\n---\n\n~~~\ncode line\n---\n\n**(Sponsored)**\n\nAcme sells boxes.\n\n~~~\nafter\n",
    # The last line removed without its newline: the next run saw another end
    # of the document and removed more (not idempotent).
    "# Weekly\n\nA long story about the river and the city budget.\n\n### Unsubscribe partner\n\n"
    "Last words of the issue\n[Manage preferences](https://x.example/preferences)",
    # The last line went, and the front matter's last line took the file's final (LF) ending.
    "---\r\ntitle: x\r\n---\r\n![](https://list-manage.com/track/open.php?u=1)\n",
    # Front matter in CRLF over an LF body: it came out all CRLF.
    "---\r\ntitle: x\r\n---\n\n# Weekly\r\n\r\n**Sponsored**\nAcme sells boxes.\n\nThe story.\r\n",
    # Decoding `&amp;` before "lto" made `&lto`, which html reads as "<o": the word "o".
    # The guard refused, and the file was left uncleaned.
    "# Notes\n\nWrite to us at mai&amp;lto:desk and read on.\n",
    "# Notes\n\nA &&#108;to b and more.\n",
    # An html block inside a quote, converted whole, escaped the quote's own `>`: the line
    # became a lazy paragraph line, which took in the html block under it, and a fence
    # line that html block had held opened a fence over the rest.
    "> > <!-- note -->Notes;\n<img src=\"https://t.example/o.gif\" width=\"1\" height=\"1\">\n````\nx\n```\n\nThe story.\n",
    # Padding before a fence marker hid it: removed, the line opened a fence
    # (in a list item too, where the line's indentation is the item's).
    "\u034f\u034f\u034f```\n\nThe story goes on.\n",
    "- A list item \n    \u034f\u034f\u034f```\n\nThe story.\n",
    # Two rules' edits on one line, each harmless alone: one took the tag at its start, the
    # other the padding before a fence marker, and the line opened a fence.
    "</pre> \u034f\u034f\u034f```\n\nThe story.\n",
    "-<r>\n<![endif]--> \u034f\u034f\u034f```\n\nThe story.\n",
    # An emptied html block in a list item went with its line: the text under it became the
    # item's lazy line, the next html block joined the item, and its fence line fell out.
    "- Item\n  <div>\nText under it\n  <div \u034f\u034f\u034f\n~~~\n",
    # A tag removed before a fence marker, on a line whose indentation is its list item's.
    "1.\n    </pre>~~~\n\nThe story.\n",
    # ... and the same when the edit spans the line break before that line.
    "- <![endif]--> \n    </pre>\u034f\u034f\u034f``` \n\nThe story.\n",
    # A <br> became a line break, and another rule took the padding after it: a fence line.
    "Words here <br> \u034f\u034f\u034f``` \n\nThe story.\n",
    # A flattened paragraph's unit break at a line's end (a bar, `# __`) showed the rules one blank line
    # more than the input had; NL601 took it out, which took the input's line break between two words.
    FLATTENED_WITH_A_BREAK_AT_A_LINE_END,
])
def test_independent_fuzzer_findings_keep_every_promise(text):
    check_promises(text)
    check_promises(text, unsafe=True)


def test_removing_an_inline_element_keeps_the_words_around_it_apart():
    text = "# Weekly\n\nToday's trivia[](https://www.facebook.com/sharer/sharer.php?u=1)news is short.\n"
    assert nlclean.clean(text) == "# Weekly\n\nToday's trivia news is short.\n"


def test_a_unit_break_at_a_line_end_leaves_the_line_break_in_place():
    # Nothing to clean in that paragraph: the line break between "__" and "Four" stays where it is.
    assert nlclean.clean(FLATTENED_WITH_A_BREAK_AT_A_LINE_END) == FLATTENED_WITH_A_BREAK_AT_A_LINE_END


def test_an_entity_decoded_into_another_entity_stays_as_written():
    # "mai&lto" reads as "mai<o" to html: `&amp;` there stays; the others decode.
    text = "# Notes\n\nWrite to mai&amp;lto:desk, AT&amp;T &amp; R&amp;D.\n"
    assert nlclean.clean(text) == "# Notes\n\nWrite to mai&amp;lto:desk, AT&T & R&D.\n"


def test_html_in_a_quote_or_list_item_converts_under_its_markers():
    assert nlclean.clean("> <div>Hello there</div>\n") == "> Hello there\n"
    assert nlclean.clean("- <div>one\n  two</div>\n- three\n") == "- one\n  two\n- three\n"
    # A comment block ends at its closer: the text left of it stays apart from the next line.
    assert nlclean.clean("> <!-- c -->Kept text\n<i>next</i> line\n") == "> Kept text\n>\nnext line\n"


def test_an_emptied_html_block_keeps_the_text_around_it_apart():
    # Html interrupts a paragraph: gone, it leaves the blank line that followed it, or one in its place.
    assert nlclean.clean("A line of text\n<!-- note -->\n\nNext paragraph.\n") == "A line of text\n\nNext paragraph.\n"
    assert nlclean.clean("- Item\n  <div>\nText under it\n") == "- Item\n\nText under it\n"


def test_padding_that_hides_a_marker_stays():
    text = "# W\n\n\u034f\u034f\u034f```\n\nThe story.\n"
    assert nlclean.clean(text) == text


@pytest.mark.parametrize("closing", ["\u2028+++  \n", "\x85+++\n", "+++\u2029and more\n"])
def test_front_matter_closed_at_another_readers_line_break_stays_byte_for_byte(closing):
    # Python's splitlines (and YAML 1.1) also break lines at U+2028, U+2029,
    # NEL and a few controls: a block that such a reader takes for front
    # matter is left exactly as it is (independent fuzzer, seed 8013384).
    front = '+++\ntitle = "Tea &amp; cake"\n' + closing
    text = front + "\nThe kettle boiled over &amp; the kitchen flooded.\n"
    cleaned = nlclean.clean(text, unsafe=True)
    assert cleaned.startswith(front)
    assert "&amp; the kitchen" not in cleaned  # the body is still cleaned


def test_mixed_line_endings_stay_line_by_line():
    text = "---\r\ntitle: x\r\n---\n\n# Weekly\r\n\r\n**Sponsored**\nAcme sells boxes.\n\nThe story.\r\nIt goes on.\n"
    assert nlclean.clean(text) == "---\r\ntitle: x\r\n---\n\n# Weekly\r\n\r\nThe story.\r\nIt goes on.\n"


def test_the_last_line_left_keeps_its_own_ending():
    text = "---\r\ntitle: x\r\n---\r\n\r\n# Weekly\r\n\r\nStory text.\r\n\n[Unsubscribe](https://x.example/unsubscribe)\n"
    assert nlclean.clean(text) == "---\r\ntitle: x\r\n---\r\n\r\n# Weekly\r\n\r\nStory text.\r\n"


def test_fix_writes_mixed_line_endings_back_line_by_line(tmp_path):
    # The same through the real command, in place and from stdin.
    text = b"---\r\ntitle: x\r\n---\n\n# Weekly\r\n\r\n**Sponsored**\nAcme sells boxes.\n\nThe story.\r\nIt goes on.\n"
    expected = b"---\r\ntitle: x\r\n---\n\n# Weekly\r\n\r\nThe story.\r\nIt goes on.\n"
    path = tmp_path / "issue.md"
    path.write_bytes(text)
    run = [sys.executable, "-m", "nlclean.cli.main", "fix"]
    assert subprocess.run([*run, str(path)], capture_output=True).returncode == 0
    assert path.read_bytes() == expected
    piped = subprocess.run([*run, "--stdin-filename", "issue.md", "-"], input=text, capture_output=True)
    assert piped.stdout == expected


FUZZER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "fuzz_promises"
# Seeds of the independent fuzzer that broke a promise: each kind once at least
# (94 guard refusal, 378 mixed line endings, 131574 not idempotent, 580 a rule
# crash), then those found while fixing them: NL401 glueing words (2704, 6072,
# 10580), two rules' edits side by side (2357, 11445), a fence or comment left
# open (200150, 200984, 300571, 2000540, 2005879, 2006537, 3001350, 3005532,
# 3009848), a front matter's last ending (1000371), NL103 reading a shop link
# with an unclosed bracketed host (5000831), NL501 making an entity html reads
# without its `;` (3024561), NL401 escaping the `>` of an html block in a quote (3019595),
# a code block in a list item that came back from its own re-parse as indented
# prose, without end (7221776), NL601 taking out a blank line that only the
# layout's view of a flattened paragraph had, which was the input's line break
# between two words (7338464), NL206 taking `&nbsP` of `&nbsPresented` for padding
# and leaving the new word "resented" (9451281), NL101 removing an ad from the
# start of a unit of a flattened paragraph, which left the break's own text
# before it (`__ _`) glued to the next story's first word (9891728), NL501
# decoding `&#xD` in plain text into a line break the next run read (10063973).
FUZZER_SEEDS = [94, 378, 131574, 580, 2704, 6072, 10580, 2357, 11445, 200150, 200984, 300571, 1000371, 2000540,
                2005879, 2006537, 3001350, 3005532, 3009848,
                5000831, 7221776, 3024561, 3019595, 7338464, 8013384, 9451281, 9891728,
                10063973]


@pytest.mark.skipif(not (FUZZER / "gen.py").exists(), reason="../shared/tools/fuzz_promises is not beside this checkout")
@pytest.mark.parametrize("seed", FUZZER_SEEDS)
def test_independent_fuzzer_seeds_keep_every_promise(seed):
    spec = importlib.util.spec_from_file_location("fuzz_promises_gen", FUZZER / "gen.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    text, _stories, format, unsafe = gen.generate(seed)
    check_promises(text, format=format, unsafe=unsafe)


@pytest.mark.parametrize(("text", "left_open"), [
    ("<!-- a\n\nb\n", {"html comment"}),
    ("<!-- a -->\n\nb\n", set()),
    ("```\ncode\n", {"code fence"}),
    ("```\ncode\n```\n", set()),
    ("<script>\nx\n\ny\n", {"<script>, <pre>, <style> or <textarea>"}),
    ("<td> <!--[if mso]> </td>\n\nb\n", set()),  # a comment inside a one-line html block closes with it
])
def test_the_promise_check_sees_what_a_text_leaves_open(text, left_open):
    assert _left_open(text) == left_open


def test_words_as_written_stay_apart_too():
    # "İ" lower-cases to "i" and a combining dot, which is no word character:
    # lower-cased, "İ" + "1" was two words and the guard let them join into "İ1".
    text = "# Notes\n\nİ<sup>1</sup>stanbul is a city.\n"
    written = Counter(re.findall(r"\w+", nlclean.clean(text)))
    assert not written - Counter(re.findall(r"\w+", text))


@pytest.mark.parametrize("text", [
    # scripts/fuzz.py --unsafe --seed 7100000: the removal of the ad above brought
    # a BOM from the middle of the text to the top, where the next run took it for
    # the file's own and then dropped the blank line it left.
    "**(Sponsored)**\r\n\r\nthe\r\n\r\nthe\r\n\r\n**Sponsored by Acme**\r\n\r\n\ufeff  \r\nthe  \r\nthe",
    "**Sponsored by Acme**\n\n\ufeff\ufeff  \nthe story\n",
])
def test_a_bom_brought_to_the_top_by_a_removal_keeps_the_clean_idempotent(text):
    check_promises(text, unsafe=True)


def test_removing_a_line_between_two_quotes_opens_no_comment():
    # Found by tests/robustness/test_fuzz_promises.py (unsafe fixes) in CI: the removed list item
    # joined the two quotes, and `<!--`, which was a line of an html block, opened a comment.
    text = ("**Sponsored by Acme**\n\nthe\n\n> <b>bold</b>\n- [](https://cdn.example/icon/heart.png)\n"
            "> </pre>\n> <!--\n> <div>\n> <div>\n> <div>\n> > <div>")
    check_promises(text, unsafe=True)


ICON = "[](https://cdn.example/icon/heart.png)"
OTHER_ICON = "[](https://cdn.example/icon/star.png)"


@pytest.mark.parametrize(("text", "expected"), [
    # Two quotes with a row of icons between them: two quotes still (the second, html with no text, goes
    # as a block of its own, not as lines of the first).
    (f"# Notes\n\n> A line we quote\n- {ICON}\n> </pre>\n> <!--\n> <div>\n",
     "# Notes\n\n> A line we quote\n"),
    # The blank line after the removed lines stays when there is one.
    (f"# Notes\n\n> A line we quote\n- {ICON}\n\n> Another quote\n",
     "# Notes\n\n> A line we quote\n\n> Another quote\n"),
    # A paragraph and the next would become one, or a `---` under it a heading's underline.
    (f"# Notes\n\nThe first story ends here.\n- {ICON}\n\nThe second story starts.\n",
     "# Notes\n\nThe first story ends here.\n\nThe second story starts.\n"),
    # The same inside a quote (the blank line keeps the quote's markers) and inside a list item.
    (f"# Notes\n\n> > A line we quote\n> - {ICON}\n> > </pre>\n> > <!--\n> > <div>\n> > > <div>",
     "# Notes\n\n> > A line we quote\n> >\n> > </pre>\n> > <!--\n> > <div>\n> > > <div>"),
    (f"# Notes\n\n- > A line we quote\n  - {ICON}\n  > </pre>\n  > <!--\n  > <div>\n  > > <div>",
     "# Notes\n\n- > A line we quote\n  >\n  > </pre>\n  > <!--\n  > <div>\n  > > <div>"),
    # Where nothing runs on (a thematic break above), no blank line is added.
    (f"The intro.\n\n---\n- {ICON}\n> A line we quote\n", "The intro.\n\n---\n> A line we quote\n"),
])
def test_a_removal_between_two_blocks_keeps_them_apart(text, expected):
    assert nlclean.clean(text) == expected
    check_promises(text, unsafe=True)


def test_a_removals_own_fix_keeps_the_blocks_around_it_apart():
    # Applied alone (as an editor's quick fix or the json output applies it), the fix leaves the blank line.
    text = f"# Notes\n\n> A line we quote\n- {ICON}\n> </pre>\n> <!--\n> <div>\n"
    [finding] = [f for f in nlclean.lint(text) if f.code == "NL203"]
    [edit] = finding.fix.edits
    assert text[: edit.start] + edit.replacement + text[edit.end :] == (
        "# Notes\n\n> A line we quote\n\n> </pre>\n> <!--\n> <div>\n")


def test_two_removals_side_by_side_keep_the_blocks_around_them_apart():
    # Two lists (two bullets) of icons, each removed by its own fix: each fix saw the other list
    # under or over it, not the quote that stays, and the two quotes became one.
    text = f"# Notes\n\n> A line we quote\n- {ICON}\n* {OTHER_ICON}\n> </pre>\n> <!--\n> <div>\n> > <div>"
    assert nlclean.clean(text) == "# Notes\n\n> A line we quote\n\n> </pre>\n> <!--\n> <div>\n> > <div>"
    check_promises(text, unsafe=True)


def test_a_removal_above_an_html_block_leaves_its_text_as_text():
    # scripts/fuzz.py --unsafe, batch seed 9100169: the input's html block holds `- ```` as text; the output
    # opens a code fence there (at the last line, so nothing after it is hidden, but the text is gone from view).
    check_promises("**Unsubscribe**\n\nthe\n\n- the\n\n> ---\n  <div>\n> <div>\n> <div>\n- ```", unsafe=True)


# The shape of seed 9100169 with prose around it: an indented fence stood at
# the top level under a footer line; without the line, the list above would
# take the fence in. It keeps its place and its code, one indentation out.
_STORY_AND_LIST = "# Notes\n\nA story about the harbour and its boats.\n\n- first point of the story\n\n"
_INDENTED_FENCE = "  ```\n  code kept\n    as it was\n  ```\n"
_FENCE_AT_THE_TOP = "```\ncode kept\n  as it was\n```\n"


def test_a_block_left_under_a_list_by_a_removal_stays_out_of_the_list():
    text = _STORY_AND_LIST + "[Unsubscribe](https://example.com/unsubscribe)\n" + _INDENTED_FENCE
    assert nlclean.clean(text) == _STORY_AND_LIST + _FENCE_AT_THE_TOP
    check_promises(text, unsafe=True)


def test_a_removal_that_leaves_a_blank_line_keeps_the_block_under_it_out_of_the_list():
    # The removed line stood right under the list with a blank line after it, so what followed the removal
    # was the blank, not the block: the indented code under it went into the list item (fuzz.py, batch seed
    # 10600012, where its ```` ``` ```` then opened a fence).
    text = _STORY_AND_LIST.rstrip("\n") + "\n<!-- tracking -->\n\n    - ```\n    code\n"
    assert nlclean.clean(text) == _STORY_AND_LIST + "````\n- ```\ncode\n````\n"
    check_promises(text, unsafe=True)
    check_promises('\ufeff# the\r\n\r\n- the\r\n- the\r\n- the  \r\n<!-- c -->\r\n\r\n    ```\r\n> <div>', unsafe=True)


@pytest.mark.parametrize("marker", ["1.", "2)", "7."])
def test_an_html_tag_removed_from_a_quotes_lazy_line_leaves_no_empty_list_item(marker):
    # `1.` alone cannot interrupt a paragraph, but markdown-it ends a quote's lazy continuation with it:
    # without its tag the line opened a list, and the indented fence line under it a fence in the item
    # (fuzz.py, batch seed 10700008). The marker is escaped, and the quote reads on as it did.
    text = f"> The ferry ran <b>late</b> again\n{marker}<span></span>\n    ```\n> and the council met.\n"
    cleaned = nlclean.clean(text)
    assert "<span>" not in cleaned and "```" in cleaned
    check_promises(text, unsafe=True)
    check_promises('\ufeff> <b>bold</b>\r\n1.<div>\r\n    ```\r\n> <div>', unsafe=True)


def test_two_removals_side_by_side_keep_the_block_under_them_out_of_the_list():
    # Each removal sees the other above or below it, not the list: the round reads them together.
    text = (_STORY_AND_LIST + "[Unsubscribe](https://example.com/unsubscribe)\n\n"
            "[Update your preferences](https://example.com/preferences)\n" + _INDENTED_FENCE)
    assert nlclean.clean(text) == _STORY_AND_LIST + _FENCE_AT_THE_TOP
    check_promises(text, unsafe=True)


def test_a_block_indented_under_the_list_item_stays_in_it():
    # Indented as far as the item's text, the fence was the item's already (no removal moves it).
    text = "- first point of the story\n\n    ```\n    code\n    ```\n\n[Unsubscribe](https://example.com/unsubscribe)\n"
    assert nlclean.clean(text) == "- first point of the story\n\n    ```\n    code\n    ```\n"


def test_an_indented_code_block_left_under_a_list_is_fenced_not_taken_in():
    # Indented four spaces, no outdent keeps it out of the list: the same code goes in a fence, one backtick
    # longer than the code's own runs (its `- ```` line would otherwise open a fence in a nested item).
    text = _STORY_AND_LIST + "[Unsubscribe](https://example.com/unsubscribe)\n\n    - ```\n    code\n"
    assert nlclean.clean(text) == _STORY_AND_LIST + "````\n- ```\ncode\n````\n"
    check_promises(text, unsafe=True)


# A file ending in blank lines inside an unclosed fence: the writer dropped them after the fixer's last
# check, and the shorter document moved where "near the end" starts for the footer rule (fuzz.py, batch
# seed 9300061). The writer now keeps blank lines at the end as the fix left them.
def test_a_bom_crlf_file_with_sponsored_labels_and_hard_breaks_is_clean_after_one_fix():
    check_promises('\ufeff**(Sponsored)**\r\n\r\nthe\r\n\r\nthe  \r\nthe  \r\n[the the](https://example.com/a)  \r\nthe  \r\nthe  \r\nthe  \r\nthe  \r\nthe  \r\nthe  \r\nthe\r\n\r\nthe\r\n\r\n# the\r\n\r\n[the]: https://example.com/a\r\n\r\n**(Sponsored)**\r\n\r\nthe\r\n\r\n[the unsubscribe](https://example.com/a) the\r\n===\r\n\r\n[![the](https://example.com/a)](https://example.com/a)\r\n\r\n```\r\nthe\r\n\r\n**(Sponsored)**\r\n\r\nthe\r\n\r\n', unsafe=True)


def test_an_images_bang_ends_no_footer_sentence():
    # NL201 cut a footer line's sentences at the `!` of `![unsubscribe](…)`, leaving the `!` behind; the line
    # left, starting with three backticks, then opened a fence (fuzz.py, batch seed 9400017).
    check_promises('\ufeff**Sponsored by Acme**\r\n\r\nthe\r\n\r\n```![the](https://example.com/a)![unsubscribe]'
                   '(https://example.com/a)thethethe`the the`the', unsafe=True)
    footer = "[Unsubscribe](https://example.com/u)"
    # A sentence's own `!` before an image still ends it, and what comes after goes without leaving a bang.
    assert nlclean.clean(f"Story text.\n\nWhat a week!![logo](https://example.com/l.png) {footer}\n") == (
        "Story text.\n\nWhat a week!\n")


def test_an_entity_without_its_semicolon_ends_where_the_word_does():
    # Padding is three invisible units or more; `&nbspPresented` holds none (the fuzzer's 9451281, in brief).
    text = "Story text.\n\n&zwnj;&zwnj;&nbspPresented by the team\n"
    assert "Presented" in nlclean.clean(text)
    assert nlclean.clean("Story text.\n\n&zwnj;&zwnj;&nbsp Preview text\n") == "Story text.\n\nPreview text\n"


# Removing an empty image link inside a list item's continuation line brought three backticks to where, once
# the item's indent is consumed, they open a fence; the check saw the line's four spaces as top-level indentation
# (fuzz.py on ba38c32, batch seed 9500460 after 93,340 inputs). An indented line now also counts unindented.
def test_an_empty_image_link_before_backticks_in_a_list_item_leaves_no_fence_open():
    check_promises('\ufeff**(Sponsored)**\r\n\r\nthe\r\n\r\n```\r\nthe\r\n\r\n```\r\nthe\r\n\r\n> <div>\r\n- -->\r\n'
                   '    [](https://cdn.example/icon/heart.png)```<!-- c -->\r\n> <div>', unsafe=True)
    # The same removal in plain form: the backticks are kept as text, not opened as a fence.
    assert nlclean.clean("- A story item.\n    [](https://cdn.example/icon/heart.png)```\n") == (
        "- A story item.\n    \\```\n")


# The independent fuzzer on ba38c32 (seeds 9603831, 9661436): in a plain-text file a removal brought a `---`
# to the top over a later `---`; the next run read the lines between as front matter, left them alone and
# cleaned the rest differently. Such a `---` now goes (NL602); other rule lines of a plain text stay.
@pytest.mark.skipif(not (FUZZER / "gen.py").exists(), reason="../shared/tools/fuzz_promises is not beside this checkout")
@pytest.mark.parametrize("seed", [9603831, 9661436])
def test_independent_fuzzer_text_seeds_are_clean_after_one_fix(seed):
    test_independent_fuzzer_seeds_keep_every_promise(seed)


def test_a_rule_line_a_removal_brings_to_the_top_of_a_text_opens_no_front_matter():
    text = ("Sponsored by Acme: try the widget today.\n\n---\nThe council met on Tuesday.\n---\n"
            "The vote was close.\n")
    assert nlclean.clean(text, format="text") == "The council met on Tuesday.\n---\nThe vote was close.\n"
    boxed = "=====\nTown Notes\n=====\n\nThe council met.\n---\n"
    assert nlclean.clean(boxed, format="text") == boxed
    # A `+++` over a closing one would open TOML front matter, in markdown too.
    toml = "Sponsored by Acme: try it.\n\n+++\nThe council met.\n+++\nThe vote was close.\n"
    assert nlclean.clean(toml) == "The council met.\n+++\nThe vote was close.\n"


@pytest.mark.parametrize("text", [
    # scripts/fuzz.py --unsafe, batch seed 10000264: markdown-it-py raised IndexError on a last line that
    # continues a quote around an html block in a list item, with no final newline; every parse now ends in one.
    "\ufeff> - <!--\r\n- [](https://cdn.example/icon/heart.png)\r\n1.<div>\r\n> ",
    "A story.\n> - <!--\n>",
    "> > - <!--\n> >",
])
def test_a_last_line_without_its_newline_inside_a_quoted_list_item_does_not_crash_the_parse(text):
    check_promises(text, unsafe=True)


@pytest.mark.parametrize("opener", ["```", "~~~", "- item", "# title"])
def test_two_icon_links_removed_from_one_line_leave_no_block_opener_at_its_start(opener):
    # Two like icons with a space between them are two removals. Neither alone brought what follows them
    # to the line's start, both together did: in a quote, the ``` after them opened a fence that ran to
    # the end of the email (fuzz.py, batch seed 11000382). The line is read as it stays, with both gone.
    icon = "[](https://cdn.example/icon/heart.png)"
    text = f"# Notes\n\nThe ferry ran late again.\n\n> {icon} {icon} {opener} said the captain\n\nThe council met.\n"
    cleaned = nlclean.clean(text)
    assert "heart.png" not in cleaned and "said the captain" in cleaned
    check_promises(text, unsafe=True)
    check_promises(f"\ufeff**(Sponsored)**\r\n\r\nthe\r\n\r\n# the\r\n\r\n> {icon} {icon} ```\r\n1.<div>", unsafe=True)


@pytest.mark.parametrize("container", ["- the ferry ran late", "> the ferry ran late"])
def test_html_converted_under_a_list_or_quote_keeps_the_indented_block_below_out_of_it(container):
    # A comment closed on a table row interrupted the list item's last line; converted to its text, the
    # row became that line's lazy continuation, the item went on across the blank line and took in the
    # indented `<div>`, which then ended at the next line and the quoted ``` under it opened a fence
    # (fuzz.py, batch seed 11200074). The converted text now stands apart, after a blank line.
    text = (f"{container}\n<!--\n| a | b |\n| <!-- c --> | $5 |\n\n  <div>\n> ```\n> <div>\n> <div>\n")
    check_promises(text, unsafe=True)
    check_promises(text, unsafe=False)
    cleaned = nlclean.clean(text)
    assert "the ferry ran late\n\n" in cleaned and "$5" in cleaned
    check_promises('\ufeff- the\r\n- the\r\n- the\r\n- the  \r\n<!--\r\n\r\n| a | b |\r\n|---|---|\r\n'
                   '| <!-- c --> | $5 |\r\n\r\n  <div>\r\n> ```\r\n> <div>\r\n> <div>\r\n> <div>\r\n> <div>\r\n'
                   '> <div>\r\n> <div>\u034f\u034f\u034f', unsafe=True)


def test_a_removed_unit_of_a_flattened_paragraph_takes_its_indentation_when_it_ends_the_paragraph():
    # The paragraph's lines were indented continuation lines, read as units of a flattened paragraph; the
    # last unit, an ad label, went to the paragraph's end and its blank line, but its indentation stayed, and
    # the fence under the blank went on with the paragraph as "    ```": its closer then opened a fence
    # (scripts/fuzz.py, batch seed 9190045, on 2d37632 too).
    text = ('\ufeff\u034f \r\n\r\nthe\r\n\r\n**(Sponsored)**\r\n\r\nthe\r\n\r\n[the]: https://example.com/a\r\n\r\n'
            '[the the](https://example.com/a) ![the](https://example.com/a) ![the](https://example.com/a) '
            '[the the](https://example.com/a) the the `the team` [team team](mailto:a@example.com) compiler '
            '![story](mailto:a@example.com) Sponsored\r\n    the  \r\n    the  \r\n    the  \r\n'
            '    ![the](https://example.com/a)  \r\n    ![the](https://example.com/a)  \r\n'
            '    ![the](https://example.com/a)  \r\n    [the the](mailto:a@example.com)  \r\n    the  \r\n'
            '    <a href="mailto:a@example.com">Advertisement</a>\r\n\r\n```\r\nthe\r\n```\r\n\r\n# the')
    for unsafe in (True, False):
        cleaned = check_promises(text, unsafe=unsafe)
        assert "\r\n```\r\nthe\r\n```" in cleaned and "Advertisement" not in cleaned


def test_two_removals_of_one_rule_that_meet_leave_the_words_on_their_two_sides_apart():
    # A footer link's removal took the space before it; the footer zone's, the `[` after it and the line
    # break: each kept its own neighbours apart, together they glued `__` to the next line's word, the guard
    # refused the fix and the email was not cleaned at all (fuzz_promises, seed 11302987, on 2d37632 too).
    # The second removal waits for the next round.
    text = ("```\n```\n   build   queue[team Acme review here parser][x]In partnership with Acme`x_y`Comment\n"
            "Friday Trivia mailto:list-manage.com/%24 [](http://email.beehiiv.com/ (t)) 東京 naïve weekly "
            "Sponsored by Acme http:// app like partner today [trivia ΣΊΣΥΦΟΣ queue sponsor price deploy model][r1]\n"
            "    ** __ [](http://x.com/aHR0cHM6Ly9hY21lLmV4YW1wbGUvdW5zdWJzY3JpYmU= (t)) [\n"
            "A book afraid of desire is usually afraid of truth.")
    for unsafe in (True, False):
        cleaned = check_promises(text, unsafe=unsafe)
        assert "aHR0cHM6Ly9hY21lLmV4YW1wbGUvdW5zdWJzY3JpYmU" not in cleaned and "A book afraid" in cleaned


def test_an_empty_html_block_that_ends_a_list_for_the_indented_line_below_stays():
    # A comment at the list's indentation ended the item (a heading, no lazy line); the indented ``` under it
    # was an indented code block. Without the comment the line reached the item's text and its ``` opened a
    # fence (scripts/fuzz.py, batch seed 11730035, on bb49ded too).
    text = "\ufeff# the\r\n\r\n> <div>\r\n> <div>\r\n> <div>\r\n1. # head\r\n  <!-- c -->\r\n    ```\r\n> <div>"
    for unsafe in (True, False):
        check_promises(text, unsafe=unsafe)
    for container in ("1. # The ferry ran late", "- # The ferry ran late", "> # The ferry ran late"):
        text = f"# Notes\n\n{container}\n<!-- spacer -->\n    ```\n    code\n\nThe council met.\n"
        for unsafe in (True, False):
            assert "The council met." in check_promises(text, unsafe=unsafe)


@pytest.mark.parametrize("label", [
    "*Together with Acme*", "Presented by Acme: field notes", "SPONSOR: Acme Bank", "In partnership with Acme",
])
def test_a_story_under_a_stray_label_line_stays(label):
    # A label line alone over a story's heading took the heading's whole section because some block of it
    # named the sponsor; a story links where stories link, not to the sponsor (fuzz_promises, seeds 11904916,
    # 11905584, 11905750, 11905819, on ebef264 too). The label goes alone, as SPEC row 1 gives a label line.
    text = (f"# Field Notes\n\nGood morning from the valley.\n\n{label}\n\n# The river plan passes\n\n"
            "The council voted to fund the flood survey; Acme, the largest employer in town, offered to pay half. "
            "[The vote](https://news.example/river-vote)\n\nAcme staff will help count the fish ladders in spring.\n")
    for unsafe in (True, False):
        cleaned = check_promises(text, unsafe=unsafe)
        assert "https://news.example/river-vote" in cleaned and "The river plan passes" in cleaned
        assert label not in cleaned
