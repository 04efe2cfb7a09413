"""Grouping for charts: the largest regions by name, the rest pooled into one "Others" row per key.

A chart with one bar or line per region is unreadable at national scale (540 regions). The rest
is pooled from numerators and denominators, never as a mean of rates: counts are summed, a rate
is the sum of its numerator over the sum of its denominator, a mean is weighted by its count.
A column whose pooled value cannot be worked out from the indicator's columns (a rate over a
population that is not a column, a median) is marked NOT_POOLED: when such a column is the one
drawn, the rest is left out of the chart instead (`Grouped.pooled` is False).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from asn_analytics.i18n import t

TOP_REGIONS = 10
TOP_UNITS = 10
REST_CODE = "_rest"


@dataclass(frozen=True)
class Sum:
    """A count: the rest's rows summed."""


@dataclass(frozen=True)
class Ratio:
    """sum(numerator) / sum(denominator columns) of the rest."""

    numerator: str
    denominator: tuple[str, ...]


@dataclass(frozen=True)
class Weighted:
    """A mean or a share: weighted by `weight` (its count) over the rest's rows with a value."""

    weight: str


@dataclass(frozen=True)
class ShareWithin:
    """`of` of the row's key ÷ `of` summed over every key that shares the `within` columns."""

    of: str
    within: tuple[str, ...]


@dataclass(frozen=True)
class Same:
    """A value that does not depend on the region (a label, a limit): the first one."""


@dataclass(frozen=True)
class NotPooled:
    """No pooled value can be worked out from the columns (e.g. a median)."""


Rule = Sum | Ratio | Weighted | ShareWithin | Same | NotPooled
SUM, SAME, NOT_POOLED = Sum(), Same(), NotPooled()

# Per indicator: how each column pools. Columns not listed (and region columns) stay empty.
RULES: dict[str, dict[str, Rule]] = {
    "headcount": {"n": SUM, "per_1000_population": NOT_POOLED},  # population is not a column
    "predikat_distribution": {
        "n": SUM,
        "rated": SUM,  # repeated per predikat: summed per (year, predikat), it is the rest's rated
        "share": Ratio("n", ("rated",)),
        "share_sb_b": Weighted("rated"),
        "mean_value": Weighted("rated"),
    },
    "time_in_grade": {
        "n": SUM,
        "n_without_rank": SUM,
        "median_years": NOT_POOLED,
        "n_y0_2": SUM,
        "n_y2_4": SUM,
        "n_y4_6": SUM,
        "n_y6_8": SUM,
        "n_y8_plus": SUM,
        "category_name": SAME,
    },
    "promotions": {
        "n": SUM,
        "n_promoted": SUM,
        "share_promoted": Ratio("n_promoted", ("n",)),
    },
    "reward_alignment": {
        "n": SUM,
        "n_good": SUM,
        "rated": SUM,
        "n_rated_good": SUM,
        "share_good": Ratio("n_good", ("n",)),
        "share_rated_good": Ratio("n_rated_good", ("rated",)),
        "alignment": NOT_POOLED,  # a ratio of two ratios
    },
    "coverage_20jp": {
        "n": SUM,
        "n_reached": SUM,
        "coverage": Ratio("n_reached", ("n",)),
        "category_name": SAME,
    },
    # per_100k is rounded and the population is not a column: it cannot be pooled.
    "complaints_monthly": {"n": SUM, "per_100k": NOT_POOLED},
    "complaints_mix": {
        "n": SUM,
        "share": ShareWithin("n", ("year", "dimension")),
        "category_name": SAME,
    },
    "complaint_sla": {
        "n": SUM,
        "n_met": SUM,
        "n_breached": SUM,
        "n_pending": SUM,
        "compliance": Ratio("n_met", ("n_met", "n_breached")),
        "limit_days": SAME,
        "day_unit": SAME,
        "unit_name": SAME,
        "median_days": NOT_POOLED,
    },
    "complaint_backlog": {"n": SUM},
    "ikm_elements": {
        "nrr": Weighted("n_answers"),  # the mean answer over all the rest's answers
        "n_answers": SUM,
        "n": SUM,
        "element_no": SAME,
        "label_id": SAME,
        "label_en": SAME,
    },
    "ip_asn": {
        "n": SUM,
        **{c: Weighted("n") for c in ("kualifikasi", "kompetensi", "kinerja", "disiplin")},
        "ip_asn": Weighted("n"),  # a mean over the scored PNS
    },
}
# The scorecard's value per indicator (`n` is what the value is about).
SCORECARD: dict[str, Rule] = {
    "headcount": SUM,
    "asn_per_1000": NOT_POOLED,  # population is not a column
    "share_sb_b": Weighted("n"),
    "coverage_20jp": Weighted("n"),
    "complaints_per_100k": NOT_POOLED,  # population is not a column
    "sla_compliance": NOT_POOLED,  # its base (met + breached) is not a column
    # IKM pools from each element's answers (a blank is no answer), not from respondents.
    "ikm": NOT_POOLED,
    "ip_asn": Weighted("n"),
    # A difference of two shares whose counts are not columns of the scorecard.
    "promotion_fairness": NOT_POOLED,
    "reward_alignment": NOT_POOLED,  # a ratio of two shares
}


@dataclass(frozen=True)
class Grouped:
    """A table with the top regions' rows and, when `pooled`, one row per key for the rest."""

    frame: pd.DataFrame
    shown: int  # regions shown by name
    rest: int  # regions in the "Others" rows, or left out when not pooled
    pooled: bool
    average: bool = False  # the rest's counts are per region (their total ÷ rest)

    @property
    def grouped(self) -> bool:
        return self.rest > 0


def largest(frame: pd.DataFrame, size: str, n: int = TOP_REGIONS) -> list[str]:
    """The codes of the `n` regions with the largest total `size`, largest first (ties: name)."""
    totals = (
        frame.groupby(["region_code", "region_name"], as_index=False, dropna=False)[size]
        .sum()
        .sort_values([size, "region_name"], ascending=[False, True], kind="stable")
    )
    return totals["region_code"].head(n).tolist()


def regions(
    frame: pd.DataFrame,
    metric: str,
    *,
    by: Sequence[str],
    value: str,
    lang: str,
    size: str = "n",
    top: Sequence[str] | None = None,
    n: int = TOP_REGIONS,
    rules: dict[str, Rule] | None = None,
    average: bool = False,
) -> Grouped:
    """`frame` with the `n` largest regions by `size` (those in `top` first, in that order) and
    the rest pooled per `by` key into one row named "Others (k regions)"; every region when there
    are no more than n + 1. When `value` (the column drawn) cannot be pooled, the rest is left
    out instead.

    average: the rest's counts divided by the number of its regions, so that a chart comparing
    regions side by side shows the rest at the scale of one region (its rates are unchanged).
    """
    rules = RULES[metric] if rules is None else rules
    codes = list(dict.fromkeys(frame["region_code"]))
    order = [c for c in dict.fromkeys(top or []) if c in set(codes)]
    order += [c for c in largest(frame, size, len(codes)) if c not in set(order)]
    order = order[: len(codes) if len(codes) <= n + 1 else n]
    rest_codes = [c for c in codes if c not in set(order)]
    position = {code: i for i, code in enumerate(order)}
    kept = frame[frame["region_code"].isin(position)]
    kept = kept.iloc[kept["region_code"].map(position).argsort(kind="stable")]
    if not rest_codes:
        return Grouped(kept.reset_index(drop=True), len(order), 0, True)
    if isinstance(rules.get(value, NOT_POOLED), NotPooled):
        return Grouped(kept.reset_index(drop=True), len(order), len(rest_codes), False)
    rest = pool(frame[~frame["region_code"].isin(position)], by, rules)
    if average:
        for column, rule in rules.items():
            if isinstance(rule, Sum) and column in rest.columns and column not in by:
                rest[column] = rest[column] / len(rest_codes)
    rest["region_code"] = REST_CODE
    label = "grouping.others_average" if average else "grouping.others"
    rest["region_name"] = t(label, lang, n=len(rest_codes))
    out = pd.concat([kept, rest[[c for c in frame.columns if c in rest.columns]]])
    return Grouped(out.reset_index(drop=True), len(order), len(rest_codes), True, average)


def pool(frame: pd.DataFrame, by: Sequence[str], rules: dict[str, Rule]) -> pd.DataFrame:
    """One row per `by` key (in order of first appearance) with each ruled column pooled."""
    by = list(by)
    groups = frame.groupby(by, sort=False, dropna=False)
    out = groups.size().reset_index()[by]
    for column, rule in rules.items():
        if column not in frame.columns or column in by:
            continue
        if isinstance(rule, Sum):
            out[column] = groups[column].sum(min_count=1).to_numpy()
        elif isinstance(rule, Same):
            out[column] = groups[column].first().to_numpy()
        elif isinstance(rule, Ratio):
            numerator = groups[rule.numerator].sum().to_numpy(dtype=float)
            denominator = sum(groups[c].sum().to_numpy(dtype=float) for c in rule.denominator)
            out[column] = _divide(numerator, denominator)
        elif isinstance(rule, Weighted):
            values = pd.to_numeric(frame[column], errors="coerce").astype(float)
            weights = pd.to_numeric(frame[rule.weight], errors="coerce").astype(float)
            weights = weights.where(values.notna(), 0.0)
            parts = pd.DataFrame({"vw": values.fillna(0.0) * weights, "w": weights})
            parts[by] = frame[by].to_numpy()
            sums = parts.groupby(by, sort=False, dropna=False)[["vw", "w"]].sum()
            out[column] = _divide(sums["vw"].to_numpy(), sums["w"].to_numpy())
        elif isinstance(rule, ShareWithin):
            totals = out[by].copy()
            totals["_of"] = groups[rule.of].sum().to_numpy(dtype=float)
            whole = totals.groupby(list(rule.within), dropna=False)["_of"].transform("sum")
            out[column] = _divide(totals["_of"].to_numpy(), whole.to_numpy())
    return out


def _divide(numerator, denominator) -> list[float]:
    return [a / b if b else float("nan") for a, b in zip(numerator, denominator, strict=True)]


def units(
    frame: pd.DataFrame, value: str, *, n: int = TOP_UNITS, lowest: bool = True, min_n: int = 0
) -> pd.DataFrame:
    """The `n` units with the lowest (or highest) `value` among those with `n` >= `min_n`,
    sorted by value; ties by unit name."""
    eligible = frame[frame[value].notna() & frame["n"].ge(min_n)]
    name = "unit_name" if "unit_name" in frame.columns else "category_name"
    ranked = eligible.sort_values([value, name], ascending=[lowest, True], kind="stable")
    return ranked.head(n).sort_values(value, kind="stable")
