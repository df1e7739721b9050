"""Every reader-facing English word the templates print for a code in the model.

A second language is a second module like this one, not a hunt through templates.
(Date wording still lives in builder/core/dates.py.)
"""

from __future__ import annotations

from collections.abc import Mapping

from builder.core.sourcing import Count

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


TEXT_KIND: Mapping[str, str] = {
    "news_report": "News report",
    "official_statement": "Official statement",
    "interview": "Interview",
    "transcript": "Transcript",
    "translation": "Translation",
    "statement": "Statement",
    "social_media_post": "Social media post",
    "other": "Text",
}

# The derived standing of a claim (builder/core/sourcing.py).
STATUS: Mapping[str, str] = {
    "reported": "reported",
    "corroborated": "corroborated",
    "disputed": "disputed",
    "denied": "denied",
}
ALSO_CORROBORATED = "also corroborated"
LINK_KIND: Mapping[str, str] = {
    "independent": "Corroborated by",
    "same_report": "Consistent with (same report)",
    "denial": "Denied by",
    "dispute": "Disputed by",
}
TRANSLATOR_UNKNOWN = "translator unknown"
NAMED_SOURCE = "named source"
ANONYMOUS = "anonymous"
ONE_NAMED_SOURCE = "one named source"
NO_SOURCE_GIVEN = "no source given in the text"
COUNT_NOT_STATED = "number of sources not stated"


def count_label(count: Count) -> str:
    """How many sources, in words: "more than 10 sources, as stated", "3 + 1 = 4 sources"."""
    if count.kind == "not_stated":
        return COUNT_NOT_STATED
    if count.kind == "one_named":
        return ONE_NAMED_SOURCE
    if count.kind == "vague":
        return f"{count.stated} sources, as stated (no number given)"
    plural = "source" if count.number == 1 and count.kind in ("exact", "sum") else "sources"
    stated = count.stated or str(count.number)
    if count.kind == "sum":
        return f"{' + '.join(map(str, count.parts))} = {count.number} {plural}, as stated"
    return f"{stated} {plural}, as stated"


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


# Where an error page stands in while `mkdocs serve` shows errors (one nav entry each).
ERROR_PAGE_NAMES: Mapping[str, str] = {
    "texts/index.md": "texts",
    "actors/index.md": "actors",
    "chronology.md": "chronology",
    "sources.md": "sources",
}


def error_page_name(path: str) -> str:
    """'texts', 'chronology', or the text or actor a page is for ('text assad-departure')."""
    if path in ERROR_PAGE_NAMES:
        return ERROR_PAGE_NAMES[path]
    folder, _, name = path.removesuffix(".md").rpartition("/")
    kind = {"texts": "text", "actors": "actor"}.get(folder, folder or "page")
    return f"{kind} {name}"


# Each page's meta description (search engines and link previews show it).
DESCRIBE_TEXTS_INDEX = (
    "The source texts this explainer annotates, verbatim, with what each one claims."
)
DESCRIBE_ACTORS_INDEX = (
    "Every person, organisation, state and place the texts involve, and what is said about them."
)
DESCRIBE_CHRONOLOGY = "Every dated event the texts tell, in time order, with who tells it."
DESCRIBE_SOURCES = "Every source the explainer rests on, and which claims rest on it."


def describe_text(title: str, kind: str, published: str | None, claims: int) -> str:
    """A text page: its title and a one-line summary."""
    when = f", published {published}" if published else ""
    noun = "claim" if claims == 1 else "claims"
    return (
        f"{title}: {TEXT_KIND[kind].lower()}{when}, annotated passage by passage "
        f"({claims} {noun}, each with who says so and how we know)."
    )


# --- schema.org JSON-LD (builder/render/schema_org.py): words for machines' readers --------


def describe_claim_sourcing(by: str, *, named: bool, unattributed: bool, status: str) -> str:
    """A claim's sourcing in one sentence; an anonymous source is said to be one, never
    given as the claim's author."""
    if unattributed:
        who = "The text gives no source for this statement."
    elif named:
        who = f"Attributed to {by}."
    else:
        who = f"Attributed to {by}, not named in the text, so no author is given."
    return f"{who} Status in this explainer: {STATUS[status]}."


def derived_date(label: str, how: str) -> str:
    """A date worked out from another event's: '12 December 2024 (worked out: 4 days after X)'."""
    return f"{label} (worked out: {how})"


def describe_event_date(accounts: list[tuple[str, str]], *, differ: bool) -> str:
    """An event's date in words, from each (date, text title) that tells it; `differ`
    when the accounts give different dates (the first is the declaring one)."""
    if not differ:
        return f"Date, as precise as the text gives it: {accounts[0][0]}."
    told = "; ".join(f"{label} ({title})" for label, title in accounts)
    return f"The texts give different dates: {told}."


def describe_actor(name: str, kind: str, role: str | None) -> str:
    """An actor page: the name and role."""
    return f"{name} ({role or ACTOR_KIND[kind].lower()}): what the texts say about them and what they say."


# --- reading at a glance (text pages) --------------------------------------------------

# The inline tag after each claim: a symbol and a word, so that status never rests on colour.
STATUS_SYMBOL: Mapping[str, str] = {
    "reported": "○",
    "corroborated": "✓",
    "disputed": "≠",
    "denied": "✗",
}
SAME_REPORT = "same report"
SAME_REPORT_SYMBOL = "="
DATE_SYMBOL = "◷"
DATE_MARKER_TITLE = "On the chronology"

# The structured note of a claim.
CARD_CLAIM = "Claim"
CARD_CONTEXT = "Context"
CARD_WHO = "Who says so"
CARD_VIA = "via"
CARD_INDEPENDENCE = "Independent or same report"
CARD_NOTE = "Editors' note"
CARD_SOURCES = "Sources"
CARD_RESTS_ON = "the report it rests on"
CARD_WHEN = "When"
CARD_IN = "in"


def independence_label(independent_reports: int, same_report: int) -> str:
    """Whether other reports back a claim, in words."""
    if independent_reports:
        plural = "report" if independent_reports == 1 else "reports"
        words = f"corroborated from {independent_reports} other {plural}"
        return words + (" (and by claims from its own report)" if same_report else "")
    if same_report:
        return "only claims from the same report agree: not independent"
    return "no other claim backs it"


# The summary that opens a text page.
SUMMARY_TITLE = "What we know — and how"
SUMMARY_EVENTS = "Key events"
SUMMARY_SOURCING = "Sourcing"
SUMMARY_CONTESTED = "Disputed or denied"
SUMMARY_NOTHING_CONTESTED = "No claim of this text is disputed or denied."
SUMMARY_NO_CLAIMS = "This text has no annotated claims."
ABOUT_TEXT = "About this text"


def events_span(count: int, first: str, last: str) -> str:
    """'20 events, from 27 Nov to 13 Dec' (the list opens on demand)."""
    return (
        f"{count} events, from {first} to {last}" if first != last else f"{count} events, {first}"
    )


ABOUT_DETAILS = "provenance and registration"


def _share(part: int, whole: int) -> str:
    return f"{part} ({round(100 * part / whole)} %)"


def sourcing_label(claims: int, anonymous: int, no_source: int, named: int, corr: int) -> str:
    """'Of 4 claims, 3 (75 %) rest on anonymous sources only, ...; 1 is corroborated ...'."""
    plural = "claim" if claims == 1 else "claims"
    return (
        f"Of {claims} {plural}, {_share(anonymous, claims)} "
        f"{'rests' if anonymous == 1 else 'rest'} on anonymous sources only, "
        f"{_share(no_source, claims)} on no source given in the text and "
        f"{_share(named, claims)} on named sources; {corroborated_label(corr)}."
    )


def corroborated_label(count: int) -> str:
    if count == 0:
        return "none is corroborated from another report"
    return f"{count} {'is' if count == 1 else 'are'} corroborated from another report"


# --- actor pages and the actors index (templates/actor.md.j2, actors_index.md.j2) ---------
INFOBOX_NAME = "At a glance"
INFOBOX_KIND = "Kind"
INFOBOX_ROLE = "Role at the time"
INFOBOX_RELATIONS = "Relations"
INFOBOX_ALIASES = "Also called in the texts"
INFOBOX_INVOLVEMENT = "In the texts"
MENTIONS_SHOW = "Show the passages"
ACTORS_INDEX_ORDER = "Most involved first: by mentions, claims and events together."


def plural(count: int, one: str, many: str) -> str:
    """'1 mention', '29 mentions'."""
    return f"{count} {one if count == 1 else many}"


def claims_group_heading(status: str, count: int) -> str:
    """The heading over an actor's claims of one status: 'Disputed (2)'."""
    return f"{STATUS[status].capitalize()} ({count})"


# --- the site-wide summary on the home page (templates/site_summary.md.j2) ----------------
SITE_SUMMARY_NO_CLAIMS = "No text has annotated claims yet."
SITE_SUMMARY_NOTHING_CONTESTED = "No claim in any text is disputed or denied."


def site_sourcing_prefix(texts: int) -> str:
    """'Across the 2 texts:' before the figures of the site-wide summary."""
    return "In the one text:" if texts == 1 else f"Across the {texts} texts:"


# --- open-data exports (builder/exports/) ------------------------------------------------

LANGUAGE = "en"  # the language of every word above, and of the editors' notes
ANNOTATIONS_LABEL = "Annotations of the texts: claims, context, text notes and mentions"
EXPORT_STATUS = "Status"
CARD_SOURCE = "Source"
PROBABLE_READING = "Probable reading"
TIMELINE_WORDING = "In the text’s words"
TIMELINE_TOLD_IN = "Told in"
TIMELINE_DATE_OF = "date in"


# --- reading in place (docs/assets/explainer.js) ----------------------------------------

# The note that opens beside its passage (a popover; a bottom sheet on phones).
NOTE_DIALOG = "Note on this passage"
NOTE_CLOSE = "Close the note"
# The layer switches above a text: what each layer of marks is called.
LAYERS_LEGEND = "Show in the text"
LAYERS: Mapping[str, str] = {
    "claim": "claims",
    "context": "context",
    "text_note": "text notes",
    "mention": "links to actors",
    "date": "dates",
}
# The preview card of an actor link.
PREVIEW_CARD = "Preview of the actor's profile"


def preview_counts(claims_by: int, claims_about: int, texts: int) -> str:
    """The last line of an actor's preview card: how much the texts say from and about
    them ('4 claims from them, 2 about them · named in 2 texts')."""
    claims = plural(claims_by or claims_about, "claim", "claims")
    if claims_by and claims_about:
        parts = [f"{claims} from them, {claims_about} about them"]
    elif claims_by or claims_about:
        parts = [f"{claims} {'from' if claims_by else 'about'} them"]
    else:
        parts = []
    if texts:
        parts.append(f"named in {plural(texts, 'text', 'texts')}")
    return " · ".join(parts)


# --- the chronology as a timeline (render/timeline.py, templates/_timeline.md.j2) --------

# What a date leaves out, by its precision, when it has no time of day.
TL_NOT_GIVEN: Mapping[str, str] = {
    "day": "time not given",
    "month": "day not given",
    "year": "month not given",
}
TL_LOCAL = "local time"
TL_HOUR_ONLY = "hour only"
TL_BETWEEN = "between {start} and {end}"
TL_WHO = "Who says so"
TL_NO_CLAIM = "the text itself (no claim is marked on this passage)"
TL_NO_STATUS = "no claim marked"
TL_TOLD_IN = "told in"
TL_ALSO = "also"
TL_DETAILS = "Passage, full date and notes"
TL_DETAILS_MANY = "Passages, full dates and notes"
TL_DATE_IN_FULL = "Date in full"
TL_WORKED_OUT = "worked out from another event"
TL_ITSELF_DATED = "itself dated"
TL_INVOLVED = "Involved"
TL_IN_WORDS = "The words that date it"
TL_DIFFER = "Accounts differ"
TL_DIFFER_NOTE = (
    "the texts give this event different dates or times; each account is shown with its source"
)
TL_SYMBOL_DIFFER = "≠"
# The filters (docs/assets/chronology.js shows them; without JavaScript every entry is shown).
TL_FILTERS = "Filter the chronology"
TL_FILTER_ACTOR = "Who is involved"
TL_FILTER_ANYONE = "Anyone"
TL_FILTER_TEXT = "Told in"
TL_FILTER_ANY_TEXT = "Any text"
TL_FILTER_WORDS = "Words"
TL_FILTER_WORDS_HINT = "e.g. Moscow"
TL_FILTER_RESET = "Show all"
TL_COUNT = "{shown} of {total} events shown"
TL_COUNT_NONE = "No event matches: change or clear the filters."


def tl_option(name: str, events: int) -> str:
    """A filter choice with how many events it keeps: 'Russia (3 events)'."""
    return f"{name} ({events} {'event' if events == 1 else 'events'})"
