"""Performance (Kinerja) indicators: predikat distribution, kuadran, objectivity checks."""

from __future__ import annotations
