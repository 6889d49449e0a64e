"""NL302: a follow lead-in ending in a colon and the row after it, on its
line or the lines under it, whatever host or click tracker is behind the
links; in Chinese or Japanese the follow phrase anywhere beside a network it
names. Every fixture is invented."""
import nlclean


def _clean(text: str, *, unsafe: bool = True, format: str = "markdown") -> str:
    return nlclean.clean(text, format=format, unsafe=unsafe, select=["NL302"])


STORY = "The library reopens its east wing on Monday after a year of repairs, with a new reading room for children.\n\n"


def test_lead_in_and_named_row_behind_a_tracker_go():
    text = "# Gazeta do Bairro\n\n" + STORY + (
        "Siga a Gazeta: [Instagram](https://clk.gazeta.example/r/1) | [Podcast](https://clk.gazeta.example/r/2)\n\n"
        "Gazeta do Bairro, Rua das Flores 12, Lisboa\n")
    out = _clean(text)
    assert "Siga a Gazeta" not in out
    assert "The library reopens its east wing" in out
    assert "Rua das Flores 12" in out
    # A judgement: safe fixes leave it.
    assert "Siga a Gazeta" in _clean(text, unsafe=False)


def test_plain_text_row_with_names_in_parentheses():
    text = "ALDER WEEKLY\n\n" + STORY + (
        "Follow Alder Weekly: Mastodon ( https://alder.example/m ) | Photo club ( https://photos.example/alder )\n\n"
        "Alder Weekly, 4 Mill Lane, Hexham\n")
    out = _clean(text, format="text")
    assert "Follow Alder Weekly" not in out
    assert "Mill Lane" in out


def test_lead_in_alone_over_row_lines():
    text = "BROOKFIELD LIBRARY NEWS\n\n" + STORY + (
        "Keep in touch with Brookfield Library:\n"
        "Facebook: https://t.brookfield.example/s/1\n"
        "YouTube: https://t.brookfield.example/s/2\n\n"
        "Brookfield Library, 9 Elm Road\n")
    out = _clean(text, format="text")
    assert "Keep in touch with Brookfield Library:" not in out
    assert "t.brookfield.example/s/2" not in out
    assert "9 Elm Road" in out


def test_japanese_lead_in_names_the_network():
    text = "# 週刊 みどり通信\n\n" + STORY + (
        "■ Instagramでも写真を公開中：https://midori.example/c?to=ig\n\n"
        "発行：みどり出版\n")
    out = _clean(text)
    assert "Instagramでも写真を公開中" not in out
    assert "発行：みどり出版" in out


def test_a_story_link_after_a_colon_stays():
    text = "# Ledger Notes\n\n" + STORY + (
        "Follow the money: [the court filing](https://courts.example.gov/filing/88)\n\n"
        "The senator wrote on X: [her post](https://x.com/senator/status/12)\n\n"
        "Xで話題になった記事：https://news.example.jp/a/1\n\n"
        "Ledger Notes, 1 Bank Street\n")
    out = _clean(text)
    assert "Follow the money: [the court filing]" in out
    assert "The senator wrote on X:" in out
    assert "Xで話題になった記事" in out


def test_a_follow_row_that_is_a_list_items_only_paragraph_takes_its_bullet():
    # Both follow removals (a lead-in with its row on one line, a judgement, and
    # a lead-in over profile links) take the item whole: a bullet written on a
    # line of its own is not left behind.
    rows = {
        "unsafe line": "Siga a Gazeta: [Instagram](https://clk.gazeta.example/r/1) | [Podcast](https://clk.gazeta.example/r/2)",
        "sure row": "Follow us: [Instagram](https://instagram.com/gazeta) · [Mastodon](https://mastodon.social/@gazeta)",
    }
    for kind, row in rows.items():
        text = "# Gazeta do Bairro\n\n" + STORY + "-\n  " + row + "\n\nGazeta do Bairro, Rua das Flores 12, Lisboa\n"
        out = _clean(text)
        assert "Instagram" not in out, kind
        assert "The library reopens" in out and "Rua das Flores 12" in out, kind
        assert not any(line.strip() in ("-", "*") for line in out.splitlines()), kind
