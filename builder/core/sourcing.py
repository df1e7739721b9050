"""How we know: counts of sources, the report a claim rests on, and what its links decide.

Pure functions over small frozen records, used twice: by builder/input/claims.py to check
a declared `status:` against the links, and by builder/assemble/project.py to give every
claim its derived standing. Nothing here reads files or knows the input format.

The rules (docs/method.md explains them to readers):
- a corroborating claim is *independent* only when it rests on another report; two claims
  of the same report are *consistent* with each other, never corroboration;
- a contradicting claim is a *denial* when it is made by a party the claim is about (or by
  someone who speaks for, belongs to or leads such a party), else a *dispute*;
- status: denied if any denial, else disputed if any dispute, else corroborated if any
  independent corroboration, else reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

# --- counts --------------------------------------------------------------------------------

CountKind = Literal[
    "exact", "more_than", "at_least", "about", "sum", "vague", "not_stated", "one_named"
]
# Words a text uses for "more than one" without a number: kept as written, never a number.
VAGUE_COUNTS = frozenset(
    {"several", "some", "a few", "few", "many", "numerous", "multiple", "a number of", "dozens"}
)

NUMBER_WORDS: Mapping[str, int] = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"a": 1, "an": 1, "a single": 1}
_QUALIFIERS: Mapping[str, CountKind] = {
    "more than": "more_than",
    "over": "more_than",
    "at least": "at_least",
    "about": "about",
    "around": "about",
}
MAX_COUNT = 1_000_000  # far above any real count; keeps `int()` on short digit strings
_NUMBER_RE = re.compile(r"[0-9]{1,7}")


@dataclass(frozen=True, kw_only=True)
class Count:
    """How many sources an attribution stands for, as the text states it."""

    kind: CountKind
    number: int | None = None  # the total (exact, sum) or the bound (more than, about, ...)
    parts: tuple[int, ...] = ()  # the terms of a sum: "3 + 1" -> (3, 1)
    stated: str | None = None  # the contributor's own wording, when they gave one


NOT_STATED = Count(kind="not_stated")
ONE_NAMED = Count(kind="one_named", number=1)


def _number(word: str) -> int | None:
    word = word.strip()
    if _NUMBER_RE.fullmatch(word):
        value = int(word)
        return value if 0 < value <= MAX_COUNT else None
    named = NUMBER_WORDS.get(word)
    return named if named else None


def parse_count(text: str | int) -> Count | None:
    """`3`, `"three"`, `"more than 10"`, `"about 30"`, `"3 + 1"`, ... or None if not a count."""
    stated = str(text).strip()
    words = " ".join(stated.lower().split())
    if "+" in words:
        parts = [_number(part) for part in words.split("+")]
        if len(parts) < 2 or any(p is None for p in parts):
            return None
        terms = tuple(p for p in parts if p is not None)
        return Count(kind="sum", number=sum(terms), parts=terms, stated=stated)
    for qualifier, kind in _QUALIFIERS.items():
        if words.startswith(qualifier + " "):
            bound = _number(words[len(qualifier) + 1 :])
            return None if bound is None else Count(kind=kind, number=bound, stated=stated)
    if words in VAGUE_COUNTS:
        return Count(kind="vague", stated=stated)
    number = _number(words)
    return None if number is None else Count(kind="exact", number=number, stated=stated)


def attribution_count(stated: str | None, *, named: bool, actor_kind: str | None) -> Count | None:
    """The count of an attribution: the stated one, else one named source for a named
    person speaking for themself, else not stated. None when `stated` is not a count."""
    if stated is not None:
        return parse_count(stated)
    if named and actor_kind == "person":
        return ONE_NAMED
    return NOT_STATED


# --- links and standing ----------------------------------------------------------------------

ClaimStatus = Literal["reported", "corroborated", "disputed", "denied"]
LinkKind = Literal["independent", "same_report", "denial", "dispute"]

# Relations through which a speaker speaks for a party: a minister (official_of) for the
# state, a spokesperson for the organisation, and on up (part_of, leader_of, member_of).
SPEAKS_FOR = frozenset({"official_of", "spokesperson_for", "member_of", "part_of", "leader_of"})


@dataclass(frozen=True, kw_only=True)
class ClaimFacts:
    """What the rules need to know about one claim."""

    id: str
    report: str  # a registry source id, or "text:<slug>" for the text itself
    about: frozenset[str]
    speaker: str | None  # the attribution's actor id
    corroborated_by: tuple[str, ...] = ()
    contradicted_by: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Link:
    """Another claim linked to this one, and what the link means."""

    claim_id: str
    kind: LinkKind
    report: str  # the other claim's report
    speaker: str | None = None  # the other claim's speaker (who denies, for a denial)


@dataclass(frozen=True, kw_only=True)
class Standing:
    status: ClaimStatus
    links: tuple[Link, ...] = ()

    def of_kind(self, kind: LinkKind) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.kind == kind)

    @property
    def also_corroborated(self) -> bool:
        """Disputed or denied, and yet independently corroborated: the site says both."""
        return self.status in ("disputed", "denied") and bool(self.of_kind("independent"))


def text_report(slug: str) -> str:
    """The implicit report of a claim that rests on nothing but its own text."""
    return f"text:{slug}"


def linked_both_ways(
    claims: Iterable[ClaimFacts],
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """For every claim: the ids that corroborate it and that contradict it, in either
    direction of the link (a one-way link is enough), in first-seen order."""
    corroborating: dict[str, dict[str, None]] = {}
    contradicting: dict[str, dict[str, None]] = {}
    listed = list(claims)
    for claim in listed:
        corroborating.setdefault(claim.id, {})
        contradicting.setdefault(claim.id, {})
    for claim in listed:
        for table, others in (
            (corroborating, claim.corroborated_by),
            (contradicting, claim.contradicted_by),
        ):
            for other in others:
                if other == claim.id or other not in table:
                    continue
                table[claim.id][other] = None
                table[other][claim.id] = None
    return {cid: (tuple(corroborating[cid]), tuple(contradicting[cid])) for cid in corroborating}


def parties_spoken_for(actor_id: str, speaks_for: Mapping[str, Iterable[str]]) -> set[str]:
    """`actor_id` and every party it speaks for, following SPEAKS_FOR relations upwards."""
    found = {actor_id}
    todo = [actor_id]
    while todo:
        for party in speaks_for.get(todo.pop(), ()):
            if party not in found:
                found.add(party)
                todo.append(party)
    return found


def link_kind(
    claim: ClaimFacts,
    other: ClaimFacts,
    *,
    contradiction: bool,
    speaks_for: Mapping[str, Iterable[str]],
) -> LinkKind:
    if not contradiction:
        return "same_report" if other.report == claim.report else "independent"
    if other.speaker and parties_spoken_for(other.speaker, speaks_for) & claim.about:
        return "denial"
    return "dispute"


def decide_standing(
    claim: ClaimFacts,
    corroborating: Iterable[ClaimFacts],
    contradicting: Iterable[ClaimFacts],
    speaks_for: Mapping[str, Iterable[str]],
) -> Standing:
    """The derived status of `claim` and the kind of each of its links."""
    links = [
        Link(
            claim_id=other.id,
            kind=link_kind(claim, other, contradiction=contradiction, speaks_for=speaks_for),
            report=other.report,
            speaker=other.speaker,
        )
        for contradiction, others in ((False, corroborating), (True, contradicting))
        for other in others
    ]
    kinds = {link.kind for link in links}
    status: ClaimStatus = (
        "denied"
        if "denial" in kinds
        else "disputed"
        if "dispute" in kinds
        else "corroborated"
        if "independent" in kinds
        else "reported"
    )
    return Standing(status=status, links=tuple(links))


def standings(
    claims: Iterable[ClaimFacts], speaks_for: Mapping[str, Iterable[str]]
) -> dict[str, Standing]:
    """The standing of every claim of a project; links to unknown claims are ignored."""
    by_id = {claim.id: claim for claim in claims}
    linked = linked_both_ways(by_id.values())
    return {
        cid: decide_standing(
            claim,
            [by_id[i] for i in linked[cid][0]],
            [by_id[i] for i in linked[cid][1]],
            speaks_for,
        )
        for cid, claim in by_id.items()
    }


def _ids(links: Iterable[Link]) -> str:
    return ", ".join(repr(link.claim_id) for link in links)


def _report_name(report: str) -> str:
    return f"the text {report[5:]} itself" if report.startswith("text:") else report


def _same_report_reason(same: tuple[Link, ...]) -> str:
    reports = ", ".join(sorted({_report_name(link.report) for link in same}))
    if len(same) == 1:
        return (
            f"status corroborated is not supported: the only corroborating claim, "
            f"{_ids(same)}, rests on the same report ({reports})"
        )
    return (
        f"status corroborated is not supported: the corroborating claims {_ids(same)} "
        f"all rest on the same report ({reports})"
    )


REMOVE_STATUS = "remove `status:`: the builder derives it from the links"


def unsupported_reason(declared: ClaimStatus, standing: Standing) -> tuple[str, str] | None:
    """Why a declared status is not what the links decide, and a hint; None when it is."""
    if declared == standing.status:
        return None
    same = standing.of_kind("same_report")
    denials, disputes = standing.of_kind("denial"), standing.of_kind("dispute")
    derived = standing.status
    if derived == "reported" and declared == "corroborated" and same:
        return (
            _same_report_reason(same),
            f"{REMOVE_STATUS}; a corroboration needs a claim from another report "
            "(give that claim its own `report:`)",
        )
    if derived == "reported":
        wanted = "corroborates" if declared == "corroborated" else "contradicts"
        link = "corroborated_by" if declared == "corroborated" else "contradicted_by"
        return (
            f"status {declared} is not supported: no claim {wanted} it",
            f"{REMOVE_STATUS}, or list the claims in `{link}`",
        )
    if derived == "disputed" and declared == "denied":
        return (
            f"status denied is not supported: {_ids(disputes)} contradicts it, but its "
            "`attribution.actor` is not a party the claim is `about`, so the claim is disputed",
            f"{REMOVE_STATUS}, or name the denying party in the other claim's "
            "`attribution.actor` and this claim's `about`",
        )
    if derived == "denied":
        reason = f"{_ids(denials)} is a denial by a party the claim is about"
    elif derived == "disputed":
        reason = f"{_ids(disputes)} contradicts it"
    else:
        reason = f"{_ids(standing.of_kind('independent'))} corroborates it from another report"
    return f"status {declared} is not supported: {reason}, so it is {derived}", REMOVE_STATUS
