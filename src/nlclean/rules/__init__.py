"""The rule registry: one line per rule maps its code to its class.

Order matters: it is the order rules run in (a rule may read the findings of
the rules before it) and the priority when two fixes overlap (the earlier
rule wins, so a sponsor block is removed whole before anything inside it is
touched).
"""
from __future__ import annotations

from .author_avatar import AuthorAvatar
from .base import Rule
from .footer import Footer
from .heading_levels import HeadingLevels
from .html_entity import HtmlEntity
from .no_story import NoStoryBlock
from .orphan_toc_entry import OrphanTocEntry
from .preheader_padding import PreheaderPadding
from .puzzle_section import PuzzleSection
from .raw_html import RawHtml
from .read_in_app import ReadInApp
from .share_icons import ShareIcons
from .sponsor_block import SponsorBlock
from .sponsor_us import SponsorUs
from .template_block import TemplateBlock
from .tidy import BlankLines, EmptySection, StrayThematicBreak, TrailingHardBreak
from .tracking_pixel import TrackingPixel
from .unescaped_dollar import UnescapedDollar
from .unlabelled_promotion import UnlabelledPromotion
from .unused_suppression import UnusedSuppression

RULES: list[type[Rule]] = [
    SponsorBlock,
    SponsorUs,
    UnlabelledPromotion,
    Footer,
    TrackingPixel,
    ShareIcons,
    ReadInApp,
    AuthorAvatar,
    PreheaderPadding,
    PuzzleSection,
    NoStoryBlock,
    OrphanTocEntry,
    TemplateBlock,  # after the rules whose findings are its other evidence
    RawHtml,
    HtmlEntity,
    UnescapedDollar,
    HeadingLevels,
    BlankLines,
    StrayThematicBreak,
    EmptySection,
    TrailingHardBreak,
    UnusedSuppression,  # last: it judges the suppression comments by what the others reported
]

BY_CODE: dict[str, type[Rule]] = {r.code: r for r in RULES}
BY_NAME: dict[str, type[Rule]] = {r.name: r for r in RULES}
RULE_ORDER: dict[str, int] = {r.code: i for i, r in enumerate(RULES)}

__all__ = ["RULES", "BY_CODE", "BY_NAME", "RULE_ORDER", "Rule"]
