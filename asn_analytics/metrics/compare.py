"""Region comparison: one scorecard with the same definitions for every region."""

from __future__ import annotations
