"""NIP (PNS) and NI PPPK decoding and validation; the rules themselves are SQL in nip.sql."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources

import duckdb

NIP_SQL = (resources.files("asn_analytics") / "nip.sql").read_text(encoding="utf-8")

# Reason texts for the codes nip.sql returns; {value} is the cleaned NIP, {length} its length.
MESSAGES: dict[str, dict[str, str]] = {
    "nip_missing": {"id": "NIP kosong", "en": "NIP is empty"},
    "nip_scientific": {
        "id": "NIP {value} diubah Excel menjadi angka (notasi ilmiah) dan digit terakhirnya "
        "hilang; format kolom NIP sebagai Teks di Excel lalu ekspor lagi dari sumbernya",
        "en": "Excel turned NIP {value} into a number (scientific notation) and its last digits "
        "are lost; format the NIP column as Text in Excel and export it again from its source",
    },
    "nip_not_digits": {
        "id": "NIP hanya boleh berisi angka, ditemukan {value}",
        "en": "NIP may contain digits only, found {value}",
    },
    "nip_length": {
        "id": "NIP harus 18 digit, ditemukan {length}",
        "en": "NIP must have 18 digits, found {length}",
    },
    "nip_birth_date": {
        "id": "digit 1-8 NIP bukan tanggal lahir yang valid",
        "en": "NIP digits 1-8 are not a valid birth date",
    },
    "nip_tmt": {
        "id": "digit 9-14 NIP bukan tahun-bulan TMT CPNS yang valid",
        "en": "NIP digits 9-14 are not a valid TMT CPNS year-month",
    },
    "nip_tmt_age": {
        "id": "TMT CPNS pada NIP kurang dari 18 tahun setelah tanggal lahir",
        "en": "the NIP's TMT CPNS is less than 18 years after the birth date",
    },
    "nip_appointment_age": {
        "id": "tahun pengangkatan pada NI PPPK kurang dari 18 tahun setelah tahun lahir",
        "en": "the NI PPPK appointment year is less than 18 years after the birth year",
    },
    "nip_gender": {
        "id": "digit 15 NIP (jenis kelamin) harus 1 atau 2",
        "en": "NIP digit 15 (gender) must be 1 or 2",
    },
    "nip_sequence": {
        "id": "digit 16-18 NIP (nomor urut) tidak boleh 000",
        "en": "NIP digits 16-18 (sequence number) must not be 000",
    },
    "nip_pppk_on_pns": {
        "id": "digit 13 NIP bernilai 2 (NI PPPK) tetapi jenis pegawai PNS",
        "en": "NIP digit 13 is 2 (an NI PPPK) but the employment type is PNS",
    },
    "nip_pns_on_pppk": {
        "id": "digit 13 NIP bernilai 0/1 (NIP PNS) tetapi jenis pegawai PPPK",
        "en": "NIP digit 13 is 0/1 (a PNS NIP) but the employment type is PPPK",
    },
}


@dataclass(frozen=True)
class NipCheck:
    """What a NIP says and which rule it breaks."""

    nip: str | None
    kind: str | None
    birth_date: dt.date | None
    tmt_cpns: dt.date | None
    appointment_year: int | None
    gender: str | None
    error: str | None
    warning: str | None

    def message(self, lang: str = "id") -> str | None:
        """The reason for the error (or else the warning) in the user's language."""
        code = self.error or self.warning
        if code is None:
            return None
        return message(code, self.nip, lang)


def message(code: str, value: str | None, lang: str = "id") -> str:
    """The reason text of a rule code for a cleaned NIP value."""
    text = MESSAGES[code].get(lang, MESSAGES[code]["id"])
    return text.format(value=value or "", length=len(value or ""))


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Define the NIP macros on a connection."""
    con.execute(NIP_SQL)


_QUERY = """
    SELECT nip, nip_kind(nip), nip_birth_date(nip), nip_tmt(nip), nip_appointment_year(nip),
           nip_gender(nip), err, CASE WHEN err IS NULL THEN nip_type_warning(nip, $type) END
    FROM (SELECT nip_clean($raw) AS nip) AS c, LATERAL (SELECT nip_error(c.nip) AS err)
"""


def check(raw: str | None, employment_type: str | None = None) -> NipCheck:
    """Clean and check one NIP; `employment_type` ('PNS'/'PPPK') enables the type warning."""
    con = duckdb.connect()
    try:
        register(con)
        row = con.execute(_QUERY, {"raw": raw, "type": employment_type}).fetchone()
    finally:
        con.close()
    nip, kind, birth, tmt, year, gender, error, warning = row
    if error is not None:
        kind = birth = tmt = year = gender = None
    return NipCheck(nip, kind, birth, tmt, year, gender, error, warning)
