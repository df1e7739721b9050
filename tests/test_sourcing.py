"""How we know: counts, reports, derived status (builder/core/sourcing.py), the rules that
check them, and what the pages say. Bad input is a table on a copy of the mini fixture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder import pipeline
from builder.core.sourcing import (
    ClaimFacts,
    Count,
    parse_count,
    standings,
    unsupported_reason,
)

SIDECAR = "source_texts/sample.yml"
Edit = Callable[[Path, str, str], None]


# --- counts -----------------------------------------------------------------------------

COUNTS: list[tuple[str | int, Count | None]] = [
    (3, Count(kind="exact", number=3, stated="3")),
    ("three", Count(kind="exact", number=3, stated="three")),
    ("Three", Count(kind="exact", number=3, stated="Three")),
    ("one", Count(kind="exact", number=1, stated="one")),
    ("more than 10", Count(kind="more_than", number=10, stated="more than 10")),
    ("over  ten", Count(kind="more_than", number=10, stated="over  ten")),
    ("at least 2", Count(kind="at_least", number=2, stated="at least 2")),
    ("about 30", Count(kind="about", number=30, stated="about 30")),
    ("around thirty", None),  # number words stop at twenty
    ("3 + 1", Count(kind="sum", number=4, parts=(3, 1), stated="3 + 1")),
    ("three + one + 2", Count(kind="sum", number=6, parts=(3, 1, 2), stated="three + one + 2")),
    ("several", Count(kind="vague", stated="several")),  # kept as written, never a number
    ("A few", Count(kind="vague", stated="A few")),
    ("lots", None),
    ("3 +", None),
    ("0", None),
    ("more than", None),
    ("٣", None),  # ASCII digits only
    ("", None),
]


def _footnote(page: str, claim_id: str) -> str:
    """A footnote's text: its first line and the card lines indented under it."""
    lines = page.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"[^{claim_id}]:"))
    kept = [lines[start]]
    for line in lines[start + 1 :]:
        if line and not line.startswith("    "):
            break
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize(("text", "expected"), COUNTS, ids=[str(c[0]) or "empty" for c in COUNTS])
def test_counts_are_parsed(text: str | int, expected: Count | None) -> None:
    assert parse_count(text) == expected


# --- links and standing -------------------------------------------------------------------


def _claim(cid: str, report: str = "r1", **fields: object) -> ClaimFacts:
    return ClaimFacts(id=cid, report=report, about=frozenset(), speaker=None, **fields)  # type: ignore[arg-type]


def test_same_report_is_consistent_not_corroborated() -> None:
    decided = standings([_claim("a", corroborated_by=("b",)), _claim("b")], {})
    assert decided["a"].status == decided["b"].status == "reported"
    assert [link.kind for link in decided["b"].links] == ["same_report"]  # a one-way link


def test_another_report_corroborates_both_ways() -> None:
    decided = standings([_claim("a", corroborated_by=("b",)), _claim("b", report="r2")], {})
    assert decided["a"].status == decided["b"].status == "corroborated"


def test_a_contradiction_by_a_party_spoken_for_is_a_denial() -> None:
    claim = ClaimFacts(
        id="a", report="r1", about=frozenset({"state"}), speaker=None, contradicted_by=("b",)
    )
    minister = ClaimFacts(id="b", report="r1", about=frozenset(), speaker="minister")
    decided = standings([claim, minister], {"minister": ("government",), "government": ("state",)})
    assert decided["a"].status == "denied"
    assert decided["b"].status == "disputed"  # the officials' claim is no denial by the state


def test_corroborated_and_contradicted_says_both() -> None:
    decided = standings(
        [
            _claim("a", corroborated_by=("b",), contradicted_by=("c",)),
            _claim("b", report="r2"),
            _claim("c"),
        ],
        {},
    )
    assert decided["a"].status == "disputed"
    assert decided["a"].also_corroborated
    assert {link.kind for link in decided["a"].links} == {"independent", "dispute"}


def test_the_reason_names_the_same_report() -> None:
    decided = standings([_claim("a", corroborated_by=("b",)), _claim("b")], {})
    problem = unsupported_reason("corroborated", decided["a"])
    assert problem is not None
    assert problem[0] == (
        "status corroborated is not supported: the only corroborating claim, 'b', rests on "
        "the same report (r1)"
    )
    assert unsupported_reason("reported", decided["a"]) is None


# --- bad input, located -------------------------------------------------------------------

# (case id, old text, new text, expected `path:line:col: error[code]: message`, hint fragment)
BAD: list[tuple[str, str, str, str, str]] = [
    (
        "count-not-a-count",
        "count: two",
        "count: plenty",
        f"{SIDECAR}:18:14: error[bad-count]: `count`: 'plenty' is not a count of sources",
        '"more than 10", "about 30" or "3 + 1"',
    ),
    (
        "unknown-speaker-no-follow-on-status-error",
        "      actor: the-minister\n      named: true\n",
        "      named: true\n      actor: ruritania-press\n",
        f"{SIDECAR}:30:14: error[unknown-actor]: unknown actor id 'ruritania-press'",
        "did you mean 'ruritania'?",
    ),
    (
        "declared-denied-is-a-dispute",
        "    about: [ruritania]\n",
        "    about: [mr-rivera]\n",
        f"{SIDECAR}:20:13: error[status-not-supported]: status denied is not supported: 'minister-denied' "
        "contradicts it, but its `attribution.actor` is not a party the claim is `about`, so "
        "the claim is disputed",
        "remove `status:`",
    ),
    (
        "report-unknown",
        "    about: [ruritania]\n",
        "    about: [ruritania]\n    report: sample-reprot\n",
        f"{SIDECAR}:23:13: error[unknown-source]: unknown source id 'sample-reprot'",
        "did you mean 'sample-report'?",
    ),
    (
        "outlet-is-a-person",
        "outlet: example-wire",
        "outlet: mr-rivera",
        f"{SIDECAR}:5:9: error[outlet-not-media]: the outlet 'mr-rivera' is a person, not a media outlet or "
        "organisation",
        "use `author:`",
    ),
    (
        "translation-of-an-original",
        "language: en\n",
        "language: en\ntranslation_of: {source: minister-statement}\n",
        f"{SIDECAR}:8:1: error[translation-without-kind]: `translation_of` is given but the text's kind is news_report",
        "add kind: translation",
    ),
    (
        "unattributed-but-named",
        "      actor: the-minister\n      named: true\n",
        "      actor: the-minister\n      named: true\n      unattributed: true\n",
        f"{SIDECAR}:31:21: error[unattributed-contradiction]: `unattributed: true` contradicts `named: true` and `actor`",
        "remove them, or remove `unattributed: true`",
    ),
    (
        "unattributed-but-counted",
        "      count: two\n",
        "      count: two\n      unattributed: true\n",
        f"{SIDECAR}:19:21: error[unattributed-contradiction]: `unattributed: true` contradicts `count`",
        "has no named source, count or speaker",
    ),
    (
        "unknown-author",
        "outlet: example-wire",
        "author: the-ministre",
        f"{SIDECAR}:5:9: error[unknown-actor]: unknown actor id 'the-ministre'",
        "did you mean 'the-minister'?",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected", "hint"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_sourcing_is_one_located_error(
    mini: Path, edit: Edit, old: str, new: str, expected: str, hint: str
) -> None:
    edit(mini / SIDECAR, old, new)
    diagnostics, _ = pipeline.check(mini)
    report = diagnostics.format()
    assert report.splitlines()[0] == expected, report
    assert len(diagnostics.items) == 1, report
    assert hint in report, report


def test_corroboration_by_the_same_report_is_a_located_error(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "    status: denied\n", "    status: corroborated\n")
    edit(
        mini / SIDECAR,
        "    contradicted_by: [minister-denied]\n",
        "    corroborated_by: [minister-denied]\n",
    )
    edit(mini / SIDECAR, "    status: disputed\n", "\n")
    diagnostics, _ = pipeline.check(mini)
    assert [d.format_text() for d in diagnostics] == [
        f"{SIDECAR}:20:13: error[status-not-supported]: status corroborated is not supported: the only corroborating "
        "claim, 'minister-denied', rests on the same report (the text sample itself)\n"
        "    hint: remove `status:`: the builder derives it from the links; a corroboration "
        "needs a claim from another report (give that claim its own `report:`)"
    ]


def test_old_original_outlet_still_works_with_a_warning(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "outlet: example-wire", "original_outlet: Example Wire")
    diagnostics, project = pipeline.check(mini)
    assert project is not None
    assert [d.severity for d in diagnostics] == ["warning"]
    assert "`original_outlet` is deprecated" in diagnostics.format()
    assert "python -m builder migrate" in diagnostics.format()
    page = pipeline.build(mini).pages["texts/sample.md"]
    assert "**Reporting relayed from:** Example Wire" in page


# --- what the pages say -------------------------------------------------------------------


def _pages(mini: Path) -> dict[str, str]:
    result = pipeline.build(mini)
    assert result.ok, result.diagnostics.format()
    return result.pages


def test_same_report_claims_are_shown_as_consistent_never_corroborated(
    mini: Path, edit: Edit
) -> None:
    edit(
        mini / SIDECAR,
        "    contradicted_by: [minister-denied]\n",
        "    corroborated_by: [minister-denied]\n",
    )
    edit(mini / SIDECAR, "    status: denied\n", "\n")
    edit(mini / SIDECAR, "    status: disputed\n", "\n")
    page = _pages(mini)["texts/sample.md"]
    assert "**Consistent with \\(same report\\):**" in page  # Markdown-escaped brackets
    assert "Corroborated by" not in page
    assert "status-corroborated" not in page


def test_independent_corroboration_and_a_contradiction_are_both_shown(
    mini: Path, edit: Edit
) -> None:
    # The Minister's claim rests on his own statement: another report than the text.
    edit(
        mini / SIDECAR,
        "    sources: [sample-report, minister-statement]\n",
        "    sources: [sample-report, minister-statement]\n    report: minister-statement\n",
    )
    edit(
        mini / SIDECAR,
        "    contradicted_by: [minister-denied]\n",
        "    contradicted_by: [minister-denied]\n    corroborated_by: [transponder-claim]\n",
    )
    text = (mini / SIDECAR).read_text(encoding="utf-8")
    text = text.replace(
        "  - id: transponder\n",
        """  - id: transponder-claim
    kind: claim
    quote: Mr. Rivera left the capital
    attribution: {by: a witness, named: false, count: 1}
    report: minister-statement
    sources: [minister-statement]
  - id: transponder
""",
    )
    (mini / SIDECAR).write_text(text, encoding="utf-8")
    page = _pages(mini)["texts/sample.md"]
    footnote = _footnote(page, "talks-failed")
    assert "claim-tag-denied" in footnote and "also corroborated" in footnote
    assert "**Corroborated by:**" in footnote and "**Denied by:**" in footnote
    assert "1 source, as stated" in page


def test_a_named_person_speaking_for_themself_is_one_named_source(mini: Path) -> None:
    page = _pages(mini)["texts/sample.md"]
    footnote = _footnote(page, "minister-denied")
    assert "The Minister · one named source" in footnote
    assert "not stated" not in footnote


def test_a_statement_with_no_source_says_so_and_is_never_anonymous(mini: Path, edit: Edit) -> None:
    edit(
        mini / SIDECAR,
        "      by: two officials\n      named: false\n      count: two\n",
        "      by: not attributed in the text\n      named: false\n      unattributed: true\n",
    )
    page = _pages(mini)["texts/sample.md"]
    footnote = _footnote(page, "talks-failed")
    assert "no source given in the text" in footnote
    assert "anonymous" not in footnote and "not stated" not in footnote


def test_a_composed_count_is_added_up(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "count: two", 'count: "1 + 1"')
    assert "1 + 1 = 2 sources, as stated" in _pages(mini)["texts/sample.md"]


def test_the_header_says_what_a_translation_is(mini: Path, edit: Edit) -> None:
    edit(mini / SIDECAR, "kind: news_report", "kind: translation")
    edit(
        mini / SIDECAR,
        "published:",
        "url: https://example.org/t\ntranslation_of: {source: minister-statement, language: fr}\npublished:",
    )
    page = _pages(mini)["texts/sample.md"]
    assert "**Kind:** Translation" in page
    assert "**Translation of:** [The Minister's statement]" in page
    assert "(fr), translator unknown" in page
    assert "**Address:** [https://example.org/t]" in page
    assert "Original" not in page and "not stated" not in page.split("## The text")[0]


def test_claims_on_actor_pages_name_their_text_and_paragraph(mini: Path) -> None:
    page = _pages(mini)["actors/the-minister.md"]
    assert "— [A sample report, ¶2](../texts/sample.md#p-2)" in page


def test_reverse_lookups_are_built_once_per_build(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.core import index

    calls: list[str] = []
    original = index.ProjectIndex.build.__func__  # type: ignore[attr-defined]

    def counting(
        cls: type[index.ProjectIndex], project: object, *memo: object
    ) -> index.ProjectIndex:
        calls.append("build")
        return original(cls, project, *memo)  # type: ignore[no-any-return]

    monkeypatch.setattr(index.ProjectIndex, "build", classmethod(counting))
    _pages(mini)
    assert calls == ["build"]
