"""NIP (PNS) and NI PPPK decoding and validation; the rules themselves are SQL in nip.sql."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources

import duckdb

from asn_analytics.i18n import by_language

NIP_SQL = (resources.files("asn_analytics") / "nip.sql").read_text(encoding="utf-8")

# Reason texts for the codes nip.sql returns; {value} is the cleaned NIP, {length} its length.
MESSAGES: dict[str, dict[str, str]] = by_language("nip")


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
