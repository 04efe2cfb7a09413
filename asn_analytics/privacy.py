"""Privacy in one place: what a page, a chart hover or a download may show of a metric table.

Metric functions return raw figures with their `n`. Before anything reaches a person, `present`
shows a count of 1-4 as "<5" (0 stays 0), hides a figure derived from fewer than 5 people (a share,
a mean, a median), and replaces an evaluator's NIP by a stable pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import re

import pandas as pd

SMALL = 5
SUPPRESSED = "<5"

# Columns that count people, and the columns whose figures are derived from a count.
_COUNT = re.compile(r"^(n|n_.*|others_n|respondents|rated|active_pns)$")
_DERIVED = re.compile(
    r"^(share.*|coverage|compliance|mean.*|median.*|.*_mean|.*_sd|z|per_.*|ikm|nrr|"
    r"kualifikasi|kompetensi|kinerja|disiplin|ip_asn|total_jp|trailing_.*|threshold)$"
)
# A derived column's denominator when it is not `n`.
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
}
# Tables whose `n` counts events or answers, not people: their counts are not suppressed.
NOT_PEOPLE = {"complaints_monthly", "complaints_mix", "complaint_anomalies", "training_mix"}


def is_small(value: object) -> bool:
    """A count of 1-4: shown as "<5"."""
    return isinstance(value, int | float) and not pd.isna(value) and 1 <= value < SMALL


def mask_count(value: object) -> object:
    """A count of 1-4 as "<5"; anything else unchanged."""
    return SUPPRESSED if is_small(value) else value


def pseudonym(nip: str | None, key: str) -> str | None:
    """A stable pseudonym for an evaluator, keyed by the database's secret (never the NIP)."""
    if nip is None or (isinstance(nip, float) and pd.isna(nip)):
        return None
    digest = hmac.new(key.encode(), str(nip).encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:6].upper()}"


def present(frame: pd.DataFrame, metric: str | None = None, key: str = "") -> pd.DataFrame:
    """The table as it may be shown: small counts masked, small-denominator figures hidden."""
    out = frame.copy()
    if "evaluator_nip" in out.columns:
        out["evaluator"] = [pseudonym(v, key) for v in out["evaluator_nip"]]
        out = out.drop(columns="evaluator_nip")
    if metric in NOT_PEOPLE:
        return out
    for column in out.columns:
        if not _DERIVED.match(column):
            continue
        denominator = _DENOMINATOR.get(column, "n")
        if denominator in out.columns and column != denominator:
            small = pd.to_numeric(out[denominator], errors="coerce") < SMALL
            out[column] = out[column].astype("object").where(~small, None)
    for column in out.columns:
        if _COUNT.match(column) and pd.api.types.is_numeric_dtype(out[column]):
            masked = out[column].astype("object").map(mask_count)
            if (masked == SUPPRESSED).any():
                # One type per column (tables serialise through Arrow): all as text.
                masked = masked.map(lambda v: v if v is None or v == SUPPRESSED else f"{v:.0f}")
            out[column] = masked
        elif (
            out[column].dtype == object
            and out[column].notna().any()  # an empty column says nothing of its type
            and out[column].map(_is_number_or_none).all()
        ):
            out[column] = pd.to_numeric(out[column])
    return out


def _is_number_or_none(value: object) -> bool:
    return value is None or isinstance(value, int | float)
