"""The exported project folder builds with Zensical as it is.

``python -m builder build --out DIR`` writes a whole project (``DIR/docs/``, ``DIR/mkdocs.yml``
without hooks and with the texts in its nav, ``DIR/overrides/``); ``zensical build --strict``
builds ``DIR/mkdocs.yml`` with no edit (a broken link aborts it). The project is the pair
fixture. Zensical 0.0.73 is the newest release installable from PyPI alone: later ones need
``zensical-ui``, which is not published there.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, (
        f"`{' '.join(args)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


def _page(site: Path, stem: str) -> Path:
    for candidate in (site / stem / "index.html", site / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"Zensical built no page for {stem}.md: {sorted(site.rglob('*.html'))}")


def test_export_builds_with_zensical(pair: Path, tmp_path: Path) -> None:
    if importlib.util.find_spec("zensical") is None:
        reason = "zensical is not installed (pip install -r requirements.lock)"
        if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
            pytest.fail(f"{reason}; CI is set, so this is a failure", pytrace=False)
        pytest.skip(reason)

    export = tmp_path / "export"
    _run([sys.executable, "-m", "builder", "build", "--out", str(export)], cwd=pair)
    config = export / "mkdocs.yml"
    assert "hooks" not in config.read_text("utf-8")
    _run([sys.executable, "-m", "zensical", "build", "--clean", "--strict"], cwd=export)

    site = export / "site"
    text_html = _page(site, "texts/wire-report").read_text("utf-8")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text_html)).split())

    # Highlighted claims with their footnotes, and the footnote carries the attribution.
    assert re.search(r'<mark[^>]*class="[^"]*\bann-claim\b', text_html)
    assert 'class="footnote-ref"' in text_html
    assert "two of the officials" in text

    # Actor names link to actor pages, and those pages were built.
    assert re.search(r'<a [^>]*href="[^"]*actors/carlos-rivera(/|\.html|/index\.html)?"', text_html)
    _page(site, "actors/carlos-rivera")
    _page(site, "chronology")

    # Both texts are in the navigation, in their sidecars' order, with no hook to add them.
    home = _page(site, "index").read_text("utf-8")
    order = [m.group(1) for m in re.finditer(r'href="[^"]*texts/([a-z-]+)/?"', home)]
    assert [slug for i, slug in enumerate(order) if slug not in order[:i]][-2:] == [
        "wire-report",
        "vos-statement",
    ]
