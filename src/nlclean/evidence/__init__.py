"""Evidence: what the rules consult to decide that a stretch of text is noise.

A rule asks a question of evidence ("where does this link lead?", "where
does the footer zone begin?") instead of carrying its own regexes, so that
the same fact is decided in one place for every rule that needs it.

- `links`: one link classifier, URL -> `LinkKind` (unsubscribe, share
  intent, ad server, …), and the offline decoding of tracking redirects
  that carry their target.
- `publisher`: who publishes the newsletter and where its own stories link
  (its sender, its archive address, its story host).
- `promotion`: paid-placement links, and the publisher selling its own things.
- `own_offer`: the newsletter's offer of its own membership, by a price
  charged by the period, a request to the reader, its name, links to its
  own pages and a place at the end.
- `own_pages`: the newsletter's own pages by their links (the reader's
  referral link, the site its masthead spells) and the email's last lines.
- `own_work`: the publisher plugging its own work (its podcast, book,
  course) at the email's end, by a work named as its own, a button and a place.
- `layout`: the units of a flattened email (one paragraph holding masthead,
  ads, stories and footer), presented to the rules as blocks of their own.
"""
