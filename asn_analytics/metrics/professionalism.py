"""Professionalism index (IP ASN, PermenPANRB 38/2018, Perban BKN 8/2019)."""

from __future__ import annotations
