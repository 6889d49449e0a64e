"""One collector of the addresses a piece of markdown leads to
(`inline_syntax.addresses` / `address_spans`), its two choices (images,
bare addresses inside links), and its remembered answers equal to a fresh
computation."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlclean import inline_syntax
from nlclean.inline_syntax import MAX_REMEMBERED_CHARS, BARE_ADDRESS, address_spans, addresses, all_links

LINE = ("Vote: [Yes](https://polls.example/v?a=1) or ![chart](https://img.example/c.png) "
        "or write to https://letters.example/inbox and see [https://shown.example/x](https://real.example/y).")


def test_links_first_then_bare_addresses_outside_every_link():
    assert addresses(LINE) == ("https://polls.example/v?a=1", "https://real.example/y",
                               "https://letters.example/inbox")


def test_images_count_only_when_asked():
    assert "https://img.example/c.png" not in addresses(LINE)
    assert addresses(LINE, images=True)[:3] == ("https://polls.example/v?a=1", "https://img.example/c.png",
                                                "https://real.example/y")


def test_bare_addresses_inside_links_count_only_when_asked():
    inside = addresses(LINE, images=True, bare_in_links=True)
    # A link's destination is then met twice, and a link's text written as an address once.
    assert inside.count("https://polls.example/v?a=1") == 2
    assert "https://shown.example/x" in inside
    assert "https://shown.example/x" not in addresses(LINE, images=True)


def test_a_bare_address_inside_an_image_is_not_outside_it():
    line = "![https://alt.example/pic](https://img.example/p.png) https://after.example/z"
    assert addresses(line) == ("https://after.example/z",)


def test_spans_say_where_each_address_stands():
    for a in address_spans(LINE, images=True, bare_in_links=True):
        assert a.url in LINE[a.start:a.end]
        assert (a.link is None) == (LINE[a.start:a.start + 4] == "http")


def _reference(s: str, images: bool, bare_in_links: bool) -> tuple[str, ...]:
    every = all_links(s)
    urls = [link.destination for link in every if images or not link.is_image]
    urls += [m.group(0) for m in BARE_ADDRESS.finditer(s)
             if bare_in_links or not any(link.start <= m.start() < link.end for link in every)]
    return tuple(urls)


_PIECES = st.sampled_from(["[", "]", "(", ")", "!", " ", "\n", "word", "`", "https://a.example/p", "http://b.example",
                           "[t](https://c.example/q)", "![i](https://d.example/i.png)", "[![i](https://e.example)](https://f.example)",
                           "<", ">", ".", "|"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.booleans(), st.booleans())
def test_same_answers_as_the_plain_reading(s, images, bare_in_links):
    assert addresses(s, images=images, bare_in_links=bare_in_links) == _reference(s, images, bare_in_links)


def test_a_long_text_gets_the_same_answers_as_its_lines_read_alone():
    line = LINE + "\n"
    text = line * (MAX_REMEMBERED_CHARS // len(line) + 2)
    assert len(text) > MAX_REMEMBERED_CHARS
    for images in (False, True):
        for bare_in_links in (False, True):
            one = addresses(line, images=images, bare_in_links=bare_in_links)
            whole = addresses(text, images=images, bare_in_links=bare_in_links)
            assert sorted(whole) == sorted(one * (len(text) // len(line)))
            assert whole == _reference(text, images, bare_in_links)


def test_remembered_answers_equal_a_fresh_computation():
    for images in (False, True):
        for bare_in_links in (False, True):
            first = address_spans(LINE, images=images, bare_in_links=bare_in_links)
            again = address_spans(LINE, images=images, bare_in_links=bare_in_links)
            assert first == again == inline_syntax._address_spans(LINE, images, bare_in_links)


def test_a_sentence_stop_after_a_bare_address_is_not_part_of_it():
    assert addresses("Join us at https://acme.example/join. Or not; see https://acme.example/faq, then https://acme.example/x:") \
        == ("https://acme.example/join", "https://acme.example/faq", "https://acme.example/x")
    # A stop inside the address stays.
    assert addresses("https://acme.example/a.b?c=d;e") == ("https://acme.example/a.b?c=d;e",)


def test_as_written_a_bare_address_spans_what_closes_it_up_to_the_next_space():
    line = "Read on (Link: https://acme.example/a). Then <https://acme.example/b> and https://acme.example/c. Done"
    plain = address_spans(line)
    written = address_spans(line, as_written=True)
    assert [a.url for a in written] == [a.url for a in plain] \
        == ["https://acme.example/a", "https://acme.example/b", "https://acme.example/c"]
    assert [line[a.start:a.end] for a in written] \
        == ["https://acme.example/a).", "https://acme.example/b>", "https://acme.example/c."]
    # A link's span is the link's either way.
    linked = "[Acme](https://acme.example/d)."
    assert address_spans(linked, as_written=True) == address_spans(linked)


def test_a_bar_parts_a_row_of_bare_addresses():
    assert addresses("👍 https://acme.example/r?v=1|👎 https://acme.example/r?v=0｜") \
        == ("https://acme.example/r?v=1", "https://acme.example/r?v=0")


def test_a_row_of_answers_reads_its_last_address_without_the_stop():
    from nlclean.evidence.answer_rows import answer_row

    row = answer_row("Rate it: [Great](https://acme.example/rate?v=3) | Poor https://acme.example/rate?v=0.")
    assert row is not None and row[1] == ["https://acme.example/rate?v=3", "https://acme.example/rate?v=0"]


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_remembered_link_lists_are_the_scanned_ones(s):
    assert inline_syntax.links_of(s) == all_links(s)
    assert inline_syntax.top_links_of(s) == inline_syntax.links(s)
