"""Every page type, photographed at a desktop and a phone size, in light and dark, into
`test-artifacts/screenshots/` (or `$SCREENSHOTS_DIR`), so a reviewer sees what the run saw.

The site is tests/browser/full_site.py's (the pair fixture dressed as the real site). The
README's screenshot is of the real explainer and is made by `python -m scripts.screenshot`
with the same sizes (scripts/screenshot.py); these are its fixture-site counterparts.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import DESKTOP_VIEWPORT, REPO_ROOT
from tests.browser.full_site import (  # noqa: F401 (fixtures)
    PAGE_TYPES,
    full_page,
    full_site,
    full_site_root,
)

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

SIZES = {
    "desktop": {"viewport": DESKTOP_VIEWPORT},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
}
SCHEMES = ("light", "dark")


def _folder() -> Path:
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or REPO_ROOT / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_is_photographed(
    full_site: Site,  # noqa: F811
    full_page: Callable[..., Page],  # noqa: F811
    page_type: str,
    size: str,
    scheme: str,
) -> None:
    options = dict(SIZES[size])
    page = full_page(color_scheme=scheme, **options)
    page.goto(full_site.url(PAGE_TYPES[page_type]))
    target = _folder() / f"{page_type.replace(' ', '-')}-{size}-{scheme}.png"
    page.screenshot(path=str(target), full_page=True)
    width, height = _png_size(target)
    viewport = options["viewport"]
    assert isinstance(viewport, dict)
    assert width == viewport["width"], "the page is wider than the screen"
    assert height >= viewport["height"]
