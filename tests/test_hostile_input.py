"""Hostile input (issue 5): YAML that would crash or hang the builder, limits, full-match
patterns, reserved actor ids and the characters of texts and fields. Each case is a
mistake or an attack on the mini fixture, with the one located error it must get."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from builder import pipeline
from builder.anchoring import mentions
from builder.anchoring.mentions import Alias, AliasFinder, find_alias_mentions
from builder.anchoring.quotes import MAX_SHOWN, find_quote
from builder.core.spans import Span
from builder.input import yaml_tree
from tests.conftest import MINI, REPO

SIDECAR = "source_texts/sample.yml"
ACTORS = "source_texts/registry/actors.yml"
SOURCES = "source_texts/registry/sources.yml"
TEXT = "source_texts/sample.txt"

Edit = tuple[str, str | None, str]  # (file, text to replace or None for the whole file, new)

RURITANIA = "  - id: ruritania\n    name: Ruritania\n    kind: state\n"
EXAMPLE_WIRE = "  - id: example-wire\n    name: Example Wire\n    kind: media\n"
NFD_TEXT = (TEXT, "The Minister denied it.", "The Minister denied it at the cafe\u0301.")


def _many(count: int) -> str:
    return "".join(f"  - x{i}\n" for i in range(count))


# (case id, edits, expected `path:line:col: error[code]: message`, expected hint fragment)
CASES: list[tuple[str, list[Edit], str, str]] = [
    # --- YAML that used to raise (defect 5) or was silently accepted (defect 14) ---------
    (
        "yaml-nested-lists-too-deep",
        [(SIDECAR, "title: A sample report", "title: " + "[" * 250 + "]" * 250)],
        f"{SIDECAR}:2:39: error[yaml-too-deep]: YAML nested more than 32 levels deep",
        "check the indentation and the brackets",
    ),
    (
        "yaml-nested-mappings-too-deep",
        [(SIDECAR, "title: A sample report", "title: " + "{a: " * 250 + "x" + "}" * 250)],
        f"{SIDECAR}:2:132: error[yaml-too-deep]: YAML nested more than 32 levels deep",
        "",
    ),
    (
        "yaml-integer-of-5000-digits",
        [(SIDECAR, "title: A sample report", "title: " + "9" * 5000)],
        f"{SIDECAR}:2:8: error[yaml-number-too-long]: number with 5000 digits is too long (at most 100)",
        "no field takes a number this long",
    ),
    (
        "yaml-scalar-alias",
        [
            (SIDECAR, "title: A sample report", "title: &t A sample report"),
            (SIDECAR, "publisher: Example Wire", "publisher: *t"),
        ],
        f"{SIDECAR}:4:12: error[yaml-alias]: YAML aliases (*name) are not allowed",
        "write the value out in full",
    ),
    (
        "yaml-anchor-without-alias",
        [(SIDECAR, "title: A sample report", "title: &t A sample report")],
        f"{SIDECAR}:2:8: error[yaml-anchor]: YAML anchors (&name) are not allowed",
        "remove the &name",
    ),
    (
        "yaml-merge-key",
        [(ACTORS, RURITANIA, "  - id: ruritania\n    <<: {name: Ruritania, kind: state}\n")],
        f"{ACTORS}:18:5: error[yaml-merge-key]: YAML merge keys (<<) are not allowed",
        "write every field out in full",
    ),
    (
        "yaml-merge-key-of-an-alias",
        [
            (ACTORS, RURITANIA, "  - &state\n" + RURITANIA.replace("  - id", "    id")),
            (ACTORS, EXAMPLE_WIRE, "  - <<: *state\n" + EXAMPLE_WIRE.replace("  - id", "    id")),
        ],
        f"{ACTORS}:21:5: error[yaml-merge-key]: YAML merge keys (<<) are not allowed",
        "",
    ),
    (
        "yaml-binary-tag",
        [(SIDECAR, "title: A sample report", "title: !!binary QSBzYW1wbGU=")],
        f"{SIDECAR}:2:8: error[yaml-tag]: YAML tags are not allowed (found !!binary)",
        "remove the tag",
    ),
    (
        "yaml-python-tag",
        [(SIDECAR, "title: A sample report", "title: !!python/object:os.system x")],
        f"{SIDECAR}:2:8: error[yaml-tag]: YAML tags are not allowed (found !!python/object:os.system)",
        "",
    ),
    (
        "yaml-number-as-key",
        [(SIDECAR, "title_note: The editors' title.", "1: The editors' title.")],
        f"{SIDECAR}:3:1: error[yaml-key-not-text]: a key must be a field name, not the number 1",
        'put a key in quotes ("1":)',
    ),
    (
        "yaml-null-as-key",
        [(SIDECAR, "title_note: The editors' title.", "~: The editors' title.")],
        f"{SIDECAR}:3:1: error[yaml-key-not-text]: a key must be a field name, not null",
        "",
    ),
    (
        "yaml-list-as-key",
        [(SIDECAR, "title_note: The editors' title.", "? [title_note]\n: The editors' title.")],
        f"{SIDECAR}:3:3: error[yaml-key-not-text]: a key must be a field name, not a list",
        "",
    ),
    (
        "yaml-second-document",
        [(SIDECAR, 'suffix: " that"}\n', 'suffix: " that"}\n---\ntitle: Another\n')],
        f"{SIDECAR}:74:1: error[yaml-several-documents]: more than one YAML document in the file",
        "remove this `---` line",
    ),
    (
        "yaml-forbidden-character",
        [(SIDECAR, "title: A sample report", "title: A sample\x01 report")],
        f"{SIDECAR}:2:16: error[yaml-forbidden-character]: character U+0001 is not allowed in a YAML file",
        "remove it: most editors do not show it",
    ),
    # Already refused before issue 5; kept so that the new reader keeps refusing them.
    (
        "yaml-top-level-list",
        [(SOURCES, None, "- a\n- b\n")],
        f"{SOURCES}:1:1: error[not-a-mapping]: {SOURCES} must be a mapping of fields (got a list)",
        "start the file with",
    ),
    (
        "yaml-boolean-for-text",
        [(SIDECAR, "title: A sample report", "title: true")],
        f"{SIDECAR}:2:8: error[not-text]: `title` must be text (got true)",
        "give a short title",
    ),
    (
        "yaml-huge-float-for-text",
        [(SIDECAR, "title: A sample report", "title: 1e400")],
        f"{SIDECAR}:2:8: error[not-text]: `title` must be text (got inf)",
        "",
    ),
    # Issue 5 again.
    (
        "annotation-not-a-mapping",
        [(SIDECAR, "annotations:\n", "annotations:\n  - talks failed\n")],
        f"{SIDECAR}:11:5: error[not-a-mapping]: each entry of `annotations` must be a mapping of fields (got 'talks failed')",
        "",
    ),
    # --- limits (defect 7) ---------------------------------------------------------------
    (
        "20000-one-line-annotations",
        [(SIDECAR, "annotations:\n", "annotations:\n" + _many(20_000))],
        f"{SIDECAR}:10:1: error[too-many-entries]: `annotations` has 20005 entries (at most 2000 in one file)",
        "split the text into several texts",
    ),
    (
        "too-many-actors",
        [(ACTORS, "actors:\n", "actors:\n" + _many(2_001))],
        f"{ACTORS}:1:1: error[too-many-entries]: `actors` has 2005 entries (at most 2000 in one file)",
        "ask the maintainers",
    ),
    (
        "too-many-aliases",
        [(ACTORS, "[Mr. Rivera]", "[" + ", ".join(f"Rivera {i}" for i in range(51)) + "]")],
        f"{ACTORS}:6:14: error[too-many-entries]: `aliases` has 51 entries (at most 50)",
        "split the list",
    ),
    (
        "prefix-too-long",
        [(SIDECAR, 'prefix: "took "', f'prefix: "{"x" * 301}"')],
        f"{SIDECAR}:46:41: error[value-too-long]: `prefix` is too long (at most 300 characters)",
        "shorten it",
    ),
    (  # already refused before issue 5: kept as a guard
        "quote-too-long",
        [(SIDECAR, "quote: The Minister denied it.", "quote: " + "x" * 5001)],
        f"{SIDECAR}:26:12: error[value-too-long]: `exact` is too long (at most 5000 characters)",
        "",
    ),
    # --- full-match patterns (defect 12) -------------------------------------------------
    (
        "url-with-final-newline",
        [
            (
                SOURCES,
                "url: https://example.org/statement?id=1&lang=en",
                'url: "https://evil.example/\\n"',
            )
        ],
        f"{SOURCES}:11:10: error[not-https]: `url`: 'https://evil.example/\\n' is not an https URL",
        "full https:// address",
    ),
    (
        "id-with-final-newline",
        [(SIDECAR, "id: talks-failed", 'id: "talks-failed\\n"')],
        f"{SIDECAR}:11:9: error[bad-id]: `id`: 'talks-failed\\n' is not a valid id",
        "lowercase letters, digits and hyphens",
    ),
    (
        "language-with-final-newline",
        [(SIDECAR, "language: en", 'language: "en\\n"')],
        f"{SIDECAR}:7:11: error[bad-language]: `language`: 'en\\n' is not a language code",
        "use a BCP 47 language code",
    ),
    # --- reserved actor ids (defect 4) ---------------------------------------------------
    (
        "actor-id-index",
        [
            (
                ACTORS,
                EXAMPLE_WIRE,
                EXAMPLE_WIRE + "  - id: index\n    name: Index\n    kind: media\n",
            )
        ],
        f"{ACTORS}:23:9: error[reserved-id]: `id`: 'index' is reserved: the site uses it for a page of its own",
        "choose another id",
    ),
    # --- characters of texts and fields (defect 14) --------------------------------------
    (
        "text-empty",
        [(TEXT, None, "")],
        f"{TEXT}:1:1: error[empty-text]: the text is empty",
        "paste the source text",
    ),
    (
        "text-only-blank-lines",
        [(TEXT, None, "  \n\n\t\n")],
        f"{TEXT}:1:1: error[empty-text]: the text holds only spaces and blank lines",
        "",
    ),
    (
        "text-nul-byte",
        [(TEXT, "Two days later", "Two days\x00 later")],
        f"{TEXT}:4:9: error[control-character]: the text contains the control character U+0000",
        "only printable characters, tabs and line breaks",
    ),
    (
        "text-escape-sequences",
        [(TEXT, "Two days later", "Two \x1b[31mdays\x1b[0m later")],
        f"{TEXT}:4:5: error[control-character]: the text contains the control character U+001B and 1 other(s)",
        "",
    ),
    (
        "title-bidi-override",
        [(SIDECAR, "title: A sample report", "title: A sample \u202ereport")],
        f"{SIDECAR}:2:8: error[invisible-character]: `title` contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character",
        "ZWNJ and ZWJ, which some scripts need, are allowed",
    ),
    (
        "name-zero-width-space",
        [(ACTORS, "name: Example Wire", "name: Example\u200b Wire")],
        f"{ACTORS}:21:11: error[invisible-character]: `name` contains U+200B ZERO WIDTH SPACE",
        "",
    ),
    (
        "alias-bidi-isolate",
        [(ACTORS, "aliases: [Mr. Rivera]", "aliases: [Mr. \u2067Rivera]")],
        f"{ACTORS}:6:15: error[invisible-character]: `aliases` contains U+2067 RIGHT-TO-LEFT ISOLATE",
        "",
    ),
    (
        "note-word-joiner",
        [(SIDECAR, "Aircraft transponders", "Aircraft\u2060 transponders")],
        f"{SIDECAR}:37:11: error[invisible-character]: `note` contains U+2060 WORD JOINER",
        "",
    ),
    (
        "title-control-character",
        [(SIDECAR, "title: A sample report", 'title: "A sample\\a report"')],
        f"{SIDECAR}:2:8: error[control-character]: `title` contains the control character U+0007",
        "",
    ),
    (
        "quote-ends-between-letter-and-accent",
        [
            NFD_TEXT,
            (
                SIDECAR,
                "quote: The Minister denied it.",
                "quote: The Minister denied it at the cafe",
            ),
        ],
        f"{SIDECAR}:26:12: error[quote-splits-character]: the quote ends in the middle of a character: the text continues with U+0301 COMBINING ACUTE ACCENT, which belongs to 'e'",
        "include the whole character",
    ),
    (
        "quote-starts-with-an-accent",
        [NFD_TEXT, (SIDECAR, "quote: The Minister denied it.", 'quote: "\\u0301."')],
        f"{SIDECAR}:26:12: error[quote-splits-character]: the quote starts in the middle of a character: it begins with U+0301 COMBINING ACUTE ACCENT, which belongs to 'e'",
        "include the whole character",
    ),
    (
        "quote-nfc-against-nfd-text",
        [NFD_TEXT, (SIDECAR, "quote: The Minister denied it.", "quote: it at the caf\u00e9.")],
        f"{SIDECAR}:26:12: error[quote-not-found]: quote not found in the text",
        "(the quote in NFC, letters with their accents as one character, the text in NFD",
    ),
    (
        "quote-nfd-against-nfc-text",
        [
            (TEXT, "The Minister denied it.", "The Minister denied it at the caf\u00e9."),
            (SIDECAR, "quote: The Minister denied it.", "quote: it at the cafe\u0301."),
        ],
        f"{SIDECAR}:26:12: error[quote-not-found]: quote not found in the text",
        "(the quote in NFD, letters followed by separate combining accents, the text in NFC",
    ),
]


def _apply(root: Path, edits: list[Edit], edit: Callable[[Path, str, str], None]) -> None:
    for file, old, new in edits:
        if old is None:
            (root / file).write_text(new, encoding="utf-8")
        else:
            edit(root / file, old, new)


@pytest.mark.parametrize(
    ("edits", "expected", "hint"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_hostile_input_gets_one_located_error(
    mini: Path,
    edit: Callable[[Path, str, str], None],
    edits: list[Edit],
    expected: str,
    hint: str,
) -> None:
    _apply(mini, edits, edit)
    diagnostics, project = pipeline.check(mini)
    report = diagnostics.format()
    assert project is None, "bad input must not produce a project"
    assert expected in report, f"expected {expected!r} in:\n{report}"
    assert len(diagnostics.items) == 1, report  # no follow-on errors
    if hint:
        assert hint in report, f"expected hint {hint!r} in:\n{report}"


# (case id, edits, expected warning or "" for none): accepted, with or without a word.
ACCEPTED: list[tuple[str, list[Edit], str]] = [
    (
        "text-bidi-override-is-a-warning",
        [(TEXT, "two officials.\n", "two officials.\u202e\n")],
        f"{TEXT}:1:89: warning[invisible-character]: the text contains U+202E RIGHT-TO-LEFT OVERRIDE (1 time(s))",
    ),
    (
        "quote-may-hold-what-the-text-holds",
        [
            (TEXT, "two officials.\n", "two officials.\u202e\n"),
            (
                SIDECAR,
                "quote: talks had failed, according to two officials",
                'quote: "officials.\\u202e"',
            ),
        ],
        f"{TEXT}:1:89: warning[invisible-character]: the text contains U+202E RIGHT-TO-LEFT OVERRIDE (1 time(s))",
    ),
    (
        "zero-width-joiners-in-names",
        [(ACTORS, "name: Ruritania", "name: Ruri\u200ctania\u200d")],
        "",
    ),
    (
        "quote-with-its-accent",
        [NFD_TEXT, (SIDECAR, "quote: The Minister denied it.", "quote: it at the cafe\u0301.")],
        "",
    ),
]


@pytest.mark.parametrize(
    ("edits", "expected"), [pytest.param(*case[1:], id=case[0]) for case in ACCEPTED]
)
def test_accepted_input_builds(
    mini: Path, edit: Callable[[Path, str, str], None], edits: list[Edit], expected: str
) -> None:
    _apply(mini, edits, edit)
    diagnostics, project = pipeline.check(mini)
    report = diagnostics.format()
    assert project is not None, report
    assert len(diagnostics.items) == (1 if expected else 0), report
    assert expected in report, f"expected {expected!r} in:\n{report}"


def test_every_yaml_problem_of_a_file_is_reported_at_once(
    mini: Path, edit: Callable[[Path, str, str], None]
) -> None:
    edit(mini / SIDECAR, "title: A sample report", "title: !!str A sample report")
    edit(mini / SIDECAR, "publisher: Example Wire", "publisher: &p Example Wire")
    edit(mini / SIDECAR, "title_note: The editors' title.", "1: The editors' title.")
    diagnostics, _ = pipeline.check(mini)
    assert [(d.location.line, d.message.split(" (")[0]) for d in diagnostics] == [
        (2, "YAML tags are not allowed"),
        (3, "a key must be a field name, not the number 1"),
        (4, "YAML anchors"),
    ]


def test_a_text_file_name_with_a_newline_is_not_a_slug(mini: Path) -> None:
    (mini / "source_texts/x\n.txt").write_text("A text.\n", encoding="utf-8")
    diagnostics, project = pipeline.check(mini)
    assert project is None
    assert diagnostics.format() == (
        "source_texts/x\\n.txt:1:1: error[bad-file-name]: file name 'x\\n.txt' is not a valid slug\n"
        "    hint: use lowercase letters, digits and hyphens (at most 80 characters), "
        "e.g. assad-departure.txt"
    )


# --- linear time (defect 7): the pathological inputs complete, doing bounded work -------


def test_one_alias_20000_times_is_one_pattern_and_one_scan(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = mini / TEXT
    text.write_text(
        text.read_text(encoding="utf-8") + "\n" + "Mr. Rivera said so. " * 20_000 + "\n",
        encoding="utf-8",
    )
    compiled: list[str] = []
    compile_pattern = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        if pattern.startswith(r"(?<!\w)(?=("):
            compiled.append(pattern)
        return compile_pattern(pattern, flags)

    monkeypatch.setattr(mentions.re, "compile", counting)
    diagnostics, project = pipeline.check(mini)
    assert project is not None, diagnostics.format()
    (sample,) = project.texts
    assert sum(m.anchor.quote == "Mr. Rivera" for m in sample.mentions) == 20_001
    assert len(compiled) == 1  # one pattern for all aliases, not one per alias or text


def test_a_one_character_quote_in_400_kb_collects_only_what_the_message_shows() -> None:
    text = "abcdefghij " * 40_000
    hits = find_quote(text, "e")
    assert hits.count == 40_000 and not hits.at_least
    assert hits.spans == tuple(Span(4 + 11 * i, 5 + 11 * i) for i in range(MAX_SHOWN))
    overlapping = find_quote("a" * 400_000, "aa")
    assert overlapping.count == 10_000 and overlapping.at_least  # counting stops there


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab a\u0301", max_size=12),
    st.text(alphabet="ab", min_size=1, max_size=3),
    st.text(alphabet="ab ", max_size=1),
    st.text(alphabet="ab ", max_size=1),
)
def test_find_quote_counts_every_overlapping_occurrence(
    text: str, exact: str, prefix: str, suffix: str
) -> None:
    needle = prefix + exact + suffix
    starts = [i for i in range(len(text)) if text.startswith(needle, i)]
    hits = find_quote(text, exact, prefix, suffix)
    assert hits.count == len(starts)
    assert [s.start - len(prefix) for s in hits.spans] == starts[:MAX_SHOWN]


def _mentions_by_brute_force(
    text: str, aliases: list[Alias], taken: list[Span]
) -> list[tuple[Span, str]]:
    """The documented rule, spelled out: every occurrence on word boundaries that does not
    split a letter from its accent; longest first, then by alias, then leftmost; none may
    overlap an explicit mention or a mention already chosen."""
    owners: dict[str, str] = {}
    for alias in aliases:
        owners.setdefault(alias.text, alias.actor_id)

    def word(char: str) -> bool:
        return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")

    candidates = sorted(
        (-len(alias), alias, start)
        for alias in owners
        for start in range(len(text))
        if text.startswith(alias, start)
        and not (start and (text[start - 1].isalnum() or text[start - 1] == "_"))
        and not (start + len(alias) < len(text) and word(text[start + len(alias)]))
    )
    chosen: list[tuple[Span, str]] = []
    for negative, alias, start in candidates:
        span = Span(start, start - negative)
        if not any(span.overlaps(other) for other in [*taken, *(c[0] for c in chosen)]):
            chosen.append((span, owners[alias]))
    return sorted(chosen)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab .\u0301", max_size=24),
    st.lists(st.text(alphabet="ab .", min_size=1, max_size=4), min_size=1, max_size=5),
    st.lists(st.tuples(st.integers(0, 24), st.integers(1, 6)), max_size=2),
)
def test_alias_mentions_follow_the_documented_rule(
    text: str, alias_texts: list[str], taken_at: list[tuple[int, int]]
) -> None:
    aliases = [Alias(t, f"actor-{i}") for i, t in enumerate(alias_texts)]
    taken = [Span(s, min(s + n, len(text))) for s, n in taken_at if s < len(text)]
    found = find_alias_mentions(text, aliases, taken)
    assert [(m.span, m.actor_id) for m in found] == _mentions_by_brute_force(text, aliases, taken)


def test_thousands_of_aliases_share_one_pattern() -> None:
    aliases = [Alias(f"Person {i}", f"p{i}") for i in range(3_000)] + [Alias("a" * 60, "deep")]
    aliases += [Alias("a" * n, f"a{n}") for n in range(1, 60)]  # nested 60 deep: bounded
    finder = AliasFinder(aliases)
    found = finder.mentions("Person 2999 met Person 12 and " + "a" * 59 + ".")
    assert [m.actor_id for m in found] == ["p2999", "p12", "a59"]


# --- the YAML reader --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("yes", "yes"),  # YAML 1.2: not a boolean
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("null", None),
        ("2024", 2024),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", 1000),
        ("-7", -7),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-.inf", float("-inf")),
        ("2024-12-07", "2024-12-07"),  # dates stay as written: they carry a precision
        ("21:30", "21:30"),
        ("<<", "<<"),  # a merge key only as a key
        ("_", "_"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, value: Any) -> None:
    tree, problems = yaml_tree.parse(f"key: {plain}\n")
    assert not problems and tree is not None
    assert tree.data == {"key": value} and type(tree.data["key"]) is type(value)


def _ruamel_plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _ruamel_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_ruamel_plain(v) for v in node]
    return str(node) if isinstance(node, str) else node


@pytest.mark.parametrize(
    "path",
    [
        *sorted((REPO / "source_texts").rglob("*.yml")),
        *sorted((MINI / "source_texts").rglob("*.yml")),
    ],
    ids=lambda p: p.relative_to(REPO).as_posix(),
)
def test_files_read_as_ruamel_read_them(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree, problems = yaml_tree.parse(source)
    assert not problems and tree is not None
    yaml = YAML(typ="rt")
    yaml.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda c, n: c.construct_scalar(n)
    )
    assert tree.data == _ruamel_plain(yaml.load(source))


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab:-[]{},&*!|>'\"?#%@`~\n \t<\\x0\u202e\u0301")), max_size=80
    )
)
def test_the_yaml_reader_never_raises(source: str) -> None:
    tree, problems = yaml_tree.parse(source)
    assert (tree is None) == bool(problems)
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in problems)
