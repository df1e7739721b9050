"""axe-core in Chromium: no serious or critical violation on any page type, light or dark.

The site is tests/browser/full_site.py's (the pair fixture dressed as the real site, with the
guide and the identity settings). Nothing is excepted, not even the theme's own markup: the
search dialog is named by overrides/partials/search.html, the footer's contrast is fixed in
docs/assets/layout.css.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page

from tests.browser.full_site import (  # noqa: F401 (fixtures)
    PAGE_TYPES,
    full_page,
    full_site,
    full_site_root,
)

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

# Material picks the palette from the reader's preference (mkdocs.yml: `media:` per scheme).
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}

_AXE_RUN_JS = """async () => {
    const results = await axe.run(document, {resultTypes: ['violations']});
    return results.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({
            target: n.target, html: n.html, summary: n.failureSummary || ''}))}));
}"""


def _report(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']}\n"
        + "\n".join(
            f"    {n['target']}: {n['html'][:140]}\n      "
            + " / ".join(n["summary"].splitlines()[1:3])
            for n in v["nodes"][:8]
        )
        for v in violations
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_serious_axe_violation(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
    axe_script: Path,
    page_type: str,
    scheme: str,
) -> None:
    preference, palette = SCHEMES[scheme]
    page = full_page(color_scheme=preference)
    page.goto(full_site.url(PAGE_TYPES[page_type]))
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == palette, f"the {scheme} preference should show Material's {palette!r}"
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(_AXE_RUN_JS)
    assert not violations, (
        f"axe-core: serious/critical violations on the {page_type} page "
        f"({PAGE_TYPES[page_type]}) in the {scheme} scheme:\n{_report(violations)}"
    )
