"""Small builders for test rows."""

from __future__ import annotations


def nip(birth: str = "19800101", tmt: str = "200501", gender: str = "1", seq: int = 1) -> str:
    """A valid PNS NIP from its parts (birth yyyymmdd, TMT yyyymm, gender 1/2, sequence)."""
    return f"{birth}{tmt}{gender}{seq:03d}"


def pppk_nip(birth: str = "19900101", year: str = "2023", gender: str = "2", seq: int = 1) -> str:
    """A valid NI PPPK: birth yyyymmdd, appointment year, '2', a digit, gender 1/2, sequence."""
    return f"{birth}{year}21{gender}{seq:03d}"
