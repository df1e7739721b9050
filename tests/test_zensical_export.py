"""The exported Markdown folder builds with Zensical too.

``python -m builder build --out <tmp>/docs`` writes the complete docs folder; a copy of the
repository's ``mkdocs.yml`` with ``docs_dir`` pointing at it and without ``hooks:`` (the export
already holds the generated pages) is built with ``zensical build --strict`` (a broken link
aborts it). Zensical 0.0.73 is the newest release installable from PyPI alone: later ones need
``zensical-ui``, which is not published there. Zensical insists that docs_dir and site_dir sit
inside the folder of the config file, so everything lives in one temporary project folder.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[1]
TEXT_SLUG = "assad-departure"
ACTOR_ID = "bashar-al-assad"

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, (
        f"`{' '.join(args)}` failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


def _first_claim() -> dict[str, Any]:
    sidecar = YAML(typ="safe").load(
        (REPO_ROOT / "source_texts" / f"{TEXT_SLUG}.yml").read_text("utf-8")
    )
    return next(a for a in sidecar["annotations"] if a.get("kind") == "claim")


def _zensical_config(repo_config: Path, project: Path) -> Path:
    """A copy of mkdocs.yml for the export: docs_dir/site_dir inside ``project``, no hooks."""
    yaml = YAML()  # round-trip: keeps tags such as !!python/name: for Zensical to resolve
    config = yaml.load(repo_config.read_text("utf-8"))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((repo_config.parent / theme["custom_dir"]).resolve())
    out = project / "mkdocs.yml"
    with out.open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    return out


def _page(site: Path, stem: str) -> Path:
    for candidate in (site / stem / "index.html", site / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"Zensical built no page for {stem}.md: {sorted(site.rglob('*.html'))}")


def test_export_builds_with_zensical(tmp_path: Path) -> None:
    if importlib.util.find_spec("zensical") is None:
        reason = "zensical is not installed (pip install -r requirements.lock)"
        if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
            pytest.fail(f"{reason}; CI is set, so this is a failure", pytrace=False)
        pytest.skip(reason)

    docs = tmp_path / "docs"
    _run([sys.executable, "-m", "builder", "build", "--out", str(docs)], cwd=REPO_ROOT)
    assert (docs / "texts" / f"{TEXT_SLUG}.md").is_file()

    config = _zensical_config(REPO_ROOT / "mkdocs.yml", tmp_path)
    assert "hooks" not in config.read_text("utf-8")
    _run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", str(config)],
        cwd=tmp_path,
    )

    site = tmp_path / "site"
    text_html = _page(site, f"texts/{TEXT_SLUG}").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", text_html))

    # Highlighted claims with their footnotes, and the footnote carries the attribution.
    assert re.search(r'<mark[^>]*class="[^"]*\bann-claim\b', text_html)
    assert 'class="footnote-ref"' in text_html
    claim = _first_claim()
    assert " ".join(str(claim["attribution"]["by"]).split()) in " ".join(text.split())

    # Actor names link to actor pages, and those pages were built.
    assert re.search(rf'<a [^>]*href="[^"]*actors/{ACTOR_ID}(/|\.html|/index\.html)?"', text_html)
    _page(site, f"actors/{ACTOR_ID}")
    _page(site, "chronology")
