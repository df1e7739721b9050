"""`python -m builder stats`: its JSON shape and figures, and its text, on tests/fixtures/coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import cli
from tests.conftest import copy_fixture
from tests.hostile_project import write_twins
from tests.test_coverage_rules import COVERAGE, SIDECAR, TEXT, add_waivers

FIGURE_KEYS = {
    "paragraphs",
    "bare_paragraphs",
    "statements",
    "aliases",
    "dates",
    "claims",
    "citation_needed",
}


@pytest.fixture
def coverage(tmp_path: Path) -> Path:
    return copy_fixture(COVERAGE, tmp_path / "coverage")


def stats(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(["stats", "--root", str(project), *args]) == 0
    out, err = capsys.readouterr()
    assert not err  # figures, not warnings
    return out


def test_a_claim_with_no_source_given_is_not_counted_as_anonymous(
    coverage: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sidecar = coverage / SIDECAR
    text = sidecar.read_text(encoding="utf-8")
    old = "{by: three harbour officials, named: false, count: three}"
    assert text.count(old) == 1
    new = "{by: not attributed in the text, named: false, unattributed: true}"
    sidecar.write_text(text.replace(old, new), encoding="utf-8")
    claims = json.loads(stats(coverage, capsys, "--format", "json"))["texts"][0]["claims"]
    assert (claims["anonymous_only"], claims["unattributed"]) == (0, 1)
    assert "with no source given in the text: 1/2" in stats(coverage, capsys)


def test_json_shape_and_figures(coverage: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(stats(coverage, capsys, "--format", "json"))
    assert set(data) == {"version", "site", "texts"} and data["version"] == 1
    assert set(data["site"]) == FIGURE_KEYS | {"texts", "actors", "events"}
    (text,) = data["texts"]
    assert set(text) == FIGURE_KEYS | {
        "slug",
        "path",
        "sidecar",
        "actors",
        "events",
        "findings",
        "waivers",
    }
    assert (text["slug"], text["path"], text["sidecar"]) == ("harbour", TEXT, SIDECAR)
    assert text["paragraphs"] == {"total": 4, "annotated": 3}
    assert text["bare_paragraphs"] == {"waived": 0, "open": 1}
    assert text["statements"] == {"found": 3, "covered": 2, "waived": 0, "uncovered": 1}
    assert text["aliases"] == {"occurrences": 5, "linked": 4, "waived": 0, "unlinked": 1}
    assert text["dates"] == {"found": 4, "placed": 3, "waived": 0, "unplaced": 1}
    assert text["claims"] == {
        "total": 2,
        "by_status": {"reported": 2, "corroborated": 0, "disputed": 0, "denied": 0},
        "by_corroboration": {"independent": 0, "same_report": 0, "none": 2},
        "anonymous_only": 1,
        "anonymous_only_share": 0.5,
        "unattributed": 0,
    }
    assert (text["actors"], text["events"], text["citation_needed"]) == (3, 2, 2)
    # The site adds the registries' markers (one actor profile).
    assert (data["site"]["citation_needed"], data["site"]["texts"]) == (3, 1)
    assert [(f["rule"], f["line"], f["col"], f["waived"]) for f in text["findings"]] == [
        ("uncovered-statement", 3, 48, False),
        ("bare-paragraph", 5, 1, False),
        ("unlinked-alias", 3, 64, False),
        ("unplaced-date", 7, 4, False),
    ]
    assert text["findings"][2]["detail"] == "harbour-council"


def test_json_is_stable(coverage: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = stats(coverage, capsys, "--format", "json")
    assert first == stats(coverage, capsys, "--format", "json")
    assert (
        first == json.dumps(json.loads(first), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


def test_waivers_are_listed_with_their_reasons(
    coverage: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_waivers(
        coverage,
        "  - rule: unplaced-date\n    quote: By Sunday\n"
        "    reason: The ferries' Sunday is not an event of the story.\n",
    )
    data = json.loads(stats(coverage, capsys, "--format", "json"))
    (text,) = data["texts"]
    assert text["waivers"] == [
        {
            "rule": "unplaced-date",
            "path": SIDECAR,
            "line": text["waivers"][0]["line"],
            "col": 5,
            "quote": "By Sunday",
            "reason": "The ferries' Sunday is not an event of the story.",
            "waived": 1,
        }
    ]
    assert text["dates"] == {"found": 4, "placed": 3, "waived": 1, "unplaced": 0}
    shown = stats(coverage, capsys)
    assert "unplaced-date “By Sunday” (waives 1): The ferries' Sunday is not an event" in shown
    assert "date and time expressions not in the chronology" not in shown


def test_text_lists_each_open_finding_as_path_line_col(
    coverage: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = stats(coverage, capsys)
    assert "attributed statements covered by claims: 2/3 (67%), 0 waived" in shown
    assert f"    {TEXT}:3:48: A spokesman for the council declined to comment." in shown
    assert f"    {TEXT}:5:1: Boats stayed in the harbour while the tide turned." in shown
    assert f"    {TEXT}:3:64: the council" in shown
    assert f"    {TEXT}:7:4: Sunday" in shown
    assert "resting only on anonymous sources: 1/2 (50%)" in shown
    assert shown.rstrip().splitlines()[-1] == "  [citation needed]: 3"


def test_stats_reports_errors_instead_of_figures(
    coverage: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_waivers(coverage, "  - rule: bare-paragraph\n    quote: nowhere\n    reason: No.\n")
    assert cli.main(["stats", "--root", str(coverage)]) == 1
    out, err = capsys.readouterr()
    assert not out and "error[quote-not-found]: quote not found in the text" in err


UNSAFE = ("\x1b", "\u202e", "\u2066", "\u200b", "\r")


def test_stats_and_coverage_warnings_escape_hostile_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excerpts of a text with bidi and zero-width characters, and waiver reasons full of
    payloads, come out on one line each, with every invisible character escaped."""
    twins = write_twins(tmp_path / "twins")
    for project in twins.hostile:
        for args in (["stats"], ["stats", "--format", "json"], ["check"]):
            cli.main([*args, "--root", str(project)])
            out, err = capsys.readouterr()
            assert not any(c in out + err for c in UNSAFE), (project.name, args)
        data = json.loads(stats(project, capsys, "--format", "json"))
        (waiver,) = data["texts"][0]["waivers"]
        assert "\n" not in waiver["reason"] and "\\n" in waiver["reason"]


def test_site_figures_add_up_the_texts(coverage: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = coverage / "source_texts"
    (texts / "quay.txt").write_text("The quay was quiet, a guard said.\n", encoding="utf-8")
    (texts / "quay.yml").write_text(
        "title: The quay\nlanguage: en\nprovenance: Written for the tests.\n", encoding="utf-8"
    )
    data = json.loads(stats(coverage, capsys, "--format", "json"))
    assert [t["slug"] for t in data["texts"]] == ["harbour", "quay"]  # in reading order
    quay = data["texts"][1]
    assert quay["paragraphs"] == {"total": 1, "annotated": 0}
    assert quay["statements"] == {"found": 1, "covered": 0, "waived": 0, "uncovered": 1}
    site = data["site"]
    assert site["texts"] == 2
    assert site["paragraphs"] == {"total": 5, "annotated": 3}
    assert site["statements"] == {"found": 4, "covered": 2, "waived": 0, "uncovered": 2}
    assert site["claims"]["total"] == 2
