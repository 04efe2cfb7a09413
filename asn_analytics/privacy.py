"""Privacy in one place: what a page, a chart hover or a download may show of a metric table.

Metric functions return raw figures with their `n`. Before anything reaches a person, `present`
applies these rules, in this order, to the table it is given (the whole metric table, so that a
figure's base is there even when the page shows fewer columns):

1. **Small cells.** A count of people of 1-4 is shown as "<5" (0 stays 0).
2. **Secondary suppression.** Counts are read in *lines*: groups of cells that add up to a total a
   reader can see or find elsewhere on the dashboard. A line is
   - a row's parts of one of its counts (`_PARTS`: n_met + n_breached + n_pending = n; n_reached
     of n). When the parts do not cover the total, the rest (n - n_reached: the staff not
     reached) is an unseen cell of the line;
   - the cells of one count column over the categories of one key (`_FAMILIES`: the predikat of
     a region-year, the units of a region, the regions of the selection, the age bands of one
     gender...), every other key fixed. Its total is taken as known, since every total is shown
     somewhere (a tile, another dimension of the same table, a `rated` column).
   A line may not hold exactly one hidden non-zero cell, else that cell is its total minus the
   cells shown: the smallest other non-zero cell of the line (ties: the first in the table) is
   hidden too, shown as "–" (it may be 5 or more). An unseen rest counts as a hidden cell; only
   when it is 1-4 and the line's only hidden cell does it cost a cell (5 or more may be known).
   Lines cross (rows and columns of a crosstab), so this repeats until no line changes.
3. **Derived figures.** A share, rate, mean or index is hidden (empty) when it rests on fewer than
   5 people (its base, `_DENOMINATOR`, default `n`; for an IKM the respondents), when a cell it is
   computed from is hidden (`_SOURCES`: a share of a hidden count times its base is that count),
   or when, with its base shown, the people it counts or the rest are 1-4 (`_IMPLIED`). A band or
   label read from a hidden figure (mutu, band, weakest element) is hidden with it.

An evaluator's NIP is replaced by a stable pseudonym. Tables of events (complaints, trainings)
keep their counts. Figures not in a line of this table (a row left out by the page) are assumed
as shown; a page shows a metric's rows as the metric returns them, or a subset of them.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

import pandas as pd

SMALL = 5
SUPPRESSED = "<5"
# A count hidden so that a "<5" cannot be worked out by subtraction (it may be 5 or more).
SECONDARY = "–"

# Columns that count people, and the columns whose figures are derived from a count.
_COUNT = re.compile(r"^(n|n_.*|others_n|respondents|rated|active_pns)$")
_DERIVED = re.compile(
    r"^(share.*|coverage|compliance|mean.*|median.*|.*_mean|.*_sd|z|per_.*|ikm|nrr|"
    r"kualifikasi|kompetensi|kinerja|disiplin|ip_asn|total_jp|trailing_.*|threshold|"
    r"value|previous_value|change|normalised|alignment)$"
)
# A derived column's base (the people it is computed from) when it is not `n`.
_DENOMINATOR = {
    "others_mean": "others_n",
    "others_sd": "others_n",
    "share_sb_b": "rated",
    "share_trained": "n_low",
    "share_20jp": "n_low",
    "mean_value_next_trained": "n_rated_next_trained",
    "share_improved_trained": "n_rated_next_trained",
    "mean_value_next_untrained": "n_rated_next_untrained",
    "share_improved_untrained": "n_rated_next_untrained",
    "share": "n",
    "share_rated_good": "rated",
    "ikm": "respondents",
    "nrr": "n_answers",
}
# The count cells a derived figure is computed from: hidden with any of them. Default: its base.
_SOURCES = {
    "share": ("n", "rated", "n_sb_measured", "n_sb_below_100"),
    "coverage": ("n_reached", "n"),
    "compliance": ("n_met", "n_breached"),
    "share_sangat_baik": ("n_sangat_baik", "n"),
    "share_trained": ("n_trained", "n_low"),
    "share_20jp": ("n_20jp", "n_low"),
    "share_sb_b": ("rated",),
    "share_promoted": ("n_promoted", "n"),
    "share_overdue": ("n_overdue", "n"),
    "share_good": ("n_good", "n"),
    "share_rated_good": ("n_rated_good", "rated"),
    "alignment": ("n_good", "n", "n_rated_good", "rated"),
}
# Shares whose count is no column of the table: share x base tells it, and base - it the rest.
_IMPLIED = {
    "share_sb_b": "rated",
    "share_improved_trained": "n_rated_next_trained",
    "share_improved_untrained": "n_rated_next_untrained",
}
# Labels read from a figure: hidden when it is.
_ATTACHED = {
    "ikm": ("mutu", "mutu_label", "weakest_element", "weakest_label_id", "weakest_label_en"),
    "ip_asn": ("band", "band_label"),
    "value": ("label",),
}
# Counts of one row that add up to another count of the row: total -> parts (parts that do not
# cover the total leave an unseen rest).
_PARTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "complaint_sla": (("n", ("n_met", "n_breached", "n_pending")),),
    "coverage_20jp": (("n", ("n_reached",)),),
    "objectivity_units": (("n", ("n_sangat_baik", "n_below_baik")),),
    "rating_vs_achievement": (
        ("n", ("n_sangat_baik",)),
        ("n_sangat_baik", ("n_sb_measured",)),
        ("n_sb_measured", ("n_sb_below_100",)),
    ),
    "ip_asn": (("n", ("n_sangat_tinggi", "n_tinggi", "n_sedang", "n_rendah", "n_sangat_rendah")),),
    "jp_summary": (("n", ("n_without_training",)),),
    "training_targeting": (
        ("n_low", ("n_trained", "n_rated_next_untrained")),
        ("n_low", ("n_20jp",)),
        ("n_trained", ("n_rated_next_trained",)),
    ),
    "retirements": (("active_pns", ("n",)),),
    "time_in_grade": (("n", ("n_y0_2", "n_y2_4", "n_y4_6", "n_y6_8", "n_y8_plus")),),
    "promotions": (("n", ("n_promoted",)),),
    "promotion_overdue": (("n", ("n_long_in_grade",)), ("n_long_in_grade", ("n_overdue",))),
    "reward_alignment": (("n", ("n_good",)), ("rated", ("n_rated_good",))),
}
# Keys whose categories add up to a total: the columns naming one category.
_FAMILIES = (
    ("region_code", "region_name"),
    ("unit_id", "unit_name"),
    ("category", "category_name"),
    ("predikat",),
    ("result_rating",),
    ("behavior_rating",),
    ("employment_type",),
    ("gender",),
    ("age_band",),
    ("jp_band",),
    ("bup",),
)
# Keys that tell rows apart without adding up (a year, a step, a dimension of a breakdown).
_KEYS = {c for family in _FAMILIES for c in family} | {
    "year",
    "dimension",
    "kind",
    "horizon_years",
    "step",
    "as_of",
    "element",
    "month",
    "indicator",
    "method",
    "period",
}
# Keys that follow from other keys of the table: not a key of its lines (a kuadran cell's
# predikat follows from its two ratings).
_DEPENDENT_KEYS = {"kuadran": {"predikat"}}
# Tables whose `n` counts events or answers, not people: their counts are not suppressed.
NOT_PEOPLE = {"complaints_monthly", "complaints_mix", "complaint_anomalies", "training_mix"}


def is_small(value: object) -> bool:
    """A count of 1-4: shown as "<5"."""
    return isinstance(value, int | float) and not pd.isna(value) and 1 <= value < SMALL


def mask_count(value: object) -> object:
    """A count of 1-4 as "<5"; anything else unchanged."""
    return SUPPRESSED if is_small(value) else value


def is_hidden(value: object) -> bool:
    """A cell `present` hid: "<5" or "–"."""
    return isinstance(value, str) and value in (SUPPRESSED, SECONDARY)


def pseudonym(nip: str | None, key: str) -> str | None:
    """A stable pseudonym for an evaluator, keyed by the database's secret (never the NIP)."""
    if nip is None or (isinstance(nip, float) and pd.isna(nip)):
        return None
    digest = hmac.new(key.encode(), str(nip).encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:6].upper()}"


def present(
    frame: pd.DataFrame,
    metric: str | None = None,
    key: str = "",
    columns: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The table as it may be shown (the rules above); with `columns`, only those, the rules
    worked out on the whole table."""
    out = frame.copy()
    if "evaluator_nip" in out.columns:
        out["evaluator"] = [pseudonym(v, key) for v in out["evaluator_nip"]]
        out = out.drop(columns="evaluator_nip")
    if metric not in NOT_PEOPLE:
        out = _suppressed(out, metric)
    if columns is not None:
        out = out[[("evaluator" if c == "evaluator_nip" else c) for c in columns]]
    return out


def _suppressed(out: pd.DataFrame, metric: str | None) -> pd.DataFrame:
    counts = [
        c for c in out.columns if _COUNT.match(str(c)) and pd.api.types.is_numeric_dtype(out[c])
    ]
    values = {c: pd.to_numeric(out[c], errors="coerce").fillna(0).to_numpy() for c in counts}
    small = {c: (values[c] >= 1) & (values[c] < SMALL) for c in counts}
    secondary = _secondary(out, metric, counts, values, small)
    hidden = {c: small[c] | secondary[c] for c in counts}

    for column in out.columns:
        if not _DERIVED.match(str(column)) or column in counts:
            continue
        hide = pd.Series(False, index=out.index)
        base = _DENOMINATOR.get(column, "n")
        if base in out.columns and base != column:
            hide |= pd.to_numeric(out[base], errors="coerce").lt(SMALL).to_numpy()
        for source in _SOURCES.get(column, (base,)):
            if source in hidden and source != column:
                hide |= hidden[source]
        if column in _IMPLIED and _IMPLIED[column] in values:
            total = values[_IMPLIED[column]]
            part = (pd.to_numeric(out[column], errors="coerce").fillna(0) * total).round()
            rest = total - part
            hide |= part.between(1, SMALL - 1) | rest.between(1, SMALL - 1)
        if not hide.any():
            continue
        out[column] = out[column].astype("object").where(~hide.to_numpy(), None)
        for label in _ATTACHED.get(column, ()):
            if label in out.columns:
                out[label] = out[label].astype("object").where(~hide.to_numpy(), None)

    for column in out.columns:
        if column in counts:
            if hidden[column].any():
                # One type per column (tables serialise through Arrow): all as text.
                texts = [_count_text(v) for v in out[column].astype("object")]
                for i in range(len(texts)):
                    if small[column][i]:
                        texts[i] = SUPPRESSED
                    elif secondary[column][i]:
                        texts[i] = SECONDARY
                out[column] = pd.Series(texts, index=out.index, dtype=object)
        elif (
            out[column].dtype == object
            and out[column].notna().any()  # an empty column says nothing of its type
            and out[column].map(_is_number_or_none).all()
        ):
            out[column] = pd.to_numeric(out[column])
    return out


def _count_text(value: object) -> object:
    return None if value is None or pd.isna(value) else f"{value:.0f}"


def _secondary(
    frame: pd.DataFrame,
    metric: str | None,
    counts: list[str],
    values: dict[str, object],
    small: dict[str, object],
) -> dict[str, object]:
    """The cells hidden so that no hidden cell is a line's total minus the cells shown."""
    rows = len(frame)
    position = {c: i for i, c in enumerate(counts)}
    lines: list[tuple[list[tuple[int, int]], object]] = []  # cells (row, column), the rest

    for total, parts in _PARTS.get(metric or "", ()):
        present_parts = [p for p in parts if p in position]
        if total not in values or not present_parts:
            continue
        rest = values[total] - sum(values[p] for p in present_parts)
        for r in range(rows):
            lines.append(([(r, position[p]) for p in present_parts], rest[r]))

    keys = [
        c for c in frame.columns if c in _KEYS and c not in _DEPENDENT_KEYS.get(metric or "", set())
    ]
    for family in _FAMILIES:
        if not any(c in keys for c in family):
            continue
        fixed = [c for c in keys if c not in family]
        groups = (
            frame.groupby(fixed, dropna=False, sort=False).indices if fixed else {(): range(rows)}
        )
        for members in groups.values():
            if len(members) < 2:
                continue
            for column in counts:
                line = values[column][members]
                if (line == line[0]).all():  # a total repeated on each row, not a part
                    continue
                lines.append(([(int(r), position[column]) for r in members], 0))

    hidden = [[bool(small[c][r]) for c in counts] for r in range(rows)]
    changed = True
    while changed:
        changed = False
        for cells, rest in lines:
            nonzero = [(r, c) for r, c in cells if values[counts[c]][r] != 0]
            concealed = [cell for cell in nonzero if hidden[cell[0]][cell[1]]]
            if rest > 0:
                # An unseen rest of 5 or more may be worked out; with a hidden cell, two hide.
                if rest >= SMALL or concealed:
                    continue
            elif len(concealed) != 1:
                continue
            shown = [cell for cell in nonzero if not hidden[cell[0]][cell[1]]]
            if not shown:
                continue
            r, c = min(shown, key=lambda cell: values[counts[cell[1]]][cell[0]])
            hidden[r][c] = True
            changed = True
    return {
        c: pd.Series([hidden[r][i] and not small[c][r] for r in range(rows)]).to_numpy()
        for i, c in enumerate(counts)
    }


def _is_number_or_none(value: object) -> bool:
    return value is None or isinstance(value, int | float)
