"""What opens a text page: "What we know — and how", computed from the model.

The key events are the text's accounts in the chronology's order; the sourcing counts
claims by what their attribution rests on (anonymous only, no source given, named);
the contested claims are those whose derived standing is disputed or denied, with the
claims that contradict them (builder/core/sourcing.py decides which is which). Nothing
here is new data: a page whose text, standings and events are unchanged has the same
summary, so builder/render/reuse.py's text inputs cover it.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.core.index import LinkedClaim, ProjectIndex
from builder.core.model import Account, Claim, Event, SourceText

# More events than this fold into a one-line summary ("20 events, 27 Nov to 13 Dec") whose
# list opens on demand, so that the text still starts near the first screen on a phone.
EVENTS_LISTED = 5


@dataclass(frozen=True, kw_only=True)
class KeyEvent:
    event: Event
    account: Account
    paragraph: int  # where the text first tells it


@dataclass(frozen=True, kw_only=True)
class Contested:
    claim: Claim
    against: tuple[LinkedClaim, ...]  # the denials first, then the disputes


@dataclass(frozen=True, kw_only=True)
class TextSummary:
    events: tuple[KeyEvent, ...]
    claims: int
    anonymous: int  # resting on anonymous sources only
    no_source: int  # the text gives no source at all
    named: int
    corroborated: int  # independently corroborated (also when disputed or denied)
    contested: tuple[Contested, ...]

    @property
    def events_folded(self) -> bool:
        return len(self.events) > EVENTS_LISTED


def summarize(text: SourceText, index: ProjectIndex) -> TextSummary:
    claims = [a for a in text.annotations if isinstance(a, Claim)]
    events = tuple(
        KeyEvent(
            event=event,
            account=account,
            paragraph=min((p.paragraph for p in account.passages), default=0),
        )
        for event, account in index.accounts_in(text.slug)
    )
    contested = tuple(
        Contested(claim=c, against=index.linked(c, "denial") + index.linked(c, "dispute"))
        for c in claims
        if c.status in ("disputed", "denied")
    )
    no_source = sum(1 for c in claims if c.attribution.unattributed)
    named = sum(1 for c in claims if c.attribution.named and not c.attribution.unattributed)
    return TextSummary(
        events=events,
        claims=len(claims),
        anonymous=len(claims) - no_source - named,
        no_source=no_source,
        named=named,
        corroborated=sum(1 for c in claims if c.standing.of_kind("independent")),
        contested=contested,
    )
