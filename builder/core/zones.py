"""IANA time zones, always read from the pinned `tzdata` package.

`zoneinfo.ZoneInfo(name)` looks in the machine's tz database (/usr/share/zoneinfo)
before `tzdata`, so the same input gave different UTC times on machines with
different tz releases. It also opens whatever file the name points to: folders
(`Asia`, IsADirectoryError), `localtime` (the building machine's own zone),
`posixrules`, `right/...`. Here a name is accepted only if tzdata's own zone list
(`tzdata.zi`) has it, and every zone is read from the package's files.

The module also answers the two questions a local clock time raises on the day
clocks change: did it exist at all (a gap), and did it happen twice (a fold)?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal
from zoneinfo import ZoneInfo

_PACKAGE = "tzdata.zoneinfo"
UTC_NAME = "UTC"
# tz database names for UTC itself; contributors are asked to write plain `UTC`.
_UTC_ZONES = frozenset({"Etc/UTC", "Etc/GMT"})
_PLACEHOLDERS = frozenset({"Factory"})
# `UTC+3`, `GMT-05:00`, `+0300`, `3`, `Etc/GMT+3` in any case: offsets, not places.
_FIXED_OFFSET = re.compile(
    r"(?:Etc/)?(?:UTC|GMT|Z)?\s*[+\-\u2212]?\s*[0-9]{1,2}(?::?[0-9]{2})?", re.IGNORECASE
)
IANA_HINT = "use an IANA name such as Asia/Damascus, Europe/Moscow or UTC"


@dataclass(frozen=True, kw_only=True)
class TzNames:
    """The names in the pinned tz database."""

    version: str
    zones: frozenset[str]  # canonical zones (`Z` lines of tzdata.zi)
    links: Mapping[str, str]  # an older or alternative name -> its canonical zone


@cache
def tz_names() -> TzNames:
    text = files(_PACKAGE).joinpath("tzdata.zi").read_text(encoding="utf-8")
    version = ""
    zones: set[str] = set()
    raw_links: dict[str, str] = {}
    for line in text.splitlines():
        fields = line.split()
        if line.startswith("# version") and len(fields) == 3:
            version = fields[2]
        elif fields[:1] == ["Z"] and len(fields) > 1:
            zones.add(fields[1])
        elif fields[:1] == ["L"] and len(fields) == 3:
            raw_links[fields[2]] = fields[1]
    links: dict[str, str] = {}
    for name, target in raw_links.items():
        seen = {name}
        while target in raw_links and target not in seen:  # links to links, defensively
            seen.add(target)
            target = raw_links[target]
        if target in zones:
            links[name] = target
    return TzNames(version=version, zones=frozenset(zones), links=links)


@cache
def load_zone(name: str) -> ZoneInfo:
    """The zone `name` as the pinned tzdata defines it (never the system's database).

    Only names of the database are opened: anything else is a KeyError, so no
    contributor string becomes a path."""
    names = tz_names()
    if name not in names.zones and name not in names.links:
        raise KeyError(name)
    resource = files(_PACKAGE)
    for part in name.split("/"):
        resource = resource.joinpath(part)
    with resource.open("rb") as handle:
        return ZoneInfo.from_file(handle, key=name)


# --- names -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ZoneProblem:
    """Why a `timezone:` value is refused (error) or should be changed (warning)."""

    message: str
    hint: str
    code: str  # the diagnostic's stable code (`unknown-timezone`)
    severity: Literal["error", "warning"] = "error"


@lru_cache(maxsize=4096)
def zone_problem(name: str) -> ZoneProblem | None:
    """None when `name` is a canonical IANA zone (or `UTC`), else what is wrong with it."""
    names = tz_names()
    if name == UTC_NAME or (name in names.zones and not _refused_zone(name)):
        return None
    target = names.links.get(name, name if name in names.zones else None)
    if target in _UTC_ZONES:
        return ZoneProblem(
            message="another name for UTC",
            hint="write timezone: UTC",
            severity="warning",
            code="utc-alias",
        )
    if target is not None and target.startswith("Etc/"):
        return ZoneProblem(
            message="a fixed UTC offset is not a time zone",
            hint=f"{IANA_HINT} (beware: in the tz database Etc/GMT+3 means UTC-3)",
            code="fixed-offset-timezone",
        )
    if target in _PLACEHOLDERS:
        return ZoneProblem(
            message="a placeholder of the tz database, not the time zone of a place",
            hint=IANA_HINT,
            code="placeholder-timezone",
        )
    if target is not None:
        return ZoneProblem(
            message=f"an old or alternative name (a link) for {target!r}",
            hint=f"write timezone: {target}",
            severity="warning",
            code="timezone-link",
        )
    if _FIXED_OFFSET.fullmatch(name.strip()):
        return ZoneProblem(
            message="a fixed UTC offset is not a time zone",
            hint=IANA_HINT,
            code="fixed-offset-timezone",
        )
    return _unknown_zone(name)


def _refused_zone(name: str) -> bool:
    return name.startswith("Etc/") or name in _PLACEHOLDERS


@dataclass(frozen=True, kw_only=True)
class _Suggestions:
    usable: tuple[str, ...]  # canonical zones a contributor may write, sorted
    by_case: Mapping[str, str]  # casefolded name -> every name a contributor may write
    by_region: Mapping[str, tuple[str, ...]]  # casefolded `Asia` -> its names


@cache
def _suggestions() -> _Suggestions:
    names = tz_names()
    usable = tuple(sorted(z for z in names.zones if not _refused_zone(z)))
    writable = sorted({*usable, UTC_NAME, *names.links})
    by_region: dict[str, list[str]] = {}
    for name in writable:
        by_region.setdefault(name.partition("/")[0].casefold(), []).append(name)
    return _Suggestions(
        usable=usable,
        by_case={name.casefold(): name for name in writable},
        by_region={region: tuple(names) for region, names in by_region.items()},
    )


def _unknown_zone(name: str) -> ZoneProblem:
    known = _suggestions()
    region = [z for z in known.usable if z.startswith(name + "/")]
    if region:
        return ZoneProblem(
            message="a region of the tz database, not a time zone",
            hint=f"name the zone of the place, e.g. {' or '.join(region[:2])}",
            code="timezone-region",
        )
    if name == "localtime":
        return ZoneProblem(
            message="not a time zone in the IANA tz database",
            hint=f"'localtime' is whatever zone the building machine is set to; {IANA_HINT}",
            code="unknown-timezone",
        )
    for candidate in (name, name.partition("/")[2]):  # `posix/Europe/Berlin`, `right/...`
        if candidate.casefold() in known.by_case:
            return ZoneProblem(
                message="not a time zone in the IANA tz database",
                hint=f"did you mean {known.by_case[candidate.casefold()]!r}?",
                code="unknown-timezone",
            )
    return ZoneProblem(
        message="not a time zone in the IANA tz database",
        hint=_did_you_mean(name, known) or IANA_HINT,
        code="unknown-timezone",
    )


def _did_you_mean(name: str, known: _Suggestions) -> str:
    """The closest name, searched within the name's region when it has one (fast enough
    for thousands of misspelt zones); no zone name is longer than 32 characters."""
    if len(name) > 64:
        return ""
    region, slash, _ = name.partition("/")
    choices = known.by_region.get(region.casefold(), ()) if slash else ()
    close = difflib.get_close_matches(name, choices or list(known.by_case.values()), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


# --- clock changes -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ClockChange:
    """A change of a zone's UTC offset, seen from a local clock time it affects.

    For a gap (clocks went forward) the time never existed: `earlier_utc` and
    `later_utc` are what it would be read with the offset after and before the change.
    For a fold (clocks went back) it happened twice, at `earlier_utc` and `later_utc`."""

    kind: Literal["gap", "fold"]
    clock_from: datetime  # local wall time at which the clocks were changed (naive)
    clock_to: datetime  # local wall time they were set to (naive)
    offset_before: timedelta
    offset_after: timedelta
    earlier_utc: datetime
    later_utc: datetime


def clock_change(local: datetime, zone: ZoneInfo) -> ClockChange | None:
    """The gap or fold `local` (naive wall time) falls in, or None for an ordinary time.

    Raises OverflowError when a reading falls outside years 1 to 9999 in UTC."""
    first, second = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    offset_first = first.utcoffset() or timedelta(0)
    offset_second = second.utcoffset() or timedelta(0)
    if offset_first == offset_second:
        return None
    # PEP 495: fold=0 reads a time with the offset in force before the change. Clocks
    # that went forward (the offset grew) skipped it; clocks that went back repeat it.
    kind: Literal["gap", "fold"] = "gap" if offset_first < offset_second else "fold"
    readings = sorted([local - offset_first, local - offset_second])
    change = _transition(readings[0], readings[1], zone)
    return ClockChange(
        kind=kind,
        clock_from=change + offset_first,
        clock_to=change + offset_second,
        offset_before=offset_first,
        offset_after=offset_second,
        earlier_utc=readings[0].replace(tzinfo=UTC),
        later_utc=readings[1].replace(tzinfo=UTC),
    )


def _transition(low: datetime, high: datetime, zone: ZoneInfo) -> datetime:
    """The first UTC instant in (low, high] with the offset in force at `high` (naive UTC).

    A binary search over seconds: zoneinfo does not expose its transitions."""

    def offset_at(moment: datetime) -> timedelta:
        local = moment.replace(tzinfo=UTC).astimezone(zone)
        return local.utcoffset() or timedelta(0)

    target = offset_at(high)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) // 2
        if offset_at(middle) == target:
            high = middle
        else:
            low = middle
    return high


def wall_to_utc(local: datetime, zone: ZoneInfo, *, earliest: bool) -> datetime:
    """The UTC instant the local clock in `zone` reads `local` (naive): for a time a
    gap skipped, the moment the clocks jumped past it; for one that happened twice,
    the earlier reading if `earliest`, else the later (so a range is never too short).

    Raises OverflowError when the reading falls outside years 1 to 9999 in UTC."""
    change = clock_change(local, zone)
    if change is None:
        return local.replace(tzinfo=zone).astimezone(UTC)
    if change.kind == "gap":
        return (change.clock_from - change.offset_before).replace(tzinfo=UTC)
    return change.earlier_utc if earliest else change.later_utc
