"""A page joined from parts cleaned one by one (builder/render/parts.py) is byte for byte
the page cleaned whole, with the same actor links found, at every kind of seam."""

from __future__ import annotations

from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from builder.render import parts
from builder.render.previews import linked_actors

PAGE = "sources.md"
scan = partial(linked_actors, PAGE)

# Pieces that meet at seams: newlines, spaces and other whitespace, links to actor pages
# (whole, or cut where a seam could cut them), and words.
_PIECES = st.sampled_from(
    [
        "\n",
        "\n\n\n",
        " ",
        "\u00a0",
        "\t",
        "word",
        "é",
        "[A](actors/a.md)",
        "[B](actors/b.md#x)",
        "[C](actors/c.md",
        ")",
        "](actors/d.md",
        "[E](texts/e.md)",
        '[F](actors/f.md "t")',
    ]
)
_TEXTS = st.lists(_PIECES, max_size=12).map("".join)


def _whole(texts: list[str]) -> str:
    return parts.cleaned("".join(texts))


@given(st.lists(_TEXTS, max_size=6))
def test_parts_join_to_the_page_cleaned_whole(texts: list[str]) -> None:
    made = [parts.part(text, scan) for text in texts]
    expected = _whole(texts)
    assert parts.whole(made) == expected
    joined = parts.joined(made)
    if joined is not None:
        markdown, found = joined
        assert markdown == expected.encode("utf-8")
        assert found == scan(expected)


def test_sections_that_end_in_newlines_are_joined_part_by_part() -> None:
    texts = [
        "# Sources\n\nIntro.\n\n",
        "## One\n\n[A](actors/a.md)\n\n\n\n",
        "\n",
        "## Two [B](actors/b.md\n",
    ]
    joined = parts.joined([parts.part(text, scan) for text in texts])
    assert joined is not None
    assert joined[0] == _whole(texts).encode("utf-8")
    assert joined[1] == ("a", "b")  # the last link is seen with the newline after it


def test_seams_that_cannot_be_joined_part_by_part_are_left_to_the_whole_page() -> None:
    run_together = ["[A](actors/", "a.md)\n"]  # a link across two parts
    spaced_end = ["Words.\n", "More words. \u00a0\n"]  # str.strip takes the no-break space
    for texts in (run_together, spaced_end):
        made = [parts.part(text, scan) for text in texts]
        assert parts.joined(made) is None
        assert parts.whole(made) == _whole(texts)
    assert scan(_whole(run_together)) == ("a",)
