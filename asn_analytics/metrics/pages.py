"""What each dashboard page reads: its indicators, in the order the page shows them.

A page takes its tables only through this declaration (views.blocks.reads), and the page
benchmark (asn_analytics.bench) times exactly these calls, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Read:
    """One indicator a page reads on the page's filters."""

    metric: str
    last_year: bool = False  # narrowed to the page's last year (year_from = year_to)
    flagged: bool = False  # only its flagged rows, with how many rows were checked

    @property
    def label(self) -> str:
        """How the benchmark names the call."""
        return f"{self.metric}(last year)" if self.last_year else self.metric


PAGES: dict[str, tuple[Read, ...]] = {
    "ringkasan": (Read("overview"), Read("alerts"), Read("headcount")),
    "kinerja": (
        Read("predikat_distribution"),
        Read("kuadran", last_year=True),
        Read("objectivity_units"),
        Read("rating_vs_achievement", flagged=True),
        Read("objectivity_evaluators", flagged=True),
    ),
    "kompetensi": (
        Read("coverage_20jp"),
        Read("jp_distribution", last_year=True),
        Read("training_mix", last_year=True),
        Read("training_targeting"),
        Read("jp_summary"),
    ),
    "pengaduan": (
        Read("complaint_anomalies"),
        Read("complaints_monthly"),
        Read("complaints_mix", last_year=True),
        Read("complaint_sla", last_year=True),
        Read("complaint_backlog"),
        Read("ikm_units", last_year=True),
        Read("ikm_elements", last_year=True),
    ),
    "perbandingan": (Read("scorecard"), Read("ip_asn", last_year=True)),
    "karier": (
        Read("time_in_grade"),
        Read("promotions"),
        Read("promotion_overdue"),
        Read("reward_alignment"),
    ),
}
