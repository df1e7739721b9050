"""The exports' sentences: a claim's sourcing and a source, in the words of the pages
(builder/render/labels.py), as plain text."""

from __future__ import annotations

from builder.core.model import Claim, Project, Source
from builder.render import labels
from builder.render.cards import short_source


def claim_sourcing(project: Project, claim: Claim) -> str:
    """'Who says so: two officials · anonymous · 2 sources, as stated · via Example Wire.
    Status: denied. Sources: Example Wire, 9 Dec 2024 (the report it rests on).'"""
    return (
        f"{labels.CARD_WHO}: {who_says(project, claim)}. "
        f"{labels.EXPORT_STATUS}: {labels.STATUS[claim.status]}. "
        f"{labels.CARD_SOURCES}: {_sources(project, claim)}."
    )


def who_says(project: Project, claim: Claim) -> str:
    """The note card's "Who says so" line, without its links."""
    a = claim.attribution
    parts = [a.by]
    if a.actor_id and project.actor[a.actor_id].name != a.by:
        parts[0] += f" ({project.actor[a.actor_id].name})"
    if a.unattributed:
        parts.append(labels.NO_SOURCE_GIVEN)
    elif a.count.kind == "one_named":
        parts.append(labels.ONE_NAMED_SOURCE)
    else:
        parts += [labels.NAMED_SOURCE if a.named else labels.ANONYMOUS, labels.count_label(a.count)]
    if a.relayed_by:
        parts.append(f"{labels.CARD_VIA} {project.actor[a.relayed_by].name}")
    return " · ".join(parts)


def _sources(project: Project, claim: Claim) -> str:
    if claim.report_id.startswith("text:"):
        rests_on = project.text[claim.report_id[5:]].title
    else:
        rests_on = short_source(project.source[claim.report_id])
    others = [short_source(project.source[s]) for s in claim.source_ids if s != claim.report_id]
    return "; ".join([f"{rests_on} ({labels.CARD_RESTS_ON})", *others])


def source_line(source: Source) -> str:
    """'Source: title, publisher, date', as the registry gives them."""
    parts = [source.title, *(p for p in (source.publisher, source.date) if p)]
    return f"{labels.CARD_SOURCE}: {', '.join(parts)}"
