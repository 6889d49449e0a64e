"""The ask evidence on its own (`nlclean.evidence.asks`), without a rule around it."""
from __future__ import annotations

from nlclean.evidence.asks import answers_to_one_page, paywall_teaser
from nlclean.markers import load


def test_a_paywall_teaser_is_read_where_its_gate_stands_after_letters_that_lower_case_longer():
    # "İ" lower-cases to two characters: a gate looked for in the lower-cased
    # sentence stood two places later than in the sentence, and the voice word
    # right after the gate ("I") was cut off.
    markers = load()
    for place in ("Izmir, Istanbul", "İzmir, İstanbul"):
        sentence = f"{place}: behind the paywall I compare the two ferry plans."
        assert paywall_teaser(markers, sentence) == (
            "a paywall teaser: phrase 'behind the paywall' opens the sentence in the publisher's voice (word 'I')"
        )


def test_another_paper_s_paywall_after_such_letters_is_no_teaser():
    markers = load()
    assert paywall_teaser(markers, "İstanbul's daily moved its archive behind the paywall, a rival reported.") is None


def test_poll_answers_differ_in_one_answer_value():
    assert answers_to_one_page(["https://letter.example/r/51/vote-5", "https://letter.example/r/51/vote-3"])
    assert answers_to_one_page(["https://letter.example/fb/1", "https://letter.example/fb/2", "https://letter.example/fb/3"])
    assert answers_to_one_page(["https://letter.example/f?a=yes&i=9", "https://letter.example/f?a=no&i=9"])


def test_two_articles_of_one_site_are_no_poll_answers():
    # Slugs that differ only at their ends are still phrases, not answer values.
    assert not answers_to_one_page(["https://news.example/2026/04/ferry-fares-rise", "https://news.example/2026/04/ferry-fares-port"])
    assert not answers_to_one_page(["https://news.example/read?story=tide-tables-late&src=nl",
                                    "https://news.example/read?story=tide-tables-early&src=nl"])
    # Different folders are different pages, and a slash at the end changes no answer.
    assert not answers_to_one_page(["https://news.example/walks/1", "https://news.example/rides/2"])
    assert not answers_to_one_page(["https://news.example/p/tides", "https://news.example/p/tides/"])


def test_the_evidence_names_the_same_own_page_in_every_run():
    # A sentence beside links of two own-page kinds: the evidence names one of
    # them, the same whatever order a set of kinds iterates in (PYTHONHASHSEED).
    import os
    import subprocess
    import sys

    program = ("from nlclean.evidence.asks import sentence_ask\n"
               "from nlclean.evidence.links import LinkKind\n"
               "from nlclean.markers import load\n"
               "kinds = frozenset({LinkKind.REFERRAL, LinkKind.SHARE, LinkKind.SUBSCRIBE})\n"
               "print(sentence_ask(load(), 'Send this letter to three friends and earn a tote bag.', kinds))\n")
    answers = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(answers) == 1, answers


def test_a_remembered_sentence_reads_as_a_fresh_one_beside_any_links():
    # sentence_ask remembers what a sentence says without its links (a sender's
    # asks come back in every issue, a fix round reads its lines again); the
    # links beside it still decide: each answer equals one read with nothing
    # remembered, whichever kinds the same sentence met before.
    from nlclean.evidence.asks import sentence_ask
    from nlclean.evidence.links import LinkKind
    from nlclean.memo import forget_all

    markers = load()
    sentences = [
        "You can, if the essays are useful to you at all, subscribe.",  # a subscribe link makes it sure
        "Join us.",  # asks only beside an own page
        "Please subscribe to Quay Weekly.",
        "The harbour master said the crane will be moved in May.",
        "Please subscribe. " * 5000,  # longer than what is remembered
    ]
    kinds_in_turn = [frozenset(), frozenset({LinkKind.SUBSCRIBE}), frozenset({LinkKind.REFERRAL, LinkKind.SOCIAL}),
                     frozenset({LinkKind.SOCIAL}), frozenset()]
    fresh = {}
    for sentence in sentences:
        for kinds in kinds_in_turn:
            forget_all()
            fresh[sentence, kinds] = sentence_ask(markers, sentence, kinds)
    forget_all()
    for _ in range(2):
        for sentence in sentences:
            for kinds in kinds_in_turn:
                assert sentence_ask(markers, sentence, kinds) == fresh[sentence, kinds], (sentence[:40], kinds)
    # The kinds do change answers here, so the check above can fail.
    assert fresh[sentences[0], frozenset()] != fresh[sentences[0], frozenset({LinkKind.SUBSCRIBE})]
    assert fresh[sentences[1], frozenset()] != fresh[sentences[1], frozenset({LinkKind.SOCIAL})] or \
        fresh[sentences[1], frozenset()] != fresh[sentences[1], frozenset({LinkKind.REFERRAL, LinkKind.SOCIAL})]
