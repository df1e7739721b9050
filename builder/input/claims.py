"""Rules for what a text is (its metadata) and for claims: references, reports and status.

Each rule is a small function called from builder/input/validate.py. The status rule
asks builder/core/sourcing.py what the links decide and reports a declared `status:`
that says more (or less) than that, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builder.core.diagnostics import Diagnostics, Location
from builder.core.sourcing import (
    ClaimFacts,
    ClaimStatus,
    standings,
    text_report,
    unsupported_reason,
)
from builder.input.load import YamlDocument, YamlPath
from builder.input.refs import Known, RefChecker
from builder.input.schema import Attribution, ClaimIn, Sidecar

if TYPE_CHECKING:
    from builder.input.shape import Checked

OUTLET_KINDS = frozenset({"media", "organisation"})
LINK_FIELDS = ("corroborated_by", "contradicted_by")


def claim_report(claim: ClaimIn, sidecar: Sidecar, slug: str) -> str:
    """The report a claim rests on: its own `report`, else the sidecar's `report`, else
    the sidecar's `source`, else the text itself."""
    return claim.report or sidecar.report or sidecar.source or text_report(slug)


def claims_of(sidecar: Sidecar) -> list[tuple[int, ClaimIn]]:
    return [(i, a) for i, a in enumerate(sidecar.annotations) if isinstance(a, ClaimIn)]


# --- what the text is -------------------------------------------------------------------


def check_text_metadata(
    document: YamlDocument,
    sidecar: Sidecar,
    known: Known,
    refs: RefChecker,
    diagnostics: Diagnostics,
) -> None:
    refs.actor(document, ("author",), sidecar.author, known)
    if refs.actor(document, ("outlet",), sidecar.outlet, known):
        _check_outlet_kind(document, sidecar.outlet, known, diagnostics)
    refs.source(document, ("source",), sidecar.source, known)
    refs.source(document, ("report",), sidecar.report, known)
    _check_translation(document, sidecar, known, refs, diagnostics)
    if sidecar.original_outlet is not None:
        diagnostics.warning(
            document.location(("original_outlet",), key=True),
            "`original_outlet` is deprecated: it does not say which report the claims rest on",
            "run `python -m builder migrate` to replace it with `report:` (the registry source "
            "id of the relayed report, e.g. report: reuters-2024-12-13), or edit it by hand",
            code="deprecated-original-outlet",
        )


def _check_outlet_kind(
    document: YamlDocument, outlet: str | None, known: Known, diagnostics: Diagnostics
) -> None:
    kind = known.actor_kinds.get(outlet or "")
    if kind is not None and kind not in OUTLET_KINDS:
        diagnostics.error(
            document.location(("outlet",)),
            f"the outlet {outlet!r} is a {kind.replace('_', ' ')}, not a media outlet "
            "or organisation",
            "name who published the text (kind media or organisation); use `author:` for "
            "who wrote or said it",
            code="outlet-not-media",
        )


def _check_translation(
    document: YamlDocument,
    sidecar: Sidecar,
    known: Known,
    refs: RefChecker,
    diagnostics: Diagnostics,
) -> None:
    translation = sidecar.translation_of
    if translation is None:
        return
    if sidecar.kind != "translation":
        diagnostics.error(
            document.location(("translation_of",), key=True),
            f"`translation_of` is given but the text's kind is {sidecar.kind}",
            "add kind: translation, or remove translation_of",
            code="translation-without-kind",
        )
    refs.source(document, ("translation_of", "source"), translation.source, known)
    refs.actor(document, ("translation_of", "translator"), translation.translator, known)


# --- one claim's references ---------------------------------------------------------------


def _check_unattributed(
    document: YamlDocument, base: YamlPath, attribution: Attribution, diagnostics: Diagnostics
) -> None:
    """A statement the text gives no source for has no named source, count or speaker:
    showing one would make it look better sourced than the text makes it."""
    if not attribution.unattributed:
        return
    given = [
        field
        for field, value in (
            ("named: true", attribution.named),
            ("count", attribution.count is not None),
            ("actor", attribution.actor is not None),
        )
        if value
    ]
    if given:
        diagnostics.error(
            document.location((*base, "attribution", "unattributed")),
            f"`unattributed: true` contradicts {' and '.join(f'`{g}`' for g in given)}",
            "a statement the text gives no source for has no named source, count or "
            "speaker: remove them, or remove `unattributed: true` if the text does name a source",
            code="unattributed-contradiction",
        )


def check_claim_refs(
    document: YamlDocument,
    base: YamlPath,
    claim: ClaimIn,
    known: Known,
    refs: RefChecker,
    diagnostics: Diagnostics,
) -> None:
    attribution = claim.attribution
    _check_unattributed(document, base, attribution, diagnostics)
    refs.actor(document, (*base, "attribution", "actor"), attribution.actor, known)
    refs.actor(document, (*base, "attribution", "relayed_by"), attribution.relayed_by, known)
    refs.actors(document, (*base, "about"), claim.about, known)
    refs.sources(document, (*base, "sources"), claim.sources, known)
    refs.source(document, (*base, "report"), claim.report, known)
    for field in LINK_FIELDS:
        values: list[str] = getattr(claim, field)
        refs.check_all(
            document, (*base, field), values, known.claims, "claim", "a sidecar as a claim"
        )
        if claim.id in values:
            diagnostics.error(
                document.location((*base, field)),
                f"claim {claim.id!r} lists itself in `{field}`",
                "name another claim",
                code="claim-links-itself",
            )


# --- declared status against the links ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SidecarClaims:
    """What the status rule reads of one sidecar (made once per content of the file)."""

    facts: tuple[ClaimFacts, ...]
    linked: frozenset[str]  # the claims its claims link to
    parties: frozenset[str]  # the actors its claims are about, and their speakers
    # (claim id, declared status, its report unless the text itself, where `status:` is)
    declared: tuple[tuple[str, ClaimStatus, str | None, Location], ...]


def sidecar_claims(slug: str, checked: Checked[Sidecar]) -> SidecarClaims:
    sidecar = checked.model
    claims = claims_of(sidecar)
    return SidecarClaims(
        facts=tuple(
            ClaimFacts(
                id=claim.id,
                report=claim_report(claim, sidecar, slug),
                about=frozenset(claim.about),
                speaker=claim.attribution.actor,
                corroborated_by=tuple(claim.corroborated_by),
                contradicted_by=tuple(claim.contradicted_by),
            )
            for _, claim in claims
        ),
        linked=frozenset(
            c for _, claim in claims for c in (*claim.corroborated_by, *claim.contradicted_by)
        ),
        parties=frozenset(
            a
            for _, claim in claims
            for a in (*claim.about, *filter(None, [claim.attribution.actor]))
        ),
        declared=tuple(
            (
                claim.id,
                claim.status,
                claim.report or sidecar.report or sidecar.source,
                checked.document.location(checked.at("annotations", i, "status")),
            )
            for i, claim in claims
            if claim.status is not None
        ),
    )


def _all_known(parts: Sequence[SidecarClaims], known: Known) -> bool:
    """True when every link, speaker and `about` of every claim is known."""
    claims, actors = known.claims, known.actors
    if claims is None:
        return False  # a sidecar could not be read: its claims may be the ones linked
    for part in parts:
        if not all(c in claims for c in part.linked):
            return False
        if actors is not None and not all(a in actors for a in part.parties):
            return False
    return True


def check_declared_statuses(
    parts: Sequence[SidecarClaims],
    known: Known,
    diagnostics: Diagnostics,
    *,
    complete: bool,
) -> None:
    """A declared `status:` must be the one the links decide (builder/core/sourcing.py).

    Not checked while entries (claims, actors) were dropped for shape errors (`complete`
    false) or a link names an unknown claim: links are read both ways, so every claim's
    standing may depend on them, and the errors would only follow from those reported.
    Nor when the report of the claim is unknown: that error is reported already, and the
    status error it would cause would only repeat it."""
    if not complete or not _all_known(parts, known):
        return
    derived = standings([fact for part in parts for fact in part.facts], known.speaks_for)
    for part in parts:
        for claim_id, status, report, location in part.declared:
            if known.sources is not None and report is not None and report not in known.sources:
                continue
            problem = unsupported_reason(status, derived[claim_id])
            if problem is not None:
                message, hint = problem
                diagnostics.error(location, message, hint, code="status-not-supported")
