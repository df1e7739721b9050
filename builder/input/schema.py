"""The input format, as pydantic models: the validation edge.

These models check *shape* (fields, types, enums, id syntax). Checks that need
the whole project (do referenced ids exist? is a quote in the text?) live in
validate.py and anchor.py. `Sidecar.model_json_schema()` is the format's JSON
Schema for editors.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from builder.core.ids import MAX_ID_LENGTH, RESERVED_NAMES, SLUG_PATTERN, is_slug
from builder.core.model import CoverageRule
from builder.core.sourcing import ClaimStatus, parse_count

# Entries per file. A file is at most 2 MB (builder/input/load.py); these keep the work of one
# run (anchoring every quote, resolving every date) bounded and far above any real need.
MAX_ANNOTATIONS = 2_000  # per sidecar
MAX_EVENTS = 1_000  # per sidecar
MAX_PASSAGES = 20  # per event
MAX_ACTORS = 2_000  # in actors.yml
MAX_ALIASES = 50  # per actor
MAX_SOURCES = 2_000  # in sources.yml
MAX_REFERENCES = 200  # ids in one list (sources, about, actors, relations...)
MAX_QUOTE_LENGTH = 5_000  # characters in a quote's `exact`
MAX_CONTEXT_LENGTH = 300  # characters in a quote's `prefix` or `suffix`

# Dates, times and offsets: ASCII digits only (`\d` also matches Arabic-Indic and
# other digits), matched in full; the `^...$` is for JSON Schema, which searches.
_PARTIAL_DATE_RE = re.compile(r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$")
_TIME_RE = re.compile(r"^(?:[01][0-9]|2[0-3])(?::[0-5][0-9])?$")
# Parts of the day (builder/core/dates.py PART_OF_DAY_HOURS), written as words.
PARTS_OF_DAY = ("early morning", "morning", "afternoon", "evening", "night")
_TIME_OR_PART_RE = re.compile(f"^(?:{_TIME_RE.pattern[1:-1]}|{'|'.join(PARTS_OF_DAY)})$")
_OFFSET_RE = re.compile(r"^[+-]?[0-9]{1,4}\s+(?:day|days|hour|hours)$")
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# Host, optional port, then any characters but spaces, controls and those that would end
# an HTML attribute or a Markdown link. Matched in full: `$` would accept a final newline.
_URL_RE = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>\"'`\\\x00-\x1f\x7f-\x9f]*)?")


def _slug(value: str) -> str:
    if not is_slug(value):
        raise PydanticCustomError(
            "slug",
            "'{value}' is not a valid id",
            {"value": value},
        )
    return value


def _page_id(value: str) -> str:
    # An actor gets the page actors/<id>.md: `index` would replace the list of actors.
    if value in RESERVED_NAMES:
        raise PydanticCustomError(
            "reserved_id",
            "'{value}' is reserved: the site uses it for a page of its own",
            {"value": value},
        )
    return value


def _stringify_scalar(value: object) -> object:
    # `date: 2024` arrives as an int; the contributor meant the year.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _partial_date(value: str) -> str:
    if not _PARTIAL_DATE_RE.fullmatch(value):
        raise PydanticCustomError("partial_date", "'{value}' is not a date", {"value": value})
    return value


def _clock_time(value: str) -> str:
    if _TIME_RE.fullmatch(value) or value in PARTS_OF_DAY:
        return value
    close = difflib.get_close_matches(value.lower(), PARTS_OF_DAY, n=1) if len(value) < 40 else []
    guess = f" (did you mean {close[0]!r}?)" if close else ""
    raise PydanticCustomError(
        "clock_time",
        "'{value}' is not a clock time or a part of the day{guess}",
        {"value": value, "guess": guess},
    )


def _offset(value: str) -> str:
    if not _OFFSET_RE.fullmatch(value.strip()):
        raise PydanticCustomError("offset", "'{value}' is not an offset", {"value": value})
    return value.strip()


def _count(value: str) -> str:
    if parse_count(value) is None:
        raise PydanticCustomError("count", "'{value}' is not a count of sources", {"value": value})
    return value.strip()


def _https_url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise PydanticCustomError("https_url", "'{value}' is not an https URL", {"value": value})
    return value


def _language(value: str) -> str:
    if not _LANGUAGE_RE.fullmatch(value):
        raise PydanticCustomError("language", "'{value}' is not a language code", {"value": value})
    return value


Slug = Annotated[str, AfterValidator(_slug), Field(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]
PageId = Annotated[
    Slug,
    AfterValidator(_page_id),
    Field(json_schema_extra={"not": {"enum": sorted(RESERVED_NAMES)}}),
]
Refs = Annotated[list[Slug], Field(max_length=MAX_REFERENCES)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
PartialDate = Annotated[
    str,
    BeforeValidator(_stringify_scalar, json_schema_input_type=str | int),
    AfterValidator(_partial_date),
    Field(pattern=_PARTIAL_DATE_RE.pattern, examples=["2024-12-07", "2024-12", "2024"]),
]
ClockTime = Annotated[
    str,
    BeforeValidator(_stringify_scalar, json_schema_input_type=str | int),
    AfterValidator(_clock_time),
    Field(pattern=_TIME_OR_PART_RE.pattern, examples=["21:30", "21", "evening"]),
]
Offset = Annotated[str, AfterValidator(_offset), Field(examples=["4 days", "-1 day", "3 hours"])]
SourceCount = Annotated[
    str,
    BeforeValidator(_stringify_scalar, json_schema_input_type=str | int),
    StringConstraints(max_length=300),
    AfterValidator(_count),
    Field(examples=["3", "three", "more than 10", "about 30", "3 + 1"]),
]
HttpsUrl = Annotated[str, AfterValidator(_https_url), Field(pattern=r"^https://")]
Language = Annotated[str, AfterValidator(_language), Field(pattern=f"^{_LANGUAGE_RE.pattern}$")]
# Quotes keep their exact characters: no stripping, since spaces may be significant.
QuoteText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE_LENGTH)]
QuoteContext = Annotated[str, StringConstraints(max_length=MAX_CONTEXT_LENGTH)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @model_validator(mode="after")
    def _share_fields_set(self) -> Strict:
        # Pydantic gives every instance its own set of the fields it was given: 25 MB of
        # sets at 1,000 texts for a handful of distinct values. The models are frozen, so
        # one shared frozenset per distinct value serves all of them.
        given = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(given, given))
        return self


# Distinct sets of given fields (frozensets), shared by every model that has one.
_FIELDS_SETS: dict[frozenset[str], frozenset[str]] = {}


class QuoteSelector(Strict):
    """W3C Web Annotation TextQuoteSelector: exact text plus optional context."""

    exact: QuoteText
    prefix: QuoteContext = ""
    suffix: QuoteContext = ""


def _short_quote(value: object) -> object:
    # `quote: some words` is shorthand for `quote: {exact: some words}`.
    return {"exact": value} if isinstance(value, str) else value


Quote = Annotated[
    QuoteSelector, BeforeValidator(_short_quote, json_schema_input_type=QuoteText | QuoteSelector)
]


class Attribution(Strict):
    by: ShortText = Field(description="Who asserts it, in the text's words.")
    actor: Slug | None = Field(None, description="Registry actor id of the asserting party.")
    named: bool = Field(description="True when the text names the source.")
    unattributed: bool = Field(
        False,
        description="True when the text gives no source at all for the statement "
        "(shown as 'no source given'); then named is false and there is no count.",
    )
    count: SourceCount | None = Field(
        None,
        description='How many sources, as stated: 3, "three", "more than 10", "at least 2", '
        '"about 30", "3 + 1". Left out: not stated (one named source for a named person).',
    )
    relayed_by: Slug | None = Field(None, description="Actor id of the outlet relaying it.")


TextProblem = Literal["translation_slip", "typo", "ambiguity", "spelling"]


class AnnotationBase(Strict):
    id: Slug
    quote: Quote
    note: Text | None = None


class ClaimIn(AnnotationBase):
    kind: Literal["claim"]
    summary: ShortText | None = None
    attribution: Attribution
    report: Slug | None = Field(
        None,
        description="Registry source id of the report the claim rests on; default: the "
        "sidecar's `report`, else its `source`, else the text itself.",
    )
    status: ClaimStatus | None = Field(
        None, description="Optional: derived from the links; if given, it must match."
    )
    corroborated_by: Refs = []
    contradicted_by: Refs = []
    about: Refs = []
    sources: Refs = Field(min_length=1)


class ContextIn(AnnotationBase):
    kind: Literal["context"]
    note: Text
    sources: Refs = []


class TextNoteIn(AnnotationBase):
    kind: Literal["text_note"]
    problem: TextProblem
    note: Text
    probable_reading: Text | None = None


class MentionIn(AnnotationBase):
    kind: Literal["mention"]
    actor: Slug


AnnotationIn = Annotated[ClaimIn | ContextIn | TextNoteIn | MentionIn, Field(discriminator="kind")]

Qualifier = Literal["about", "before", "after", "by"]


class DerivedFrom(Strict):
    event: Slug
    offset: Offset | None = None


class EventIn(Strict):
    """An entry of `events:`. With `id` and `title` it declares an event (and is this
    text's account of it); with `account_of` it is this text's account of an event
    declared elsewhere: its own date, passages, sources, wording and note, no title or
    actors."""

    # One model, not a union of two: which fields go with which is checked in
    # builder/input/event_dates.py, so each mix-up gets one located error (and a
    # misspelt `account_of` a did-you-mean) rather than a union's worth of them.

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["id", "title"], "not": {"required": ["account_of"]}},
                {
                    "required": ["account_of"],
                    "allOf": [{"not": {"required": [key]}} for key in ("id", "title", "actors")],
                },
            ]
        }
    )

    id: Slug | None = Field(None, description="Declares the event (once, in any sidecar).")
    account_of: Slug | None = Field(
        None,
        description="The id of an event declared elsewhere that this entry gives an account of.",
    )
    title: ShortText | None = None
    date: PartialDate | None = None
    time: ClockTime | None = None
    timezone: ShortText | None = None
    # Which of two equal clock times on the day clocks go back (see event_dates.py).
    fold: Literal["earlier", "later"] | None = None
    qualifier: Qualifier | None = None
    not_before: PartialDate | None = Field(
        None,
        description='With qualifier: by, the earliest day the text allows, "YYYY-MM-DD": '
        "shown as between that day and the date.",
    )
    derived_from: DerivedFrom | None = None
    wording: ShortText | None = None
    actors: Refs = []
    sources: Refs = Field(min_length=1)
    passages: list[Quote] = Field(min_length=1, max_length=MAX_PASSAGES)
    note: Text | None = None

    @property
    def event_id(self) -> str:
        """The id of the event this entry declares or gives an account of."""
        return self.id or self.account_of or ""


TextKind = Literal[
    "news_report",
    "official_statement",
    "interview",
    "transcript",
    "translation",
    "statement",
    "social_media_post",
    "other",
]


class WaiverIn(Strict):
    """An entry of `waivers:`: one coverage rule waived for the passage quoted, with why."""

    rule: CoverageRule = Field(description="The coverage rule waived (see `stats`).")
    quote: Quote
    reason: Text = Field(description="Why the passage needs no annotation of this kind.")


class TranslationOf(Strict):
    source: Slug = Field(description="Registry source id of the original.")
    language: Language | None = Field(None, description="Language of the original.")
    translator: Slug | None = Field(None, description="Actor id of the translator; null: unknown.")


class Sidecar(Strict):
    """`source_texts/<slug>.yml`: one text's metadata, annotations and events."""

    title: ShortText
    title_note: Text | None = None
    kind: TextKind = Field("other", description="What kind of text this is.")
    author: Slug | None = Field(None, description="Actor id of the author or speaker.")
    outlet: Slug | None = Field(None, description="Actor id of who published this text.")
    publisher: ShortText | None = Field(None, description="Who published it, as free text.")
    original_outlet: ShortText | None = Field(
        None, description="Deprecated: use `report:` (a registry source id)."
    )
    translation_of: TranslationOf | None = None
    source: Slug | None = Field(None, description="Registry source id that is this text.")
    report: Slug | None = Field(
        None, description="Registry source id of the report this text's claims rest on."
    )
    published: PartialDate | None = None
    language: Language
    url: HttpsUrl | None = None
    provenance: Text
    # Position among the texts (navigation, texts index); texts without one follow, by title.
    order: int | None = None
    sources: Refs = []
    annotations: list[AnnotationIn] = Field([], max_length=MAX_ANNOTATIONS)
    events: list[EventIn] = Field([], max_length=MAX_EVENTS)
    waivers: list[WaiverIn] = Field([], max_length=MAX_ANNOTATIONS)


ActorKind = Literal[
    "person", "organisation", "state", "armed_group", "media", "place", "government_body"
]
RelationType = Literal[
    "sibling_of",
    "spouse_of",
    "commander_of",
    "leader_of",
    "spokesperson_for",
    "adviser_to",
    "member_of",
    "official_of",
    "part_of",
    "located_in",
]


class RelationIn(Strict):
    type: RelationType
    actor: Slug
    label: ShortText | None = None


class ActorIn(Strict):
    id: PageId
    name: ShortText
    kind: ActorKind
    role: ShortText | None = None
    aliases: list[ShortText] = Field([], max_length=MAX_ALIASES)
    relations: list[RelationIn] = Field([], max_length=MAX_REFERENCES)
    profile: Text | None = None
    sources: Refs = []
    editors_note: Text | None = Field(
        None,
        description="For contributors only, never shown to readers: why an alias or a link "
        "is set up as it is (a misspelling listed as an alias, a passage linked elsewhere).",
    )


class ActorRegistry(Strict):
    """`source_texts/registry/actors.yml`."""

    actors: list[ActorIn] = Field(max_length=MAX_ACTORS)


SourceKind = Literal["news_report", "official_statement", "interview", "translation", "other"]


class SourceIn(Strict):
    id: Slug
    title: ShortText
    publisher: ShortText | None = None
    date: PartialDate | None = None
    kind: SourceKind
    url: HttpsUrl | None = None
    note: Text | None = None


class SourceRegistry(Strict):
    """`source_texts/registry/sources.yml`."""

    sources: list[SourceIn] = Field(max_length=MAX_SOURCES)


# The files contributors write, by the JSON Schema file name that describes each.
SCHEMAS: dict[str, type[BaseModel]] = {
    "sidecar.schema.json": Sidecar,
    "actors.schema.json": ActorRegistry,
    "sources.schema.json": SourceRegistry,
}


def json_schemas() -> dict[str, str]:
    """JSON Schema documents for editors (YAML language server) and check-jsonschema."""
    import json

    out: dict[str, str] = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name,
            **schema,
        }
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out
