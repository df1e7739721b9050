"""Figures about claims and flags, per text and for the site (builder/coverage/report.py shows them).

- *by status*: the derived status of each claim (reported, corroborated, disputed, denied);
- *by corroboration*: `independent` when some corroborating claim rests on another report,
  else `same_report` when one rests on the same report, else `none`;
- *anonymous only*: the claim's attribution is not named (and the text does give a
  source), and no corroborating claim (of either kind) has a named attribution;
- *no source given*: the text gives no source at all (`attribution.unattributed`);
- *citation needed*: the `[citation needed]` markers in what the editors wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from builder.core.index import ProjectIndex
from builder.core.model import Claim, Context, Project, SourceText, TextNote
from builder.core.prose import CITATION_NEEDED

STATUSES = ("reported", "corroborated", "disputed", "denied")
Corroboration = Literal["independent", "same_report", "none"]
CORROBORATIONS: tuple[Corroboration, ...] = ("independent", "same_report", "none")


@dataclass(frozen=True, kw_only=True)
class ClaimFigures:
    total: int = 0
    by_status: tuple[tuple[str, int], ...] = tuple((s, 0) for s in STATUSES)
    by_corroboration: tuple[tuple[str, int], ...] = tuple((c, 0) for c in CORROBORATIONS)
    anonymous_only: int = 0
    unattributed: int = 0

    @property
    def anonymous_only_share(self) -> float:
        return round(self.anonymous_only / self.total, 4) if self.total else 0.0

    def __add__(self, other: ClaimFigures) -> ClaimFigures:
        def added(
            a: Sequence[tuple[str, int]], b: Sequence[tuple[str, int]]
        ) -> tuple[tuple[str, int], ...]:
            return tuple((key, x + y) for (key, x), (_, y) in zip(a, b, strict=True))

        return ClaimFigures(
            total=self.total + other.total,
            by_status=added(self.by_status, other.by_status),
            by_corroboration=added(self.by_corroboration, other.by_corroboration),
            anonymous_only=self.anonymous_only + other.anonymous_only,
            unattributed=self.unattributed + other.unattributed,
        )


def corroboration(claim: Claim) -> Corroboration:
    kinds = {link.kind for link in claim.standing.links}
    if "independent" in kinds:
        return "independent"
    return "same_report" if "same_report" in kinds else "none"


def anonymous_only(claim: Claim, index: ProjectIndex) -> bool:
    if claim.attribution.named or claim.attribution.unattributed:
        return False
    backing = index.linked(claim, "independent", "same_report")
    return not any(linked.claim.attribution.named for linked in backing)


def claim_figures(claims: Sequence[Claim], index: ProjectIndex) -> ClaimFigures:
    statuses = [c.status for c in claims]
    kinds = [corroboration(c) for c in claims]
    return ClaimFigures(
        total=len(claims),
        by_status=tuple((s, statuses.count(s)) for s in STATUSES),  # type: ignore[arg-type]
        by_corroboration=tuple((k, kinds.count(k)) for k in CORROBORATIONS),
        anonymous_only=sum(1 for c in claims if anonymous_only(c, index)),
        unattributed=sum(1 for c in claims if c.attribution.unattributed),
    )


def flags(values: Iterable[str | None]) -> int:
    return sum(value.count(CITATION_NEEDED) for value in values if value)


def citation_needed_in_text(text: SourceText, index: ProjectIndex) -> int:
    """Markers in the sidecar: title note, provenance, notes of annotations and accounts."""
    notes: list[str | None] = [text.title_note, text.provenance]
    for annotation in text.annotations:
        if isinstance(annotation, Claim | Context):
            notes.append(annotation.note)
        elif isinstance(annotation, TextNote):
            notes += [annotation.note, annotation.probable_reading]
    notes += [account.note for _, account in index.accounts_in(text.slug)]
    return flags(notes)


def citation_needed_in_registries(project: Project) -> int:
    """Markers in the actor profiles and the source notes."""
    return flags([a.profile for a in project.actors] + [s.note for s in project.sources])
