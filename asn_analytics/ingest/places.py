"""Resolving a region named in a file (a code or a name, written generously) and its work units.

The engine calls these on the distinct values of a column, never per row.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from asn_analytics import reference, units
from asn_analytics.ingest.errors import ImportRefused
from asn_analytics.units import normal, slug

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


@dataclass(frozen=True)
class Suggestion:
    """A unit a file names anew, and the known units of its region whose names are close to it
    (unit_id, name), closest first: 'RSUD Sawahlunto' beside 'Rumah Sakit Umum Daerah'."""

    region_code: str
    name: str
    unit_id: str
    candidates: tuple[tuple[str, str], ...]


UnitAliases = Mapping[tuple[str, str], str]  # (region_code, name as written) -> unit_id


class Units:
    """The known work units, for matching names in a file (and creating the new ones).

    A name matches a unit whose name, or one of whose aliases (table unit_aliases, or `aliases`
    given for this import), is the same after units.normal().
    """

    def __init__(
        self,
        rows: list[tuple[str, str, str]],
        regions: Regions,
        aliases: list[tuple[str, str, str]] = (),
    ) -> None:
        self.known = {unit_id: name for unit_id, _, name in rows}
        self.region_of = {unit_id: region for unit_id, region, _ in rows}
        self.regions = regions
        self.by_normal: dict[tuple[str, str], str] = {}
        for unit_id, region, name in sorted(rows):
            self.by_normal.setdefault((region, normal(name)), unit_id)
        for region, alias, unit_id in aliases:
            if self.region_of.get(unit_id) == region:
                self.by_normal.setdefault((region, normal(alias)), unit_id)
        self.created: dict[str, str] = {}
        self.created_region: dict[str, str] = {}

    @classmethod
    def load(
        cls,
        con: duckdb.DuckDBPyConnection,
        regions: Regions,
        aliases: UnitAliases | None = None,
    ) -> Units:
        """The units of the database with their stored aliases, and `aliases` on top (a stored
        alias of the same name gives way)."""
        rows = con.execute("SELECT unit_id, region_code, name FROM units").fetchall()
        given = [(region, name, unit_id) for (region, name), unit_id in (aliases or {}).items()]
        regions_of = {unit_id: region for unit_id, region, _ in rows}
        wrong = [f"{name} -> {unit_id}" for region, name, unit_id in given
                 if regions_of.get(unit_id) != region]  # fmt: skip
        if wrong:
            raise ImportRefused("bad_unit_alias", detail="; ".join(sorted(wrong)))
        stored = con.execute("SELECT region_code, alias, unit_id FROM unit_aliases").fetchall()
        return cls(rows, regions, [*given, *stored])

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
                        name = " ".join(words[:-n])
                        break
                break
        identity = (region_code, normal(name))
        if identity in self.by_normal:
            found = self.by_normal[identity]
            if found in self.created:
                return UnitMatch(found, self.created[found], True)
            return UnitMatch(found, name, False)
        unit_id = units.unit_id(region_code, name)
        length = units.HASH_LENGTH
        while unit_id in self.known or unit_id in self.created:  # the slug is another name's
            unit_id = units.hashed_id(region_code, name, length)
            length += 4
        self.by_normal[identity] = unit_id
        self.created[unit_id] = name
        self.created_region[unit_id] = region_code
        return UnitMatch(unit_id, name, True)

    def suggestions(self, new: set[str] | None = None) -> list[Suggestion]:
        """For each unit created (of those in `new`, if given), the known units of its region
        whose expanded names are close (reference/unit_names.toml)."""
        vocabulary = _unit_names()
        by_region: dict[str, list[tuple[str, str, str]]] = {}
        for unit_id, name in self.known.items():
            region = self.region_of[unit_id]
            by_region.setdefault(region, []).append((unit_id, name, self._expanded(region, name)))
        out = []
        for unit_id, name in sorted(self.created.items()):
            if new is not None and unit_id not in new:
                continue
            region = self.created_region[unit_id]
            mine = self._expanded(region, name)
            matcher = difflib.SequenceMatcher(None, b=mine, autojunk=False)
            scored = []
            for known_id, known_name, theirs in by_region.get(region, ()):
                matcher.set_seq1(theirs)
                if (
                    matcher.real_quick_ratio() >= vocabulary["similarity"]
                    and matcher.quick_ratio() >= vocabulary["similarity"]
                    and (score := matcher.ratio()) >= vocabulary["similarity"]
                ):
                    scored.append((-score, known_id, known_name))
            if scored:
                best = tuple((i, n) for _, i, n in sorted(scored)[: vocabulary["suggestions"]])
                out.append(Suggestion(region, name, unit_id, best))
        return out

    def _expanded(self, region_code: str, name: str) -> str:
        """The slug with abbreviations spelt out and a trailing region name dropped."""
        words = []
        for word in slug(name).split():
            words.extend(_unit_names()["abbreviations"].get(word, word).split())
        text = " ".join(words)
        for tail in self._tails(region_code):
            if text.endswith(" " + tail):
                return text[: -len(tail) - 1]
        return text

    def _tails(self, region_code: str) -> list[str]:
        if region_code not in self.regions.names:
            return []
        _, core = split_name(self.regions.names[region_code])
        words = slug(self.regions.names[region_code]).split()
        while words and words[0] in _KIND_WORDS:
            words.pop(0)
        return [*self.regions.suffixes(region_code), " ".join(words), core]


@functools.cache
def _unit_names() -> dict:
    return reference.load("unit_names")
