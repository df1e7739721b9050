"""`python -m builder stats`: the coverage figures as text or as stable JSON.

The JSON shape (version 1; keys sorted, lists in text order then position):

    {"version": 1,
     "site":  {FIGURES..., "texts": n, "actors": n, "events": n},
     "texts": [{"slug", "path", "sidecar", FIGURES...,
                "actors": n, "events": n,
                "findings": [{"rule", "path", "line", "col", "excerpt", "detail",
                              "waived": bool}],
                "waivers": [{"rule", "path", "line", "col", "quote", "reason", "waived": n}]}]}

where FIGURES are
    "paragraphs": {"total", "annotated"},
    "statements": {"found", "covered", "waived", "uncovered"},
    "aliases":    {"occurrences", "linked", "waived", "unlinked"},
    "dates":      {"found", "placed", "waived", "unplaced"},
    "bare_paragraphs": {"waived", "open"},
    "claims": {"total", "by_status": {...}, "by_corroboration": {"independent",
               "same_report", "none"}, "anonymous_only", "anonymous_only_share", "unattributed"},
    "citation_needed": n
(for the site, "actors" counts the registry and "citation_needed" adds the registries').
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from builder.core.diagnostics import one_line
from builder.core.model import CoverageRule
from builder.coverage.analysis import Finding, TextCoverage
from builder.coverage.figures import ClaimFigures
from builder.coverage.rules import SiteCoverage

JSON_VERSION = 1


def _tally(findings: Sequence[Finding], rule: CoverageRule) -> tuple[int, int]:
    """(waived, open) findings of `rule`."""
    of_rule = [f for f in findings if f.rule == rule]
    waived = sum(1 for f in of_rule if f.waived_by is not None)
    return waived, len(of_rule) - waived


def _claims(figures: ClaimFigures) -> dict[str, object]:
    return {
        "total": figures.total,
        "by_status": dict(figures.by_status),
        "by_corroboration": dict(figures.by_corroboration),
        "anonymous_only": figures.anonymous_only,
        "anonymous_only_share": figures.anonymous_only_share,
        "unattributed": figures.unattributed,
    }


def _figures(texts: Sequence[TextCoverage]) -> dict[str, object]:
    findings = [f for t in texts for f in t.findings]

    def total(field: str) -> int:
        return sum(int(getattr(t, field)) for t in texts)

    statements, aliases = (
        _tally(findings, "uncovered-statement"),
        _tally(findings, "unlinked-alias"),
    )
    dates, bare = _tally(findings, "unplaced-date"), _tally(findings, "bare-paragraph")
    claims = sum((t.claims for t in texts), ClaimFigures())
    return {
        "paragraphs": {"total": total("paragraphs"), "annotated": total("annotated_paragraphs")},
        "bare_paragraphs": {"waived": bare[0], "open": bare[1]},
        "statements": {
            "found": total("statements"),
            "covered": total("covered_statements"),
            "waived": statements[0],
            "uncovered": statements[1],
        },
        "aliases": {
            "occurrences": total("alias_occurrences"),
            "linked": total("linked_occurrences"),
            "waived": aliases[0],
            "unlinked": aliases[1],
        },
        "dates": {
            "found": total("dates"),
            "placed": total("placed_dates"),
            "waived": dates[0],
            "unplaced": dates[1],
        },
        "claims": _claims(claims),
        "citation_needed": total("citation_needed"),
    }


def _text(coverage: TextCoverage) -> dict[str, object]:
    text = coverage.text
    findings = [
        {
            "rule": f.rule,
            "path": one_line(text.path),
            "line": f.line,
            "col": f.col,
            "excerpt": one_line(f.excerpt),
            "detail": one_line(f.detail),
            "waived": f.waived_by is not None,
        }
        for f in coverage.findings
    ]
    waivers = [
        {
            "rule": use.waiver.rule,
            "path": one_line(use.waiver.origin.path),
            "line": use.waiver.origin.line,
            "col": use.waiver.origin.col,
            "quote": one_line(use.waiver.anchor.quote),
            "reason": one_line(use.waiver.reason),
            "waived": use.waived,
        }
        for use in coverage.waivers
    ]
    return {
        "slug": text.slug,
        "path": one_line(text.path),
        "sidecar": one_line(text.origin.path),
        **_figures([coverage]),
        "actors": len(coverage.actor_ids),
        "events": coverage.events,
        "findings": findings,
        "waivers": waivers,
    }


def as_json(site: SiteCoverage) -> dict[str, object]:
    figures = _figures(site.texts)
    figures["citation_needed"] = int(str(figures["citation_needed"])) + (
        site.citation_needed_in_registries
    )
    figures |= {"texts": len(site.texts), "actors": site.actors, "events": site.events}
    return {"version": JSON_VERSION, "site": figures, "texts": [_text(t) for t in site.texts]}


def format_json(site: SiteCoverage) -> str:
    return json.dumps(as_json(site), indent=2, sort_keys=True, ensure_ascii=False)


# --- text ------------------------------------------------------------------------------------

_RULE_TITLES: dict[str, str] = {
    "bare-paragraph": "paragraphs with no annotation",
    "uncovered-statement": "attributed statements not covered by a claim",
    "unlinked-alias": "names of actors not linked",
    "unplaced-date": "date and time expressions not in the chronology",
}


def _ratio(part: object, whole: object) -> str:
    part_n, whole_n = int(str(part)), int(str(whole))
    share = f" ({100 * part_n / whole_n:.0f}%)" if whole_n else ""
    return f"{part_n}/{whole_n}{share}"


def _figure_lines(figures: dict[str, object]) -> list[str]:
    def get(group: str, key: str) -> object:
        value = figures[group]
        assert isinstance(value, dict)
        return value[key]

    claims = figures["claims"]
    assert isinstance(claims, dict)
    status = ", ".join(f"{k} {v}" for k, v in claims["by_status"].items())
    corroboration = ", ".join(
        f"{k.replace('_', ' ')} {v}" for k, v in claims["by_corroboration"].items()
    )
    waived = "waived"
    return [
        f"paragraphs annotated: {_ratio(get('paragraphs', 'annotated'), get('paragraphs', 'total'))}"
        f", {get('bare_paragraphs', waived)} waived",
        f"attributed statements covered by claims: "
        f"{_ratio(get('statements', 'covered'), get('statements', 'found'))}"
        f", {get('statements', waived)} waived",
        f"alias occurrences linked: "
        f"{_ratio(get('aliases', 'linked'), get('aliases', 'occurrences'))}"
        f", {get('aliases', waived)} waived",
        f"date and time expressions in the chronology: "
        f"{_ratio(get('dates', 'placed'), get('dates', 'found'))}, {get('dates', waived)} waived",
        f"actors: {figures['actors']}; events: {figures['events']}",
        f"claims: {claims['total']} ({status})",
        f"corroboration: {corroboration}",
        f"resting only on anonymous sources: {_ratio(claims['anonymous_only'], claims['total'])}",
        f"with no source given in the text: {_ratio(claims['unattributed'], claims['total'])}",
        f"[citation needed]: {figures['citation_needed']}",
    ]


def _open_lines(text: dict[str, object]) -> list[str]:
    findings = text["findings"]
    assert isinstance(findings, list)
    out: list[str] = []
    for rule, title in _RULE_TITLES.items():
        listed = [f for f in findings if f["rule"] == rule and not f["waived"]]
        if listed:
            out.append(f"  {title}:")
            out += [f"    {f['path']}:{f['line']}:{f['col']}: {f['excerpt']}" for f in listed]
    return out


def _waiver_lines(text: dict[str, object]) -> list[str]:
    waivers = text["waivers"]
    assert isinstance(waivers, list)
    if not waivers:
        return []
    out = ["  waivers:"]
    for w in waivers:
        out.append(
            f"    {w['path']}:{w['line']}:{w['col']}: {w['rule']} “{w['quote']}” "
            f"(waives {w['waived']}): {w['reason']}"
        )
    return out


def format_text(site: SiteCoverage) -> str:
    data = as_json(site)
    lines: list[str] = []
    texts = data["texts"]
    assert isinstance(texts, list)
    for text in texts:
        lines.append(f"{text['slug']} ({text['path']})")
        lines += [f"  {line}" for line in _figure_lines(text)]
        lines += _open_lines(text) + _waiver_lines(text) + [""]
    site_figures = data["site"]
    assert isinstance(site_figures, dict)
    lines.append(f"site ({site_figures['texts']} text(s))")
    lines += [f"  {line}" for line in _figure_lines(site_figures)]
    return "\n".join(lines)
