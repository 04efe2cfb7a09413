"""Public satisfaction (IKM, PermenPANRB 14/2017) indicators."""

from __future__ import annotations
