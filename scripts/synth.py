"""A deterministic generator of synthetic projects in the real input format, for `make bench`.

    python -m scripts.synth DIR --texts 100 [--seed 1]

N texts of news-report length (about 5 kB), about 20 annotations per text across every kind,
about 5 events per text (some with clock times and zones, some derived, some dated at a
month, and one attested in two texts: each text gives its own account of the previous text's
first event), and shared actor and source registries whose aliases occur in the texts. The words
are invented (syllables drawn from a seeded generator), so the project is ours and means
nothing. Every generated project passes `python -m builder check`
(tests/test_bench.py checks that at a small size).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "ma",
    "ne",
    "lu",
    "sa",
    "vo",
    "de",
    "mi",
    "ra",
    "te",
    "lo",
    "na",
    "si",
    "pe",
    "ru",
    "ga",
    "fi",
    "zo",
    "bel",
    "dor",
    "mar",
    "sen",
    "tal",
    "vin",
    "cor",
    "lis",
    "fen",
    "gar",
    "hol",
    "pim",
]
VERBS = ("said", "told reporters", "wrote", "confirmed", "denied", "added", "stated")
ZONES = ("Asia/Damascus", "Europe/Moscow", "Europe/Istanbul", "Asia/Tehran", "UTC")
KINDS = ("person", "organisation", "state", "armed_group", "media", "place")
REPO = Path(__file__).resolve().parent.parent
FILLER = (
    "The talks continued through the night while officials weighed their options",
    "Observers noted that the situation on the ground changed quickly",
    "Several delegations arrived at the venue before the sessions began",
    "The statement was read aloud to the assembled correspondents",
    "Roads into the city were closed for most of the day",
)


# The site's configuration, as a contributor's project would have it (the builder's export
# copies it, minus any hook, next to the exported pages).
MKDOCS_YML = """site_name: Synthetic explainer
theme:
  name: material
  custom_dir: overrides
  features: [content.footnote.tooltips]
markdown_extensions: [admonition, attr_list, footnotes, md_in_html, tables, {toc: {permalink: true}}]
nav:
  - Home: index.md
  - Texts:
      - texts/index.md
  - Chronology: chronology.md
  - Actors: actors/index.md
  - Sources: sources.md
not_in_nav: |
  /actors/*.md
"""


@dataclass(frozen=True, kw_only=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


class Words:
    """Invented, pronounceable, unique words from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self, syllables: int = 3) -> str:
        while True:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(syllables))
            if word not in self.used:
                self.used.add(word)
                return word


def make_actors(rng: random.Random, words: Words, count: int) -> list[Actor]:
    actors = []
    for n in range(count):
        first, last = words.word(2).capitalize(), words.word(3).capitalize()
        kind = KINDS[n % len(KINDS)]
        if kind == "person":
            name = f"{first} {last}"
            aliases = (
                (f"Mr. {last}", last) if n % 2 else (f"Ms. {last}", last, f"{first[0]}. {last}")
            )
        else:
            name = f"{last} {kind.replace('_', ' ').title()}"
            aliases = (last + "ian " + kind.split("_")[0], f"the {last}s")
        actors.append(Actor(id=f"actor-{n}", name=name, kind=kind, aliases=aliases))
    return actors


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def make_text(
    rng: random.Random, words: Words, actors: list[Actor], number: int
) -> tuple[str, str, list[str]]:
    # The first claim of each text is linked to the first claim of the text before it:
    # claims corroborate across texts (of different reports), as in a real explainer.
    """The text, its sidecar and the ids of its claims (for cross-text links)."""
    sentences: list[str] = []
    cast = rng.sample(actors, 8)
    while sum(len(s) + 1 for s in sentences) < 5000:
        actor, other = rng.sample(cast, 2)
        nonce = words.word(4)
        speaker = rng.choice((actor.name, *actor.aliases))
        sentences.append(
            f"{speaker} {rng.choice(VERBS)} that the {nonce} plan involving "
            f"{rng.choice(other.aliases)} had been agreed, according to {rng.randint(2, 9)} officials."
        )
        if rng.random() < 0.5:
            sentences.append(f"{rng.choice(FILLER)} near {words.word(3).capitalize()}.")
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    text = "\n\n".join(paragraphs) + "\n"
    quotable = [s for s in sentences if " plan involving " in s]
    annotations: list[str] = []
    claim_ids: list[str] = []
    for index, sentence in enumerate(quotable[:20]):
        ident = f"t{number}-a{index}"
        quote = sentence[: sentence.index(" had been agreed")]
        kind = ("claim", "claim", "claim", "context", "text_note", "mention")[index % 6]
        if kind == "claim":
            claim_ids.append(ident)
            annotations.append(
                f"  - id: {ident}\n    kind: claim\n    quote: {_q(quote)}\n"
                f"    summary: Claim {index} of text {number}.\n"
                f"    attribution:\n      by: officials\n      named: false\n      count: several\n"
                f"    about: [{cast[index % 8].id}]\n    sources: [src-{number}]\n"
                + (f"    corroborated_by: [t{number - 1}-a0]\n" if index == 0 and number else "")
            )
        elif kind == "context":
            annotations.append(
                f"  - id: {ident}\n    kind: context\n    quote: {_q(quote)}\n"
                f"    note: Background for passage {index}.\n    sources: [src-{number}]\n"
            )
        elif kind == "text_note":
            annotations.append(
                f"  - id: {ident}\n    kind: text_note\n    quote: {_q(quote)}\n"
                f"    problem: ambiguity\n    note: The reference of passage {index} is unclear.\n"
            )
        else:  # an explicit mention of the actor named after "plan involving "
            before, _, named = quote.rpartition(" plan involving ")
            actor = next(a for a in actors if named in (a.name, *a.aliases))
            annotations.append(
                f"  - id: {ident}\n    kind: mention\n"
                f"    quote: {{exact: {_q(named)}, prefix: {_q(before[-30:] + ' plan involving ')}}}\n"
                f"    actor: {actor.id}\n"
            )
    events = []
    for index, sentence in enumerate(quotable[20:25]):
        ident = f"t{number}-e{index}"
        passage = _q(sentence[: sentence.index(" had been agreed")])
        day = 1 + (number + index) % 28
        when = (
            f'    date: "2024-12-{day:02d}"\n    time: "{(index * 5) % 24:02d}:30"\n'
            f"    timezone: {ZONES[index % len(ZONES)]}\n"
            if index % 3 == 0
            else f"    derived_from: {{event: t{number}-e0, offset: {index} days}}\n"
            if index % 3 == 1
            else '    date: "2024-11"\n    qualifier: before\n'
        )
        events.append(
            f"  - id: {ident}\n    title: Event {index} of text {number}\n{when}"
            f"    actors: [{cast[index].id}]\n    sources: [src-{number}]\n"
            f"    passages:\n      - {passage}\n"
        )
    if number and len(quotable) > 25:
        # This text's own account of the previous text's first event: one event attested
        # in two texts (to the day here, to the minute there: the accounts differ).
        passage = _q(quotable[25][: quotable[25].index(" had been agreed")])
        events.append(
            f"  - account_of: t{number - 1}-e0\n"
            f'    date: "2024-12-{1 + (number - 1) % 28:02d}"\n'
            f"    sources: [src-{number}]\n    passages:\n      - {passage}\n"
        )
    sidecar = (
        f"title: Synthetic report {number}\nlanguage: en\n"
        f"provenance: Generated by scripts/synth.py for the benchmark; not journalism.\n"
        f"sources: [src-{number}]\nannotations:\n"
        + "".join(annotations)
        + ("events:\n" + "".join(events) if events else "")
    )
    return text, sidecar, claim_ids


def generate(out: Path, texts: int, seed: int = 1) -> None:
    """Write a project with `texts` texts into `out` (which must not exist or be empty)."""
    rng = random.Random(seed)
    words = Words(rng)
    actors = make_actors(rng, words, max(50, texts // 2))
    folder = out / "source_texts"
    (folder / "registry").mkdir(parents=True, exist_ok=True)
    for number in range(texts):
        text, sidecar, _ = make_text(rng, words, actors, number)
        (folder / f"text-{number}.txt").write_text(text, encoding="utf-8")
        (folder / f"text-{number}.yml").write_text(sidecar, encoding="utf-8")
    (folder / "registry" / "actors.yml").write_text(
        "actors:\n"
        + "".join(
            f"  - id: {a.id}\n    name: {_q(a.name)}\n    kind: {a.kind}\n"
            f"    aliases: [{', '.join(_q(x) for x in a.aliases)}]\n"
            for a in actors
        ),
        encoding="utf-8",
    )
    (folder / "registry" / "sources.yml").write_text(
        "sources:\n"
        + "".join(
            f"  - id: src-{n}\n    title: Synthetic source {n}\n    kind: news_report\n"
            for n in range(texts)
        ),
        encoding="utf-8",
    )
    (out / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    # The theme override that keeps page titles escaped travels with every project.
    overrides = out / "overrides"
    overrides.mkdir(exist_ok=True)
    for template in (REPO / "overrides").glob("*.html"):
        (overrides / template.name).write_bytes(template.read_bytes())
    docs = out / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text("# Synthetic explainer\n\nGenerated for the benchmark.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--texts", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.texts, args.seed)


if __name__ == "__main__":
    main()
