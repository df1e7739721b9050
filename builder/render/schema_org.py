"""schema.org JSON-LD for the generated pages: what each page holds, for machines.

- a text page: the text (`NewsArticle`, `SocialMediaPosting`, `Article` or `CreativeWork`
  by its kind) and each of its claims (`Claim`, pending in schema.org), with `appearance`
  (the text) and `author` (the attributed actor, only when the text names them);
- an actor page: `Person`, `Organization`, `GovernmentOrganization`,
  `NewsMediaOrganization` or `Place` by the actor's kind;
- the chronology: one `Event` per event.

Dates keep their honest precision: `startDate` / `datePublished` only for a whole day
(or a minute in a known time zone) that no qualifier ("before", "about") or
disagreement between accounts weakens; otherwise the date is only in words, in
`description`. Nothing is filled in that the model does not hold.

Identifiers: with `site_url` set, every `@id` is absolute (`site_url` + the page's URL
+ `#fragment`). Without it, `@id`s are relative IRI references (`#ann-ID` on the page
itself, `../../actors/ID/#title` for another page), which JSON-LD resolves against the
address of the page that holds them, so they are right wherever the site is served,
from disk included. Fragments are the page's own HTML ids.

The JSON is ASCII (every other character as `\\uXXXX`, so U+2028/U+2029 too) with `<`,
`>` and `&` escaped, so no contributor text can end the `<script>` element it is printed
in (overrides/main.html). The `@context` is inline (`@vocab`), so reading it fetches
nothing.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from builder.core.date_words import derivation_phrase
from builder.core.dates import When
from builder.core.model import Actor, Attribution, Claim, Event, Project, SourceText
from builder.render import labels
from builder.render.routes import CHRONOLOGY, SOURCES, actor_page, event_anchor, text_page

CONTEXT = {"@vocab": "https://schema.org/"}
Node = dict[str, Any]

TEXT_TYPE = {
    "news_report": "NewsArticle",
    "social_media_post": "SocialMediaPosting",
    "other": "CreativeWork",
}  # any other kind of text: "Article"
ACTOR_TYPE = {
    "person": "Person",
    "organisation": "Organization",
    "armed_group": "Organization",
    "media": "NewsMediaOrganization",
    "state": "GovernmentOrganization",
    "government_body": "GovernmentOrganization",
    "place": "Place",
}
# Only relations with a schema.org property of the same meaning; the rest stay on the page.
RELATION_PROPERTY = {"spouse_of": "spouse", "sibling_of": "sibling", "member_of": "memberOf"}
_PERSON_ONLY = {"spouse", "sibling"}


@dataclass(frozen=True, kw_only=True)
class SiteAddress:
    """Where the site is published (`site_url`, ending in `/`, or None) and MkDocs'
    `use_directory_urls`: what a page's URL is, as MkDocs and Zensical make it."""

    url: str | None = None
    directory_urls: bool = True

    @classmethod
    def of(cls, site_url: str | None, *, directory_urls: bool = True) -> SiteAddress:
        """From mkdocs.yml's values; `site_url` with one `/` at its end, as MkDocs has it."""
        url = site_url.rstrip("/") + "/" if site_url else None
        return cls(url=url, directory_urls=directory_urls)

    def page_url(self, page: str) -> str:
        stem = page.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def iri(self, from_page: str, to_page: str, fragment: str | None = None) -> str:
        """The IRI of `to_page` (or of an element in it) as written on `from_page`."""
        target = self.page_url(to_page)
        if self.url is not None:
            address = self.url + target
        elif to_page == from_page:
            address = ""
        else:
            address = _relative_url(self.page_url(from_page), target)
        return address + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=65536)
def _relative_url(from_url: str, to_url: str) -> str:
    # Asked tens of thousands of times a build with few distinct answers; relpath is slow.
    folder = from_url.rpartition("/")[0] or "."
    path = posixpath.relpath(to_url or ".", folder)
    if to_url == "" or to_url.endswith("/"):
        return "./" if path == "." else f"{path}/"
    return path


def script_json(document: Node) -> str:
    """`document` as JSON that is safe inside `<script type="application/ld+json">`."""
    text = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _document(nodes: list[Node]) -> str:
    if len(nodes) == 1:
        return script_json({"@context": CONTEXT, **nodes[0]})
    return script_json({"@context": CONTEXT, "@graph": nodes})


# --- references to things described on other pages -------------------------------------


def actor_ref(site: SiteAddress, page: str, actor: Actor) -> Node:
    return {
        "@type": ACTOR_TYPE[actor.kind],
        "@id": site.iri(page, actor_page(actor.id), "title"),
        "name": actor.name,
    }


def _text_ref(site: SiteAddress, page: str, text: SourceText) -> Node:
    return {
        "@type": TEXT_TYPE.get(text.kind, "Article"),
        "@id": site.iri(page, text_page(text.slug), "title"),
        "name": text.title,
    }


def _source_ref(site: SiteAddress, page: str, project: Project, source_id: str) -> Node:
    return {
        "@type": "CreativeWork",
        "@id": site.iri(page, SOURCES, f"src-{source_id}"),
        "name": project.source[source_id].title,
    }


def _date_words(when: When) -> str:
    derivation = when.derivation
    if derivation is None:
        return when.label()
    how = f"{derivation_phrase(derivation)} {derivation.base_title}"
    return labels.derived_date(when.label(), how)


def schema_date(when: When) -> str | None:
    """An ISO 8601 Date (a day) or DateTime (a minute with its zone's offset), only when
    the date is that precise and unqualified; None otherwise (then only words say it)."""
    if when.qualifier is not None or when.not_before is not None or when.day is None:
        return None
    moment = when.local()
    if when.precision == "minute" and moment is not None and moment.tzinfo is not None:
        return moment.isoformat(timespec="minutes")
    assert when.month is not None
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"


# --- a text page ------------------------------------------------------------------------


def text_document(site: SiteAddress, page: str, text: SourceText, project: Project) -> str:
    work = _text_node(site, page, text, project)
    claims = [
        _claim_node(site, page, claim, project)
        for claim in text.annotations
        if isinstance(claim, Claim)
    ]
    return _document([work, *claims])


def _text_node(site: SiteAddress, page: str, text: SourceText, project: Project) -> Node:
    claims = sum(isinstance(a, Claim) for a in text.annotations)
    node: Node = {
        **_text_ref(site, page, text),
        "headline": text.title,
        "genre": labels.TEXT_KIND[text.kind],
        "inLanguage": text.language,
        "description": labels.describe_text(text.title, text.kind, text.published, claims),
        "mainEntityOfPage": {"@id": site.iri(page, page)},
    }
    if text.published is not None and len(text.published) == 10:  # a whole day
        node["datePublished"] = text.published
    if text.author_id is not None:
        node["author"] = actor_ref(site, page, project.actor[text.author_id])
    if text.outlet_id is not None:
        node["publisher"] = actor_ref(site, page, project.actor[text.outlet_id])
    elif text.publisher is not None:
        node["publisher"] = text.publisher  # free text: schema.org accepts a name
    if text.url is not None:
        node["url"] = text.url  # where the text itself is published
    if text.translation_of is not None:
        original = text.translation_of
        node["translationOfWork"] = _source_ref(site, page, project, original.source_id)
        if original.translator_id is not None:
            node["translator"] = actor_ref(site, page, project.actor[original.translator_id])
    return node


def _claim_node(site: SiteAddress, page: str, claim: Claim, project: Project) -> Node:
    attribution = claim.attribution
    node: Node = {
        "@type": "Claim",
        "@id": site.iri(page, page, f"ann-{claim.id}"),
        "text": claim.anchor.quote,
        "appearance": {"@id": site.iri(page, page, "title")},
        "description": _sourcing(attribution, claim),
    }
    if claim.summary is not None:
        node["abstract"] = claim.summary
    if attribution.named and attribution.actor_id is not None:
        node["author"] = actor_ref(site, page, project.actor[attribution.actor_id])
    if claim.about:
        node["about"] = [actor_ref(site, page, project.actor[a]) for a in claim.about]
    if not claim.report_id.startswith("text:"):
        node["isBasedOn"] = _source_ref(site, page, project, claim.report_id)
    return node


def _sourcing(attribution: Attribution, claim: Claim) -> str:
    return labels.describe_claim_sourcing(
        attribution.by,
        named=attribution.named,
        unattributed=attribution.unattributed,
        status=claim.status,
    )


# --- an actor page ----------------------------------------------------------------------


def actor_document(site: SiteAddress, page: str, actor: Actor, project: Project) -> str:
    node = actor_ref(site, page, actor)
    node["mainEntityOfPage"] = {"@id": site.iri(page, page)}
    if actor.role is not None:
        node["description"] = actor.role
    if actor.aliases:
        node["alternateName"] = list(actor.aliases)
    for relation in actor.relations:
        key = RELATION_PROPERTY.get(relation.type)
        other = project.actor[relation.actor_id]
        if key is None or (key in _PERSON_ONLY and {actor.kind, other.kind} != {"person"}):
            continue
        node.setdefault(key, []).append(actor_ref(site, page, other))
    return _document([node])


# --- the chronology ---------------------------------------------------------------------


def chronology_document(site: SiteAddress, page: str, project: Project) -> str:
    return _document([_event_node(site, page, event, project) for event in project.events])


def _event_node(site: SiteAddress, page: str, event: Event, project: Project) -> Node:
    node: Node = {
        "@type": "Event",
        "@id": site.iri(page, CHRONOLOGY, event_anchor(event)),
        "name": event.title,
        "description": labels.describe_event_date(
            [(_date_words(a.when), project.text[a.text_slug].title) for a in event.accounts],
            differ=event.accounts_differ,
        ),
    }
    start = None if event.accounts_differ else schema_date(event.when)
    if start is not None:
        node["startDate"] = start
    if event.actor_ids:
        node["about"] = [actor_ref(site, page, project.actor[a]) for a in event.actor_ids]
    tellers = dict.fromkeys(a.text_slug for a in event.accounts)
    node["subjectOf"] = [_text_ref(site, page, project.text[slug]) for slug in tellers]
    return node
