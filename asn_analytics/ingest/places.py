"""Resolving a region named in a file (a code or a name, written generously) and its work units.

The engine calls these on the distinct values of a column, never per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from asn_analytics.units import slug

# Leading words that say what kind of government a name is; "pemerintah" and "daerah" only decorate.
_KIND_WORDS = {
    "pemerintah": None,
    "daerah": None,
    "pemda": None,
    "kota": "kota",
    "pemkot": "kota",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "pemkab": "kabupaten",
    "provinsi": "provinsi",
    "propinsi": "provinsi",
    "prov": "provinsi",
    "pemprov": "provinsi",
}
_CODE = re.compile(r"[0-9]{2}([.\s]?[0-9]{2})?")


def split_name(name: str) -> tuple[str | None, str]:
    """(kind, core) of a name: 'Pemerintah Kab. Batang Hari' -> ('kabupaten', 'batanghari')."""
    words = re.sub(r"[\W_]+", " ", name.casefold()).split()
    kind = None
    while words and words[0] in _KIND_WORDS:
        kind = _KIND_WORDS[words.pop(0)] or kind
    return kind, "".join(words)


@dataclass(frozen=True)
class Resolved:
    """A region value resolved: its code, or the issue code and detail explaining why not."""

    region_code: str | None
    issue: str | None = None
    detail: str | None = None


class Regions:
    """The regions of the database, indexed by code and by the core of their name."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.names = {code: name for code, name, _ in rows}
        self.kinds = {code: kind for code, _, kind in rows}
        self.by_core: dict[str, list[str]] = {}
        for code, name, _ in rows:
            self.by_core.setdefault(split_name(name)[1], []).append(code)

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Regions:
        return cls(con.execute("SELECT region_code, name, kind FROM regions").fetchall())

    def resolve(self, value: str) -> Resolved:
        """A code ('1275', '12.75') or a name ('Kota Medan', 'PEMKOT MEDAN', 'Tanjung Balai')."""
        text = value.strip()
        if _CODE.fullmatch(text):
            code = re.sub(r"[.\s]", "", text)
            if code in self.names:
                return Resolved(code)
            return Resolved(None, "region_unknown")
        kind, core = split_name(text)
        candidates = self.by_core.get(core, [])
        if kind is not None:
            candidates = [c for c in candidates if self.kinds[c] == kind]
        if len(candidates) == 1:
            return Resolved(candidates[0])
        if not candidates:
            return Resolved(None, "region_unknown")
        names = ", ".join(f"{self.names[c]} ({c})" for c in sorted(candidates))
        return Resolved(None, "region_ambiguous", names)

    def suffixes(self, code: str) -> list[str]:
        """Slugs a unit name may end with that only repeat its region ('... kota medan')."""
        kind, _ = split_name(self.names[code])
        core_words = slug(self.names[code]).split()
        while core_words and core_words[0] in _KIND_WORDS:
            core_words.pop(0)
        core = " ".join(core_words)
        short = {"kota": "pemkot", "kabupaten": "pemkab", "provinsi": "pemprov"}.get(kind or "")
        forms = [slug(self.names[code]), f"pemerintah {slug(self.names[code])}"]
        if kind == "kabupaten":
            forms.append(f"kab {core}")
        if short:
            forms.append(f"{short} {core}")
        return sorted(set(forms), key=len, reverse=True)


@dataclass(frozen=True)
class UnitMatch:
    """A unit name resolved in a region: the key, the name as the file writes it, and whether the
    unit is new (then the name is the one it is created with: the first seen)."""

    unit_id: str
    name: str
    is_new: bool


class Units:
    """The known work units, for matching names in a file (and creating the new ones)."""

    def __init__(self, rows: list[tuple[str, str]], regions: Regions) -> None:
        self.known = {unit_id: name for unit_id, name in rows}
        self.regions = regions
        self.created: dict[str, str] = {}

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, regions: Regions) -> Units:
        return cls(con.execute("SELECT unit_id, name FROM units").fetchall(), regions)

    def resolve(self, region_code: str, value: str) -> UnitMatch | None:
        """The unit `value` names in the region; None when the name has no letter or digit."""
        name = " ".join(value.split())
        key = slug(name)
        if not key:
            return None
        words = name.split()
        for suffix in self.regions.suffixes(region_code):
            if key.endswith(" " + suffix):
                # Drop the trailing words that only repeat the region.
                for n in range(1, len(words)):
                    if slug(" ".join(words[-n:])) == suffix:
                        name, key = " ".join(words[:-n]), slug(" ".join(words[:-n]))
                        break
                break
        unit_id = f"{region_code}:{key}"
        if unit_id in self.known:
            return UnitMatch(unit_id, name, False)
        if unit_id not in self.created:
            self.created[unit_id] = name
        return UnitMatch(unit_id, self.created[unit_id], True)
