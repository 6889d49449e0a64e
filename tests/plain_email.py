"""An invented plain-text newsletter for tests of the newsletter's own pages
and offers: a masthead, three stories, the author's sign-off, the block under
test, and a one-line footer. One builder, so the tests of `own_pages` and
`own_offer` read the same email."""

STORIES = "\n\n".join(
    f"Story {n}. The harbour board met on Tuesday and voted to repaint the north pier before the storms. "
    f"Read more: https://harbourboard-minutes.example/item-{n}"
    for n in range(1, 4)
)


def plain_email(block: str, after: str = "") -> str:
    """`block` after the sign-off, `after` between the stories and the sign-off."""
    return (
        "HOLLOWAY LEDGER\nNotes from the estuary, every Friday\n\n"
        f"{STORIES}\n\n{after}Until next week,\nIna\n\n{block}\n\n"
        "You get this because you signed up. Unsubscribe: https://hollowayledger.example/u/81f2\n"
    )
