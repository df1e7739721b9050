"""Drift: a quote whose text changed is re-anchored (a warning, and `reanchor` writes it) or
is an orphan (an error naming the annotation's file and line); exact matches never pay."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import cli, pipeline
from builder.anchoring import drift
from builder.assemble import drifting
from builder.assemble.drifting import unique_selector
from builder.core.spans import Span
from builder.input.history import previous_text
from builder.input.schema import QuoteSelector
from builder.reanchor import rewritten
from scripts.reanchor_corpus import evaluate, generate

SIDECAR = "source_texts/sample.yml"
TEXT = "source_texts/sample.txt"
OLD_QUOTE = "quote: talks had failed, according to two officials"
Edit = Callable[[Path, str, str], None]


def _codes(diagnostics: pipeline.Diagnostics) -> list[str]:
    return [d.code for d in diagnostics.items]


def test_exact_matches_never_pay_for_the_fuzzy_search(
    mini: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counted(text: str, exact: str, *args: str, **kwargs: drift.OldPlace | None) -> object:
        calls.append(exact)
        return drift.relocate(text, exact, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(drifting, "relocate", counted)
    diagnostics, project = pipeline.check(mini)
    assert project is not None and not diagnostics.items
    assert calls == []  # every quote matched exactly: no fuzzy search at all
    edit(mini / TEXT, "according to two officials", "according to three officials")
    diagnostics, project = pipeline.check(mini)
    assert calls == ["talks had failed, according to two officials"]  # only the failed one


def test_a_reworded_sentence_drifts_and_reanchor_fixes_it_comments_intact(
    mini: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(mini / TEXT, "according to two officials", "according to three officials")
    before = (mini / SIDECAR).read_text(encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    assert project is not None  # still built, on the proposed passage
    [warning] = diagnostics.items
    assert (warning.severity, warning.code) == ("warning", "quote-drifted")
    assert str(warning.location) == f"{SIDECAR}:13:12"
    assert "'talks had failed, according to three officials'" in warning.message
    quotes = {a.id: a.anchor.quote for t in project.texts for a in t.annotations}
    assert quotes["talks-failed"] == "talks had failed, according to three officials"

    assert cli.main(["reanchor", "--dry-run", "--root", str(mini)]) == 0
    out = capsys.readouterr().out
    assert (
        f"+++ b/{SIDECAR}" in out
        and "+    quote: talks had failed, according to three officials\n" in out
    )
    assert (mini / SIDECAR).read_text(encoding="utf-8") == before  # a dry run writes nothing

    assert cli.main(["reanchor", "--root", str(mini)]) == 0
    expected = before.replace(OLD_QUOTE, "quote: talks had failed, according to three officials")
    assert (mini / SIDECAR).read_text(encoding="utf-8") == expected  # the whole file
    diagnostics, _ = pipeline.check(mini)
    assert not diagnostics.items
    assert cli.main(["reanchor", "--root", str(mini)]) == 0  # idempotent
    assert (mini / SIDECAR).read_text(encoding="utf-8") == expected


def test_a_deleted_sentence_is_an_orphan_error_naming_the_annotation(
    mini: Path, edit: Edit, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(mini / TEXT, " The Minister denied it.", "")
    diagnostics, project = pipeline.check(mini)
    assert project is None
    [error] = diagnostics.items
    assert error.format_text().startswith(
        f"{SIDECAR}:26:12: error[quote-orphaned]: quote not found in the text"
    )
    before = (mini / SIDECAR).read_text(encoding="utf-8")
    assert cli.main(["reanchor", "--root", str(mini)]) == 1  # the orphan is left, and reported
    assert (mini / SIDECAR).read_text(encoding="utf-8") == before
    assert f"{SIDECAR}:26:12: error[quote-orphaned]" in capsys.readouterr().err


# A quote that differs from the text only in typography or encoding has drifted too: the
# warning's hint says exactly what differs.
DRIFTED = [
    (
        "quote-typed-in-another-case",
        [
            (
                SIDECAR,
                "quote: with his transponder turned off",
                "quote: With his transponder turned off",
            )
        ],
        f"{SIDECAR}:36:12: warning[quote-drifted]: quote drifted: the text no longer has "
        "'With his transponder turned off'; the closest passage is 'with his transponder turned off'",
        "capital letters differ: the text has 'with his transponder turned off'",
    ),
    (
        "quote-nfc-against-nfd-text",
        [
            (TEXT, "The Minister denied it.", "The Minister denied it at the cafe\u0301."),
            (SIDECAR, "quote: The Minister denied it.", "quote: it at the caf\u00e9."),
        ],
        f"{SIDECAR}:26:12: warning[quote-drifted]: quote drifted",
        "(the quote in NFC, letters with their accents as one character, the text in NFD",
    ),
    (
        "quote-nfd-against-nfc-text",
        [
            (TEXT, "The Minister denied it.", "The Minister denied it at the caf\u00e9."),
            (SIDECAR, "quote: The Minister denied it.", "quote: it at the cafe\u0301."),
        ],
        f"{SIDECAR}:26:12: warning[quote-drifted]: quote drifted",
        "(the quote in NFD, letters followed by separate combining accents, the text in NFC",
    ),
]


@pytest.mark.parametrize(
    ("edits", "reported", "hint"), [pytest.param(*case[1:], id=case[0]) for case in DRIFTED]
)
def test_a_quote_typed_differently_drifts_with_a_hint_saying_how(
    mini: Path, edit: Edit, edits: list[tuple[str, str, str]], reported: str, hint: str
) -> None:
    for file, old, new in edits:
        edit(mini / file, old, new)
    diagnostics, project = pipeline.check(mini)
    assert project is not None  # a drifted quote is still built, on the proposed passage
    [warning] = diagnostics.items
    assert warning.format_text().startswith(reported)
    assert hint in warning.hint


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=30,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_old_place_from_git_re_anchors_a_larger_rewording(mini: Path, edit: Edit) -> None:
    reworded = "talks had broken down, according to two officials"
    edit(mini / TEXT, "talks had failed, according to two officials", reworded)
    diagnostics, _ = pipeline.check(mini)
    assert _codes(diagnostics) == ["quote-orphaned"]  # alone, the quote is too far from it
    (mini / TEXT).write_text(
        (mini / TEXT).read_text().replace(reworded, "talks had failed, according to two officials")
    )
    _git(mini, "init", "-q")
    _git(mini, "add", "-A")
    _git(mini, "commit", "-q", "-m", "fixture")
    edit(mini / TEXT, "talks had failed, according to two officials", reworded)
    assert previous_text(mini, SIDECAR, TEXT) is not None
    diagnostics, project = pipeline.check(mini)
    assert _codes(diagnostics) == ["quote-drifted"], diagnostics.format()
    assert project is not None


def test_no_repository_means_no_previous_text(tmp_path: Path) -> None:
    (tmp_path / "source_texts").mkdir()
    assert previous_text(tmp_path, SIDECAR, TEXT) is None


def test_reanchor_adds_context_only_where_the_new_words_match_twice() -> None:
    text = "the army took the capital. Later the army took the port and the capital again."
    old = QuoteSelector(exact="the army tok the capital", prefix="", suffix="")
    found = drift.relocate(text, old.exact)
    assert found.span == Span(0, 25)
    new = unique_selector(text, found.span, old)
    assert new.exact == "the army took the capital" and not new.prefix and not new.suffix
    twice = "the port and the capital. " * 2 + "Then the port and the capital."
    new = unique_selector(twice, Span(0, 24), QuoteSelector(exact="the port and the capitol"))
    assert (new.exact, new.prefix, new.suffix) == ("the port and the capital", "", ". the po")


@pytest.mark.parametrize(
    ("sidecar", "old", "new", "expected"),
    [
        (
            "quote: 'it''s old'  # a comment\n",
            QuoteSelector(exact="it's old"),
            QuoteSelector(exact="it's new"),
            "quote: 'it''s new'  # a comment\n",
        ),
        (
            'quote: {exact: "it\'s old", prefix: "x"}\n',
            QuoteSelector(exact="it's old", prefix="x"),
            QuoteSelector(exact="it's new", prefix="y"),
            'quote: {exact: "it\'s new", prefix: "y"}\n',
        ),
        (
            "quote:\n  exact: its old # c\nnext: 1\n",
            QuoteSelector(exact="its old"),
            QuoteSelector(exact="its new", suffix="!"),
            'quote:\n  exact: its new # c\n  suffix: "!"\nnext: 1\n',
        ),
        (
            "quote: its old\n",
            QuoteSelector(exact="its old"),
            QuoteSelector(exact="its new", prefix="see "),
            'quote: { exact: its new, prefix: "see " }\n',
        ),
    ],
)
def test_reanchor_keeps_the_quoting_style_and_the_comments(
    sidecar: str, old: QuoteSelector, new: QuoteSelector, expected: str
) -> None:
    found = drifting.Drifted(sidecar="s.yml", path=("quote",), line=1, old=old, new=new)
    assert rewritten(sidecar, [found]) == expected


def test_the_corpus_meets_the_targets_at_a_small_size() -> None:
    for seed in (1, 2, 3):
        outcome = evaluate(generate(60_000, 100, seed))
        assert outcome.drifted >= 50
        assert outcome.wrong == 0
        assert outcome.small_right >= 0.95 * outcome.small_total
        assert outcome.gone_orphaned == outcome.gone_total
        assert outcome.right + outcome.orphaned == outcome.drifted
        without = evaluate(generate(60_000, 100, seed), history=False)
        assert without.wrong == 0
