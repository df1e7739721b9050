"""Every reader-facing English word the templates print for a code in the model.

A second language is a second module like this one, not a hunt through templates.
(Date wording still lives in builder/core/dates.py.)
"""

from __future__ import annotations

from collections.abc import Mapping

# Forward and inverse wording of each relation type.
RELATION_LABELS: Mapping[str, tuple[str, str]] = {
    "sibling_of": ("sibling of", "sibling of"),
    "spouse_of": ("spouse of", "spouse of"),
    "commander_of": ("commander of", "commanded by"),
    "leader_of": ("leader of", "led by"),
    "spokesperson_for": ("spokesperson for", "spokesperson"),
    "adviser_to": ("adviser to", "adviser"),
    "member_of": ("member of", "member"),
    "official_of": ("official of", "official"),
    "part_of": ("part of", "includes"),
    "located_in": ("located in", "location of"),
}

ACTOR_KIND: Mapping[str, str] = {
    "person": "Person",
    "organisation": "Organisation",
    "state": "State",
    "armed_group": "Armed group",
    "media": "Media",
    "place": "Place",
    "government_body": "Government body",
}
ACTOR_KIND_PLURAL: Mapping[str, str] = {
    "person": "People",
    "organisation": "Organisations",
    "state": "States",
    "armed_group": "Armed groups",
    "media": "Media",
    "place": "Places",
    "government_body": "Government bodies",
}
SOURCE_KIND: Mapping[str, str] = {
    "news_report": "News report",
    "official_statement": "Official statement",
    "interview": "Interview",
    "translation": "Translation",
    "other": "Other",
}


def relation_label(relation_type: str, own_wording: str | None) -> str:
    """How an actor's relation reads on its page: the contributor's words, else ours."""
    return own_wording or RELATION_LABELS[relation_type][0]


def inverse_relation_label(relation_type: str) -> str:
    return RELATION_LABELS[relation_type][1]


# --- events and dates ----------------------------------------------------------------

# Qualifiers in the date chips after a dated passage ("on or before 8 Dec").
SHORT_QUALIFIER: Mapping[str, str] = {
    "about": "about",
    "before": "before",
    "after": "after",
    "by": "on or before",
}
ACCOUNTS_DIFFER = "Accounts differ"
ACCOUNTS_DIFFER_NOTE = "the texts give this event different dates or times"
ACCOUNTS_AGREE = "Told in"
