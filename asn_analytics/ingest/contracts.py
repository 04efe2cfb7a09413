"""What a dataset declaration is: its columns, their kinds, and the hooks of its own rules.

Each dataset declares itself in one file, `ingest/datasets/<name>.py`: its table and key, each
column's kind, header aliases (SIASN, e-Kinerja, LAPOR!, survey tools, Indonesian headers),
enumeration, range and documentation, and, as SQL over the engine's typed table, its own row rules
and derivations. The engine (validation.py) reads these declarations and checks a whole file at
once in DuckDB; it names no dataset. Every rule exists once, in that SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from asn_analytics.ingest.vocabulary import Normaliser


@dataclass(frozen=True)
class Kind:
    """How the engine reads a column.

    text; code (an identifier kept as text: Excel's text apostrophe goes); int, decimal, date,
    timestamp; enum (closed list, `normalise` to a code, unknown values rejected or left empty);
    open (known spellings normalised, others kept); nip (NIP rules); staff_nip (a NIP that must
    belong to a known staff member); region (a code or a name, resolved against the regions
    table); unit (a unit name in the row's region, created when new); opd (the name of the OPD the
    row's unit belongs to, a unit too: it becomes the unit's parent); unit_name (the name of a unit
    in the units dataset, whose key it makes); region_code (of the regions dataset).
    """

    name: str
    normalise: Normaliser | None = None
    values: tuple[str, ...] = ()
    target: str | None = None
    # A second stored column read from the same cell: (column, normaliser).
    also: tuple[str, Normaliser] | None = None


TEXT = Kind("text")
CODE = Kind("code")
INT = Kind("int")
DECIMAL = Kind("decimal")
DATE = Kind("date")
TIMESTAMP = Kind("timestamp")
NIP = Kind("nip")
STAFF_NIP = Kind("staff_nip")
REGION = Kind("region", target="region_code")
UNIT = Kind("unit", target="unit_id")
OPD = Kind("opd", target="opd_id")
REGION_CODE = Kind("region_code")
UNIT_NAME = Kind("unit_name", target="unit_id")


def enum(
    normalise: Normaliser,
    values: tuple[str, ...],
    also: tuple[str, Normaliser] | None = None,
) -> Kind:
    """A closed enumeration whose common spellings `normalise` maps to a code. An unknown value
    rejects the row only in a required column, one of the key, or one a required figure is
    derived from (validation.Engine.checks); elsewhere the cell is left empty with a warning.
    `also`: a second stored column the same cell gives, (column, normaliser)."""
    return Kind("enum", normalise, values, also=also)


def open_list(normalise: Normaliser) -> Kind:
    """An open list: known spellings normalised, anything else kept as given."""
    return Kind("open", normalise)


@dataclass(frozen=True)
class Column:
    """One column of a dataset as the engine checks it."""

    name: str
    kind: Kind
    required: bool
    aliases: tuple[str, ...]
    bounds: tuple[tuple[str, float], ...]
    doc: dict[str, str]
    fallback: tuple[str, ...] = ()  # headers read only when no alias of the column is present
    # The issue of a value its enumeration does not know: when it rejects the row, when not.
    rejected: str = "bad_enum"
    unknown: str = "unknown_value"

    @property
    def target(self) -> str:
        """The stored column (region -> region_code, unit -> unit_id)."""
        return self.kind.target or self.name


def column(
    name: str,
    kind: Kind,
    *aliases: str,
    id: str = "",  # noqa: A002
    en: str = "",
    doc: dict[str, str] | None = None,
    required: bool = False,
    fallback: tuple[str, ...] = (),
    gt: float | None = None,
    ge: float | None = None,
    lt: float | None = None,
    le: float | None = None,
    rejected: str = "bad_enum",
    unknown: str = "unknown_value",
) -> Column:
    """A column: its kind, header aliases, documentation in both languages (`id`/`en`, or `doc`)
    and range. `fallback`: headers that feed it only when no header of its own does (a PNS ID
    where a file has no NIP)."""
    bounds = tuple(
        (op, float(bound))
        for op, bound in (("gt", gt), ("ge", ge), ("lt", lt), ("le", le))
        if bound is not None
    )
    text = doc or {"id": id, "en": en}
    return Column(name, kind, required, aliases, bounds, text, fallback, rejected, unknown)


# A dataset's own SQL, given the engine (validation.Engine) of one file:
# rules(engine, add) adds checks, add(column, code, condition, value SQL, detail SQL);
# derive(engine, out) completes `out` (stored column -> SQL) with the values worked out from
# others, and returns the stored columns it works out from columns the file gives (an update
# writes them).
Rules = Callable[[Any, Callable[..., None]], None]
Derive = Callable[[Any, dict[str, str]], set[str]]


@dataclass(frozen=True)
class Dataset:
    """A dataset: its table, key, columns (in file-documentation order) and its own rules."""

    name: str
    table: str
    key: tuple[str, ...]
    columns: dict[str, Column]
    # column -> columns that, when all given, make it optional (it is derived from them)
    required_unless: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rules: Rules | None = None
    derive: Derive | None = None
    # Stored columns the rules compare with: when the file lacks some, the stored row's are read.
    compared: tuple[str, ...] = ()
    # Whether the rules ask if the row's key is stored already (`_stored` in the typed table).
    reads_stored: bool = False
    # Given columns whose empty or unknown cell keeps the stored value rather than the default.
    kept_when_blank: tuple[str, ...] = ()
    # Columns of survey answers, which an officer may put on the regulation's 1-4 scale.
    answers: tuple[str, ...] = ()
    # A row without a key gets one made from these stored columns (prefix + a hash).
    key_from: tuple[str, ...] = ()
    key_prefix: str = ""
    # SQL over the table (as `d`) of the date a row speaks of, for the data's freshness.
    dated_by: str | None = None

    @property
    def creates_units(self) -> bool:
        return any(c.kind.name == "unit" for c in self.columns.values())

    @property
    def is_units(self) -> bool:
        """Whether its rows are the units themselves (a list of work units)."""
        return any(c.kind.name == "unit_name" for c in self.columns.values())

    def column_of(self, target: str) -> str:
        """The file's column a stored column comes from (its own name when none)."""
        for col in self.columns.values():
            if col.target == target:
                return col.name
        return target

    def required_columns(self, present: set[str]) -> list[str]:
        """Required columns missing from `present` (a column derivable from others is not)."""
        missing = []
        for col in self.columns.values():
            if not col.required or col.name in present:
                continue
            missing.append(col.name)
        for name, sources in self.required_unless.items():
            if name not in present and not set(sources) <= present:
                missing.append(name)
        return missing


def declare(name: str, key: tuple[str, ...], columns: tuple[Column, ...], **hooks: Any) -> Dataset:
    """A dataset stored in the table of its own name."""
    return Dataset(name, name, key, {c.name: c for c in columns}, **hooks)


# Headers shared by several datasets.
REGION_ALIASES = (
    "wilayah",
    "region_code",
    "pemda",
    "instansi_induk_nama",
    "instansi_kerja_nama",
    "instansi",
    "kode_wilayah",
    "nama_pemda",
    "pemerintah_daerah",
)
REGION_DOC = {
    "id": "wilayah: kode (1275) atau nama (Kota Medan, Pemerintah Kota Medan, Medan)",
    "en": "region: a code (1275) or a name (Kota Medan, Pemerintah Kota Medan, Medan)",
}
# SIASN's OPD of a unit: SATUAN KERJA KERJA NAMA (Export Data ASN), the unor induk of the web
# services. A file with one level of units gives it as the unit (mapping.map_headers).
OPD_ALIASES = (
    "satuan_kerja_kerja_nama",
    "satuan_kerja_nama",
    "unor_induk_nama",
    "nama_unor_induk",
    "unor_induk",
    "opd",
    "nama_opd",
    "perangkat_daerah",
    "skpd",
    "satker",
)
OPD_DOC = {
    "id": "OPD tempat unit kerja berada (SATUAN KERJA KERJA NAMA); bila berkas hanya punya satu"
    " tingkat unit, itulah unitnya",
    "en": "the OPD the work unit belongs to (SATUAN KERJA KERJA NAMA); a file with one level of"
    " units gives it as the unit",
}
# Headers that name a staff member by SIASN's PNS ID where a file has no NIP.
STAFF_ID_HEADERS = ("pnsDinilaiId", "idPns", "pns_id", "PNS ID", "pnsId")
