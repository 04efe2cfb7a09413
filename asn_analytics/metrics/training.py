"""Training coverage (Pengembangan kompetensi) indicators: JP, 20-JP coverage, mix, targeting."""

from __future__ import annotations
