"""Quote anchoring, alias mentions and the nesting of overlapping spans."""

from __future__ import annotations

from builder.anchoring.mentions import Alias, find_alias_mentions
from builder.anchoring.quotes import find_quote
from builder.core.spans import Span, line_col, paragraphs
from builder.render.nesting import Item, Node, nest

TEXT = "Mr. Assad met Mr. Assad’s brother.\nThe Assad family left."


def test_find_quote_counts_code_points_and_honours_prefix_and_suffix() -> None:
    assert find_quote(TEXT, "Mr. Assad").spans == (Span(0, 9), Span(14, 23))
    assert find_quote(TEXT, "Mr. Assad", prefix="met ").spans == (Span(14, 23),)
    assert find_quote(TEXT, "Mr. Assad", suffix="’s").spans == (Span(14, 23),)
    assert find_quote(TEXT, "brother").spans == (Span(26, 33),)  # ’ is one code point
    assert find_quote(TEXT, "Mr. Assad", prefix="nobody ").count == 0


def test_paragraphs_and_positions() -> None:
    paras = paragraphs("first line\n\n  second  \n")
    assert [(p.number, p.span, p.line) for p in paras] == [
        (1, Span(0, 10), 1),
        (2, Span(14, 20), 3),
    ]
    assert line_col("ab\ncd", 4) == (2, 2)


def test_aliases_match_whole_words_longest_first_and_respect_taken_spans() -> None:
    aliases = [
        Alias("Assad", "bashar"),
        Alias("Mr. Assad", "bashar"),
        Alias("The Assad family", "family"),
    ]
    found = find_alias_mentions(TEXT, aliases)
    assert [(TEXT[m.span.start : m.span.end], m.actor_id) for m in found] == [
        ("Mr. Assad", "bashar"),
        ("Mr. Assad", "bashar"),
        ("The Assad family", "family"),
    ]
    explicit = Span(14, 23)
    found = find_alias_mentions(TEXT, aliases, taken=[explicit])
    assert all(not m.span.overlaps(explicit) for m in found)
    assert find_alias_mentions("Assadism", [Alias("Assad", "x")]) == []


def _shape(nodes: list[Node]) -> list[object]:
    out: list[object] = []
    for node in nodes:
        if node.kind == "text":
            out.append(node.text)
        else:
            out.append((node.kind, node.ref, node.first, node.last, _shape(node.children)))
    return out


def test_crossing_spans_are_split_into_well_nested_pieces() -> None:
    text = "aaa bbb ccc"
    items = [
        Item(Span(0, 7), "claim", "c1"),  # "aaa bbb"
        Item(Span(4, 11), "context", "x1"),  # "bbb ccc" crosses the claim's end
    ]
    assert _shape(nest(text, Span(0, 11), items)) == [
        ("claim", "c1", True, True, ["aaa ", ("context", "x1", True, False, ["bbb"])]),
        ("context", "x1", False, True, [" ccc"]),
    ]


def test_footnote_of_a_highlight_inside_a_link_moves_after_the_link() -> None:
    text = "Mrs. Shabaan arrived"
    items = [Item(Span(0, 12), "mention", "shaaban"), Item(Span(5, 12), "text_note", "n1")]
    (link, rest) = nest(text, Span(0, 20), items)
    assert link.kind == "mention" and link.footnotes_after == [("n1", "")]
    assert link.children[1].kind == "text_note" and link.children[1].last is False
    assert rest.text == " arrived"
