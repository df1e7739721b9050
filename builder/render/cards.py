"""A claim's note card and the short links around it, made in Python.

These were Jinja macros. A page at 1,000 texts calls them tens of thousands of times, and
a macro call costs Jinja a frame, a context and an escape of every piece, which made them
a third of the render (`make bench`). They are still called from the templates, by the
same names and with the same arguments, and they print exactly what the macros printed
(the golden pages say so).

The escaping is the templates': every value goes through `md_escape`, as the
environment's `finalize` hook would put it, unless it is already `Markup`; literal
Markdown is written here as the templates wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from builder.core.dates import When
from builder.core.edtf import edtf
from builder.core.index import ProjectIndex
from builder.core.model import (
    Anchor,
    Annotation,
    Attribution,
    Claim,
    Context,
    Event,
    Project,
    Source,
)
from builder.core.sourcing import LinkKind
from builder.render import labels
from builder.render.escape import citation_needed, ident, md_escape, prose
from builder.render.inline import status_tag
from builder.render.routes import (
    SOURCES,
    actor_page,
    event_anchor,
    link_target,
    relative,
    text_page,
)
from builder.render.timeline import AccountView, when_words

# What the templates call by name (pages.environment puts them in the globals).
__all__ = [
    "actor_link",
    "attribution",
    "by_status",
    "claim_card",
    "claim_item",
    "claim_link",
    "claim_sources",
    "footnote",
    "linked_line",
    "report_text_slug",
    "short_source",
    "short_sources",
    "status_badge",
    "status_tag_key",
    "timeline_sourcing",
    "timeline_who",
    "when_chip",
    "where_from",
    "who_says",
]

_LINK_KINDS: tuple[LinkKind, ...] = ("independent", "same_report", "denial", "dispute")
_CARD_LINE = "\n    - "  # a list item indented under the footnote's first line


def actor_link(page: str, actor_id: str, project: Project) -> Markup:
    actor = project.actor[actor_id]
    target = relative(page, actor_page(actor.id)) or "#title"
    return Markup(f"[{md_escape(actor.name)}]({md_escape(target)})")


def claim_link(page: str, claim: Claim) -> Markup:
    words = md_escape(claim.summary or claim.anchor.quote)
    target = relative(page, text_page(claim.anchor.text_slug), f"ann-{ident(claim.id)}")
    return Markup(f"[“{words}”]({target})")


def where_from(page: str, anchor: Anchor, project: Project) -> Markup:
    title = md_escape(project.text[anchor.text_slug].title)
    target = relative(page, text_page(anchor.text_slug), f"p-{anchor.paragraph}")
    return Markup(f"[{title}, ¶{md_escape(anchor.paragraph)}]({target})")


def status_badge(claim: Claim) -> Markup:
    badge = (
        f'<span class="status status-{ident(claim.status)}">'
        f"{md_escape(labels.STATUS[claim.status])}</span>"
    )
    if claim.standing.also_corroborated:
        corroborated = md_escape(labels.ALSO_CORROBORATED)
        badge += f' · <span class="status status-corroborated">{corroborated}</span>'
    return Markup(badge)


def _said_by(page: str, said: Attribution, project: Project) -> str:
    """Who, named or anonymous or no source given, and how many."""
    parts: list[str] = [md_escape(said.by)]
    if said.actor_id and project.actor[said.actor_id].name != said.by:
        parts.append(f" ({actor_link(page, said.actor_id, project)})")
    if said.unattributed:
        parts.append(f" · {md_escape(labels.NO_SOURCE_GIVEN)}")
    elif said.count.kind == "one_named":
        parts.append(f" · {md_escape(labels.ONE_NAMED_SOURCE)}")
    else:
        named = labels.NAMED_SOURCE if said.named else labels.ANONYMOUS
        parts.append(f" · {md_escape(named)} · {md_escape(labels.count_label(said.count))}")
    return "".join(parts)


def attribution(page: str, claim: Claim, project: Project) -> Markup:
    said = claim.attribution
    line = f"**Who says so:** {_said_by(page, said, project)}"
    if said.relayed_by:
        line += f" · **Relayed by:** {actor_link(page, said.relayed_by, project)}"
    return Markup(line)


def who_says(page: str, claim: Claim, project: Project) -> Markup:
    """Who says so, in one line: named or anonymous or no source given, how many, via
    which outlet."""
    said = claim.attribution
    line = _said_by(page, said, project)
    if said.relayed_by:
        via = actor_link(page, said.relayed_by, project)
        line += f" · {md_escape(labels.CARD_VIA)} {via}"
    return Markup(line)


def claim_item(page: str, claim: Claim, project: Project) -> Markup:
    """A claim in an actor page's lists: the quote and its status, then who says so and
    where, on a line of their own (docs/assets/actors.css)."""
    return Markup(
        f"{claim_link(page, claim)} {status_badge(claim)} "
        f'<span class="actor-claim-meta">{attribution(page, claim, project)} — '
        f"{where_from(page, claim.anchor, project)}</span>"
    )


def short_sources(page: str, source_ids: Iterable[str], project: Project) -> Markup:
    """Sources as short labels linking to their entries on the sources page."""
    return Markup(
        "; ".join(
            f"[{md_escape(short_source(project.source[sid]))}]"
            f"({relative(page, SOURCES, f'src-{ident(sid)}')})"
            for sid in source_ids
        )
    )


def claim_sources(page: str, claim: Claim, project: Project, index: ProjectIndex) -> Markup:
    """A claim's sources, short: the report it rests on first, then any other."""
    report = claim.report_id
    slug = report_text_slug(report)
    if slug:
        target = relative(page, text_page(slug)) or "#title"
        first = f"[{md_escape(project.text[slug].title)}]({md_escape(target)})"
    else:
        first = short_sources(page, [report], project)
    line = f"{first} ({md_escape(labels.CARD_RESTS_ON)})"
    others = [sid for sid in claim.source_ids if sid != report]
    if others:
        line += f"; {short_sources(page, others, project)}"
    return Markup(line)


def linked_line(page: str, claim: Claim, kind: LinkKind, index: ProjectIndex) -> Markup:
    """The claims linked to `claim` as `kind`, each with who says so if it contradicts."""
    project = index.project
    links: list[str] = []
    for other in index.linked(claim, kind):
        # A str, not Markup: Markup's `+` would escape what is added to it once more.
        link = f"{claim_link(page, other.claim)}"
        if kind in ("denial", "dispute"):
            link += f" — {md_escape(other.claim.attribution.by)}"
        slug = other.claim.anchor.text_slug
        if slug != claim.anchor.text_slug:
            link += f" ({md_escape(labels.CARD_IN)} {md_escape(project.text[slug].title)})"
        links.append(link)
    return Markup("; ".join(links))


def claim_card(page: str, claim: Claim, project: Project, index: ProjectIndex) -> Markup:
    """A claim's note as a card: status first, then who says so, independence, the linked
    claims, the editors' note and the sources, short. Valid footnote content: each line is
    a list item indented under the footnote's first line."""
    standing = claim.standing
    # Jinja's `unique`, which the template used, ignores case.
    reports = len({str(link.report).lower() for link in standing.of_kind("independent")})
    independence = labels.independence_label(reports, len(standing.of_kind("same_report")))
    lines = [
        f"{status_tag(status_tag_key(claim), False)} **{md_escape(labels.CARD_CLAIM)}**\n",
        f"**{md_escape(labels.CARD_WHO)}:** {who_says(page, claim, project)}",
        f"**{md_escape(labels.CARD_INDEPENDENCE)}:** {md_escape(independence)}",
    ]
    for kind in _LINK_KINDS:
        if index.linked(claim, kind):
            line = linked_line(page, claim, kind, index)
            lines.append(f"**{md_escape(labels.LINK_KIND[kind])}:** {line}")
    if claim.note:
        lines.append(f"**{md_escape(labels.CARD_NOTE)}:** {_prose(page, claim.note, project)}")
    lines.append(
        f"**{md_escape(labels.CARD_SOURCES)}:** {claim_sources(page, claim, project, index)}"
    )
    return Markup(_CARD_LINE.join(lines))


def footnote(page: str, annotation: Annotation, project: Project, index: ProjectIndex) -> Markup:
    """The footnote of an annotation on its text's page."""
    if isinstance(annotation, Claim):
        return claim_card(page, annotation, project, index)
    note = _prose(page, annotation.note, project)
    if isinstance(annotation, Context):
        line = f"**{md_escape(labels.CARD_CONTEXT)}.** {note}"
        if annotation.source_ids:
            sources = short_sources(page, annotation.source_ids, project)
            return Markup(f"{line} · **{md_escape(labels.CARD_SOURCES)}:** {sources}")
        return Markup(f"{line} {citation_needed()}")
    line = f"**Text note ({md_escape(annotation.problem.replace('_', ' '))}).** {note}"
    if annotation.probable_reading:
        reading = _prose(page, annotation.probable_reading, project)
        line += f" · **Probable reading:** “{reading}”"
    return Markup(line)


def by_status(claims: Iterable[Claim]) -> list[tuple[str, list[Claim]]]:
    """Claims grouped by status, in the order of labels.STATUS; no empty group."""
    groups: dict[str, list[Claim]] = {status: [] for status in labels.STATUS}
    for claim in claims:
        groups[claim.status].append(claim)
    return [(status, group) for status, group in groups.items() if group]


def status_tag_key(claim: Claim) -> str:
    """What the inline tag after a claim says (builder/render/inline.py): its status, and
    `also_corroborated` or `same_report` when that matters."""
    standing = claim.standing
    if standing.also_corroborated:
        return f"{claim.status} also_corroborated"
    if claim.status == "reported" and standing.of_kind("same_report"):
        return "reported same_report"
    return claim.status


def short_source(source: Source) -> str:
    """A source's short label in a note: its publisher and date when it has a publisher,
    else its title cut at a word after about 40 characters (the sources page has it all)."""
    if source.publisher:
        return f"{source.publisher}, {source.date}" if source.date else source.publisher
    title = source.title
    if len(title) <= 48:
        return title
    cut = title[:40]
    return (cut[: cut.rindex(" ")] if " " in cut else cut).rstrip(" ,;:") + "…"


def report_text_slug(report_id: str) -> str | None:
    """The slug of the text a claim rests on when its report is the text itself."""
    return report_id[5:] if report_id.startswith("text:") else None


# --- the chronology's lines (templates/_timeline.md.j2), one of each per account ---------


def when_chip(when: When, day_shown: bool) -> Markup:
    """A date as plain words in `<time datetime>` or, for a range or a qualified date, the
    EDTF `<data value>` (builder/core/edtf.py)."""
    words = md_escape(when_words(when, day_shown))
    if when.qualifier is None and when.part_of_day is None:
        return Markup(f'<time datetime="{md_escape(when.iso())}">{words}</time>')
    return Markup(f'<data class="when" value="{md_escape(edtf(when))}">{words}</data>')


def timeline_who(page: str, account: AccountView, project: Project) -> Markup:
    """Who says so: one line, each distinct speaker once."""
    speakers = "; ".join(str(who_says(page, claim, project)) for claim in account.speakers)
    return Markup(
        f'<p class="tl-who" markdown="span">**{md_escape(labels.TL_WHO)}:** '
        f"{speakers or md_escape(labels.TL_NO_CLAIM)}</p>"
    )


def timeline_sourcing(page: str, event: Event, account: AccountView, project: Project) -> Markup:
    """One line of sourcing: the status of the claims marked on it (each status once,
    linked to its claim), the paragraphs that tell it, and any source besides the text."""
    text = text_page(account.text.slug)
    statuses = "".join(
        f"[{status_tag(status_tag_key(claim), False)}]"
        f"({relative(page, text, f'ann-{ident(claim.id)}')}) · "
        for claim in account.statuses
    )
    title = f"{md_escape(account.text.title)}, "
    told = ", ".join(
        f"[{title if number == 0 else ''}¶{md_escape(paragraph)}]"
        f"({relative(page, text, event_anchor(event, passage))})"
        for number, (paragraph, passage) in enumerate(account.paragraphs)
    )
    line = f"{statuses}{md_escape(labels.TL_TOLD_IN)} {told}"
    if account.other_source_ids:
        also = short_sources(page, account.other_source_ids, project)
        line += f" · {md_escape(labels.TL_ALSO)} {also}"
    return Markup(f'<p class="tl-sourcing" markdown="span">{line}</p>')


def _prose(page: str, value: str, project: Project) -> Markup:
    """`{{ value | prose }}` in a template (pages._prose_filter)."""
    return prose(value, lambda reference: link_target(project, page, reference))
