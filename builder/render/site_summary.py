"""The site-wide "What we know — and how", for a hand-written page (the home page).

docs/index.md is written by hand; a line holding only `SITE_SUMMARY_MARKER` is where the
generated summary goes. The MkDocs hook expands it as the page is read
(`on_page_markdown`), and the export (builder/export.py) writes the expanded page in place
of the copy, so plain MkDocs and Zensical show the same summary. A page without the marker
is left as it is; the marker is an HTML comment, so an unexpanded one shows nothing.

The figures are those of the text pages' summaries (builder/render/summary.py), added up
over every text; the events are the chronology's, which gathers every text's accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.core.index import ProjectIndex
from builder.core.index_parts import IndexMemo
from builder.core.model import Event, Project
from builder.render.pages import environment
from builder.render.summary import EVENTS_LISTED, Contested, summarize

SITE_SUMMARY_MARKER = "<!-- explainer: site summary -->"


@dataclass(frozen=True, kw_only=True)
class SiteSummary:
    texts: int
    events: tuple[Event, ...]
    claims: int
    anonymous: int
    no_source: int
    named: int
    corroborated: int
    contested: tuple[Contested, ...]

    @property
    def events_folded(self) -> bool:
        return len(self.events) > EVENTS_LISTED


def summarize_site(project: Project, index: ProjectIndex) -> SiteSummary:
    per_text = [summarize(text, index) for text in project.texts]
    return SiteSummary(
        texts=len(per_text),
        events=tuple(project.events),
        claims=sum(s.claims for s in per_text),
        anonymous=sum(s.anonymous for s in per_text),
        no_source=sum(s.no_source for s in per_text),
        named=sum(s.named for s in per_text),
        corroborated=sum(s.corroborated for s in per_text),
        contested=tuple(c for s in per_text for c in s.contested),
    )


def render_site_summary(project: Project, page: str, index_memo: IndexMemo | None = None) -> str:
    """The summary as Markdown, its links relative to `page` (a path under docs/); with
    the `index_memo` of the build that made `project`, its lookups are not merged again."""
    index = ProjectIndex.build(project, index_memo)
    template = environment().get_template("site_summary.md.j2")
    return template.render(
        page=page, project=project, index=index, s=summarize_site(project, index)
    ).strip()


def expand_site_summary(
    markdown: str, project: Project, page: str, index_memo: IndexMemo | None = None
) -> str:
    """`markdown` with each line that is only the marker replaced by the summary."""
    if SITE_SUMMARY_MARKER not in markdown:
        return markdown
    lines = markdown.split("\n")
    if not any(line.strip() == SITE_SUMMARY_MARKER for line in lines):
        return markdown
    summary = render_site_summary(project, page, index_memo)
    return "\n".join(summary if line.strip() == SITE_SUMMARY_MARKER else line for line in lines)
