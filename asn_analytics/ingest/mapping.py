"""File headers to canonical columns: alias matching, dataset recognition, missing columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from asn_analytics import reference
from asn_analytics.ingest.contracts import Dataset
from asn_analytics.ingest.datasets import DATASETS


def header_key(header: str) -> str:
    """A header as matched: case-folded, without spaces, dots, dashes and underscores."""
    return re.sub(r"[\s.\-_]+", "", header.replace("\ufeff", "").strip().strip('"').casefold())


def _index(spec: Dataset) -> dict[str, str]:
    index: dict[str, str] = {}
    # Canonical names first, then aliases in their stated order.
    for column in spec.columns.values():
        index.setdefault(header_key(column.name), column.name)
    for column in spec.columns.values():
        for alias in column.aliases:
            index.setdefault(header_key(alias), column.name)
    return index


def _fallback(spec: Dataset) -> dict[str, str]:
    return {header_key(h): c.name for c in spec.columns.values() for h in c.fallback}


ALIASES: dict[str, dict[str, str]] = {name: _index(spec) for name, spec in DATASETS.items()}
FALLBACK: dict[str, dict[str, str]] = {name: _fallback(s) for name, s in DATASETS.items()}
ALL_KEYS = frozenset(k for index in (*ALIASES.values(), *FALLBACK.values()) for k in index)


@dataclass(frozen=True)
class Mapping:
    """Which file column feeds which canonical column."""

    columns: dict[int, str]  # file column position -> canonical column
    headers: list[str]
    unrecognised: list[str]

    @property
    def by_header(self) -> dict[str, str]:
        return {self.headers[i]: c for i, c in self.columns.items()}

    @property
    def present(self) -> set[str]:
        return set(self.columns.values())

    def header_of(self, column: str) -> str:
        """The file's header for a canonical column (the column's own name when not mapped)."""
        for i, c in self.columns.items():
            if c == column:
                return self.headers[i]
        return column


def header_score(cells: list[str], override: dict[str, str | None] | None = None) -> int:
    """How many cells of a candidate header row name a known column (of any dataset)."""
    keys = {header_key(k) for k in override or {}}
    return sum(
        1 for c in cells if c.strip() and (header_key(c) in ALL_KEYS or header_key(c) in keys)
    )


# An SKM header that names its element ("U8 Sarana dan Prasarana", "Unsur 9 - Pengaduan") is read
# by that name: tools disagree on which of U8/U9 is complaint handling and which is facilities.
_NUMBERED = re.compile(r"^(u|unsur)[1-9]")
_ELEMENT_WORDS = {
    element["code"]: re.compile(element["words"]) for element in reference.load("ikm")["element"]
}


def _named_element(key: str) -> str | None:
    """The SKM element a numbered header names, when it names exactly one."""
    if not _NUMBERED.match(key):
        return None
    named = [e for e, pattern in _ELEMENT_WORDS.items() if pattern.search(key)]
    return named[0] if len(named) == 1 else None


def map_headers(
    headers: list[str], dataset: str, override: dict[str, str | None] | None = None
) -> Mapping:
    """Map each header to a column of `dataset`; `override` ({header: column or None}) wins.

    SKM answers are read by the element a header names before its number ("U8 Sarana" is
    facilities), then by the regulation's order (U8 complaint handling, U9 facilities)."""
    index, fallback = ALIASES[dataset], FALLBACK[dataset]
    forced = {header_key(h): c for h, c in (override or {}).items()}
    columns: dict[int, str] = {}
    taken: set[str] = set()

    def place(position: int, column: str | None) -> None:
        if column and column not in taken and position not in columns:
            columns[position] = column
            taken.add(column)

    keys = [header_key(h) for h in headers]
    for position, key in enumerate(keys):  # the officer's mapping first: it always wins
        if key in forced:
            place(position, forced[key])
    free = [(position, key) for position, key in enumerate(keys) if key not in forced]
    if DATASETS[dataset].answers:
        for position, key in free:
            place(position, _named_element(key))
    for position, key in free:
        place(position, index.get(key))
    # A fallback header (a PNS ID) feeds its column only when no header of its own does.
    for position, key in free:
        place(position, fallback.get(key))
    if DATASETS[dataset].answers:
        _last_element(headers, columns, taken, forced)
    _one_level(DATASETS[dataset], columns, taken)
    unrecognised = [h for i, h in enumerate(headers) if i not in columns and h.strip()]
    return Mapping(columns, headers, unrecognised)


def _one_level(spec: Dataset, columns: dict[int, str], taken: set[str]) -> None:
    """A file with one level of units ("OPD" alone, or "nama_opd" in a units list) gives it as
    the unit: the OPD header feeds the unit column when no header names the unit."""
    kinds = {c.kind.name: c.name for c in spec.columns.values()}
    unit = kinds.get("unit") or kinds.get("unit_name")
    opd = kinds.get("opd")
    if unit is None or opd is None or unit in taken or opd not in taken:
        return
    position = next(p for p, c in columns.items() if c == opd)
    columns[position] = unit
    taken.discard(opd)
    taken.add(unit)


def _last_element(
    headers: list[str], columns: dict[int, str], taken: set[str], forced: dict[str, object]
) -> None:
    """A bare "U8" left over once "U9 Pengaduan" took complaint handling is the element left."""
    free = [e for e in _ELEMENT_WORDS if e not in taken]
    bare = [
        i
        for i, h in enumerate(headers)
        if i not in columns and header_key(h) not in forced
        and re.fullmatch(r"(u|unsur)[1-9]", header_key(h))
    ]  # fmt: skip
    if len(free) == 1 and len(bare) == 1:
        columns[bare[0]] = free[0]
        taken.add(free[0])


def detect(headers: list[str], override: dict[str, str | None] | None = None) -> str | None:
    """The dataset whose required columns are all present and which matches the most headers."""
    best: tuple[int, int, str] | None = None
    for order, name in enumerate(DATASETS):
        mapping = map_headers(headers, name, _valid_override(name, override))
        if DATASETS[name].required_columns(mapping.present):
            continue
        score = (len(mapping.columns), -order, name)
        if best is None or score > best:
            best = score
    return best[2] if best else None


def closest(headers: list[str]) -> tuple[str, list[str]]:
    """The dataset that matches the most headers, and its missing required columns."""
    scored = []
    for order, name in enumerate(DATASETS):
        mapping = map_headers(headers, name)
        scored.append((len(mapping.columns), -order, name, mapping))
    _, _, name, mapping = max(scored, key=lambda s: s[:2])
    return name, DATASETS[name].required_columns(mapping.present)


def _valid_override(
    dataset: str, override: dict[str, str | None] | None
) -> dict[str, str | None] | None:
    if not override:
        return None
    known = DATASETS[dataset].columns
    return {h: c for h, c in override.items() if c is None or c == "" or c in known}


def check_override(dataset: str, override: dict[str, str | None] | None) -> list[str]:
    """Mapping targets that are not columns of `dataset`."""
    known = DATASETS[dataset].columns
    return [f"{h} -> {c}" for h, c in (override or {}).items() if c and c not in known]
