"""Shared fixtures: the repository root and a copy of the mini fixture project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
PAIR = REPO / "tests" / "fixtures" / "pair"

# Hypothesis: a few hundred examples in `make test`; `--hypothesis-profile=deep` for 10,000.
# No deadline: tests assert behaviour, never time (CI machines vary).
_FUZZ = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
settings.register_profile("ci", max_examples=100, **_FUZZ)  # type: ignore[arg-type]
settings.register_profile("deep", max_examples=10_000, **_FUZZ)  # type: ignore[arg-type]
settings.load_profile("ci")  # the plugin loads --hypothesis-profile after this, if given


def copy_fixture(fixture: Path, target: Path) -> Path:
    """A writable copy of a fixture project whose mkdocs.yml finds the hook and overrides."""
    shutil.copytree(fixture, target)
    config = target / "mkdocs.yml"
    hook = (REPO / "builder" / "mkdocs_hook.py").as_posix()
    overrides = (REPO / "overrides").as_posix()
    text = config.read_text(encoding="utf-8").replace("../../../builder/mkdocs_hook.py", hook)
    config.write_text(text.replace("../../../overrides", overrides), encoding="utf-8")
    return target


def copy_repository(target: Path, *, source_texts: Path) -> Path:
    """The repository's site (mkdocs.yml, docs/, overrides/) around another project's
    source_texts/: its theme and pages, with no dependence on the real explainer's content."""
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, target / folder)
    shutil.copytree(source_texts, target / "source_texts")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hook = (REPO / "builder" / "mkdocs_hook.py").as_posix()
    (target / "mkdocs.yml").write_text(
        config.replace("builder/mkdocs_hook.py", hook), encoding="utf-8"
    )
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini (texts, sidecar, registries, docs)."""
    return copy_fixture(MINI, tmp_path / "mini")


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/pair: two texts that contradict each other."""
    return copy_fixture(PAIR, tmp_path / "pair")


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace exactly one occurrence of `old` with `new` in a file."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return replace
