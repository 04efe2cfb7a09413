"""Region comparison: one scorecard with the same definitions for every region, and the overview.

Both assemble the small tables of the other indicators (each computed in DuckDB) for the last year
of the selection and the year before it.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from asn_analytics import privacy, reference
from asn_analytics.metrics import (
    careers,
    complaints,
    performance,
    professionalism,
    satisfaction,
    training,
    workforce,
)
from asn_analytics.metrics.filters import Filters, resolve
from asn_analytics.metrics.registry import metric

KEYS = ["region_code", "region_name", "year"]


def _two_years(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[Filters, int]:
    scope = resolve(con, filters)
    year = scope.year_to
    return filters.model_copy(
        update={"year_from": year - 1, "year_to": year, "as_of": scope.as_of}
    ), year


def _per_region(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every scorecard indicator per region and year: indicator, value, label, n."""
    parts = []
    total = workforce.headcount_totals(con, filters)
    parts.append(total.assign(indicator="headcount", value=total["n"].astype(float)))
    parts.append(total.assign(indicator="asn_per_1000", value=total["per_1000_population"]))
    dist = performance.predikat_distribution(con, filters).drop_duplicates(KEYS[:1] + ["year"])
    parts.append(dist.assign(indicator="share_sb_b", value=dist["share_sb_b"], n=dist["rated"]))
    cov = training.coverage_by_region(con, filters)
    parts.append(cov.assign(indicator="coverage_20jp", value=cov["coverage"]))
    monthly = complaints.complaints_monthly(con, filters)
    yearly = monthly.groupby(KEYS, as_index=False).agg(n=("n", "sum"), value=("per_100k", "sum"))
    parts.append(yearly.assign(indicator="complaints_per_100k"))
    sla = complaints.sla_compliance(con, filters)
    # Compliance is met ÷ (met + breached): pending complaints are not in its base, and the
    # pooled figure comes from the counts, not from the rounded compliance.
    parts.append(
        sla.assign(
            indicator="sla_compliance",
            value=sla["compliance"],
            weight=sla["n_met"] + sla["n_breached"],
            numerator=sla["n_met"],
        )
    )
    ikm = satisfaction.ikm(con, filters)
    parts.append(ikm.assign(indicator="ikm", value=ikm["ikm"].astype(float), label=ikm["mutu"]))
    ip = professionalism.ip_asn(con, filters)
    parts.append(ip.assign(indicator="ip_asn", value=ip["ip_asn"].astype(float), label=ip["band"]))
    parts.append(_promotion_fairness(careers.promotions(con, filters)))
    parts.append(_reward_alignment(careers.reward_alignment(con, filters)))
    columns = [*KEYS, "indicator", "value", "label", "n", "weight", "numerator"]
    frames = [p.reindex(columns=columns) for p in parts if len(p)]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def _no_small_cells(frame: pd.DataFrame, *parts: tuple[str, str]) -> pd.Series:
    """Rows where each (count, its total) has the count, the total and the rest all 0 or at
    least privacy.SMALL."""
    fine = pd.Series(True, index=frame.index)
    for count, total in parts:
        for value in (frame[count], frame[total], frame[total] - frame[count]):
            fine &= value.eq(0) | value.ge(privacy.SMALL)
    return fine


def _reward_alignment(awards: pd.DataFrame) -> pd.DataFrame:
    """reward_alignment's alignment per region and year, not given where a count it rests on
    is 1-4 (with the page's shares it would tell that count)."""
    known = _no_small_cells(awards, ("n_good", "n"), ("n_rated_good", "rated"))
    value = awards["alignment"].where(known & awards["n"].gt(0))
    return awards.assign(indicator="reward_alignment", value=value)


def _promotion_fairness(promotions: pd.DataFrame) -> pd.DataFrame:
    """Per region and year: the share promoted of the eligible PNS rated Baik or better in the
    two years before minus that share of those rated below (n: both classes)."""
    classes = promotions[promotions["dimension"].eq("predikat")]
    good = classes[classes["category"].eq("baik_or_better")].set_index(KEYS)
    below = classes[classes["category"].eq("below_baik")].set_index(KEYS)
    columns = ["n", "n_promoted", "share_promoted"]
    both = good[columns].merge(
        below[columns], left_index=True, right_index=True, suffixes=("_good", "_below")
    )
    # Beside the page's shares, the gap would tell a hidden one: every count and its rest 0 or
    # at least 5.
    known = _no_small_cells(both, ("n_promoted_good", "n_good"), ("n_promoted_below", "n_below"))
    value = (both["share_promoted_good"] - both["share_promoted_below"]).where(known)
    return pd.DataFrame(
        {
            "indicator": "promotion_fairness",
            "value": value.astype(float),
            "n": both["n_good"] + both["n_below"],
        }
    ).reset_index()


_SCORECARD_COLUMNS = {
    "region_code": "region code",
    "region_name": "region name",
    "year": "the last year of the selection",
    "indicator": "headcount, asn_per_1000, share_sb_b, coverage_20jp, complaints_per_100k, "
    "sla_compliance, ikm, ip_asn, promotion_fairness, reward_alignment",
    "value": "the indicator's value in the year",
    "label": "mutu for IKM, band for IP ASN",
    "n": "what the value is about (staff, rated staff, complaints, respondents)",
    "previous_value": "the value in the year before",
    "change": "value - previous_value",
    "direction": "higher / lower (is better) or none (not ranked)",
    "rank": "1 = best among the regions shown; ties share the better rank",
    "regions_ranked": "how many regions had a value to rank",
    "normalised": "0-1 among the regions shown, 1 = best (for the radar); NaN when not ranked",
}


@metric(
    "scorecard",
    description={
        "id": "Kartu skor perbandingan wilayah: indikator yang sama untuk setiap wilayah, "
        "peringkat dan perubahan dari tahun sebelumnya",
        "en": "Region comparison scorecard: the same indicators for every region, ranks and "
        "change from the previous year",
    },
    rule={
        "id": "Untuk tahun terakhir pilihan: jumlah ASN, ASN per 1.000 penduduk, porsi Sangat Baik "
        "+ Baik, cakupan 20 JP PNS, pengaduan per 100.000 penduduk, kepatuhan ketiga batas waktu "
        "layanan, IKM dan mutu, IP ASN, keadilan kenaikan pangkat (porsi naik pangkat PNS "
        "berpredikat paling rendah Baik dikurangi porsi yang di bawah Baik, dari indikator "
        "promotions), keselarasan penghargaan dengan kinerja (reward_alignment) — "
        "masing-masing dihitung dengan definisi indikatornya. "
        "Peringkat 1 = terbaik menurut arah di berkas referensi; nilai sama mendapat peringkat "
        "yang lebih baik. Perubahan = nilai tahun ini − nilai tahun sebelumnya.",
        "en": "For the last year of the selection: headcount, ASN per 1,000 population, share "
        "Very good + Good, PNS 20-JP coverage, complaints per 100,000 population, compliance "
        "with all three service limits, IKM and mutu, IP ASN, promotion fairness (the share "
        "promoted of the PNS rated at least Good minus that of those rated below, from the "
        "promotions indicator), award alignment with performance (reward_alignment) — each by "
        "its indicator's definition. "
        "Rank 1 = best by the direction in the reference file; ties share the better rank. "
        "Change = this year's value − the previous year's.",
    },
    regulation="PermenPANRB 6/2022; PP 17/2020; Perpres 76/2013; PermenPANRB 14/2017; "
    "PermenPANRB 38/2018; PP 99/2000",
    columns=_SCORECARD_COLUMNS,
)
def scorecard(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Same-definition indicators per region with ranks and year-over-year change."""
    two_years, year = _two_years(con, filters)
    data = _per_region(con, two_years)
    ref = reference.load("scorecard")
    current = data[data["year"].eq(year)]
    previous = data[data["year"].eq(year - 1)][["region_code", "indicator", "value"]]
    out = current.merge(
        previous.rename(columns={"value": "previous_value"}),
        on=["region_code", "indicator"],
        how="left",
    )
    out["change"] = out["value"] - out["previous_value"]
    out["direction"] = out["indicator"].map(ref["direction"])
    out["rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["regions_ranked"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    out["normalised"] = float("nan")
    for indicator, group in out.groupby("indicator"):
        direction = ref["direction"][indicator]
        valued = group["value"].notna()
        if direction == "none" or not valued.any():
            continue
        values = group.loc[valued, "value"]
        ranks = values.rank(method="min", ascending=direction == "lower")
        out.loc[ranks.index, "rank"] = ranks.astype(int)
        out.loc[group.index, "regions_ranked"] = int(valued.sum())
        spread = values.max() - values.min()
        scaled = (values - values.min()) / spread if spread else values * 0 + 1.0
        out.loc[values.index, "normalised"] = 1 - scaled if direction == "lower" else scaled
    order = {name: i for i, name in enumerate(ref["order"])}
    out = out.sort_values(
        ["indicator", "rank", "region_name"],
        key=lambda s: s.map(order) if s.name == "indicator" else s,
    )
    return out.reset_index(drop=True)[list(_SCORECARD_COLUMNS)]


def _last_month(as_of: dt.date) -> dt.date:
    """First day of the last complete calendar month up to as_of."""
    next_day = as_of + dt.timedelta(days=1)
    if next_day.month != as_of.month:
        return as_of.replace(day=1)
    first = as_of.replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


def _pooled(data: pd.DataFrame) -> dict[tuple[str, int], tuple[float, float, float, float]]:
    """(indicator, year) -> (sum of values, sum of value x weight, sum of weights, sum of n) over
    the regions; the weight is n and value x weight the numerator unless the indicator names its
    own."""
    part = data[data["value"].notna()]
    weight = part["weight"].fillna(part["n"]).astype(float)
    numerator = part["numerator"].astype(float).fillna(part["value"] * weight)
    sums = (
        part.assign(w=numerator, weight=weight)
        .groupby(["indicator", "year"])[["value", "w", "weight", "n"]]
        .sum()
    )
    return {key: tuple(row) for key, row in zip(sums.index, sums.to_numpy(), strict=True)}


@metric(
    "overview",
    description={
        "id": "Ringkasan pilihan: indikator utama untuk seluruh wilayah dan unit yang dipilih, "
        "dengan perubahan dari tahun sebelumnya",
        "en": "Overview of the selection: the key indicators over all chosen regions and units, "
        "with the change from the previous year",
    },
    rule={
        "id": "Indikator kartu skor untuk gabungan pilihan: jumlah dijumlahkan; porsi dan "
        "rata-rata ditimbang dengan jumlah orangnya; IKM gabungan dihitung dari NRR seluruh "
        "responden. "
        "Pengaduan bulan lalu = bulan kalender lengkap terakhir sampai tanggal acuan, "
        "dibandingkan dengan bulan yang sama tahun sebelumnya; tren = 3 bulan terakhir "
        "dibanding 3 bulan sebelumnya.",
        "en": "The scorecard indicators for the selection as a whole: counts are summed; shares "
        "and means are weighted by their people; the pooled IKM comes from the NRR over all "
        "responses. Complaints last month = the last complete calendar month up to as_of, "
        "against the same month a year before; trend = the last 3 months against the 3 before.",
    },
    regulation="as for each indicator (see the scorecard)",
    columns={
        "indicator": "headcount, share_sb_b, coverage_20jp, complaints_last_month, "
        "complaints_trend, sla_compliance, ikm, ip_asn",
        "period": "the year, or the month (YYYY-MM) for complaints",
        "value": "value for the selection",
        "label": "mutu for IKM, band for IP ASN",
        "n": "what the value is about",
        "previous_value": "the same in the previous year (trend: the 3 months before)",
        "change": "value - previous_value",
    },
)
def overview(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """The key indicators of the whole selection and their change from the previous year."""
    two_years, year = _two_years(con, filters)
    data = _per_region(con, two_years)
    rows = []

    def add(indicator, period, value, previous, n, label=None):
        change = None if value is None or previous is None else value - previous
        rows.append((indicator, period, value, label, n, previous, change))

    pooled = _pooled(data)

    def value(indicator: str, how: str, in_year: int) -> float | None:
        if (indicator, in_year) not in pooled:
            return None
        total, weighted, weights, _ = pooled[(indicator, in_year)]
        if how == "sum":
            return float(total)
        return float(weighted / weights) if weights > 0 else None

    for indicator, how in (
        ("headcount", "sum"),
        ("share_sb_b", "n"),
        ("coverage_20jp", "n"),
        ("sla_compliance", "n"),
        ("ip_asn", "n"),
    ):
        n = _int(pooled[(indicator, year)][3]) if (indicator, year) in pooled else None
        add(indicator, str(year), value(indicator, how, year), value(indicator, how, year - 1), n)
    pooled_ikm = satisfaction.pooled_ikm_years(con, two_years)
    ikm_now, ikm_before = pooled_ikm[year], pooled_ikm[year - 1]
    add(
        "ikm",
        str(year),
        _num(ikm_now["ikm"]),
        _num(ikm_before["ikm"]),
        ikm_now["respondents"],
        ikm_now["mutu"],
    )
    as_of = two_years.as_of
    month = _last_month(as_of)
    series = complaints.complaints_monthly(
        con,
        filters.model_copy(
            update={"year_from": month.year - 1, "year_to": month.year, "as_of": as_of}
        ),
    )
    counts = series.groupby("month")["n"].sum()
    counts.index = pd.to_datetime(counts.index).date

    def count(day: dt.date) -> int | None:
        return _int(counts.get(day))

    year_before = month.replace(year=month.year - 1)
    add(
        "complaints_last_month",
        month.strftime("%Y-%m"),
        count(month),
        count(year_before),
        count(month),
    )
    months = [(pd.Timestamp(month) - pd.DateOffset(months=k)).date() for k in range(6)]
    last3 = [count(m) for m in months[:3]]
    prior3 = [count(m) for m in months[3:]]
    if None not in last3 and None not in prior3:
        add(
            "complaints_trend",
            month.strftime("%Y-%m"),
            float(sum(last3)),
            float(sum(prior3)),
            sum(last3),
        )
    frame = pd.DataFrame(
        rows, columns=["indicator", "period", "value", "label", "n", "previous_value", "change"]
    )
    return frame


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


_ALERT_COLUMNS = {
    "kind": "objectivity_unit, rating_vs_achievement, lenient_evaluator, sla_breach, "
    "complaint_anomaly or ikm_mutu",
    "region_code": "region code",
    "region_name": "region name",
    "unit_id": "unit key (empty for a region-wide alert)",
    "unit_name": "unit name",
    "evaluator_nip": "the evaluator (lenient_evaluator only; pages show a pseudonym)",
    "period": "year, or month (YYYY-MM)",
    "value": "the figure that raised the alert (share, z, compliance, count, IKM)",
    "n": "what the figure is about",
}


@metric(
    "alerts",
    description={
        "id": "Peringatan: unit yang ditandai pemeriksaan objektivitas, pelanggaran batas waktu "
        "layanan, lonjakan pengaduan, dan unit dengan mutu pelayanan C atau D",
        "en": "Alerts: units flagged by the objectivity checks, service-level breaches, complaint "
        "anomalies, and units with service quality C or D",
    },
    rule={
        "id": "Tahun terakhir pilihan: unit dan penilai yang ditandai (lihat pemeriksaan "
        "objektivitas), unit yang memenuhi ketiga batas waktu pengaduan pada kurang dari porsi "
        "di berkas referensi, unit dengan mutu IKM C/D; bulan anomali pengaduan dalam 12 bulan "
        "terakhir sampai tanggal acuan.",
        "en": "Last year of the selection: units and evaluators flagged (see the objectivity "
        "checks), units meeting all three complaint limits less often than the reference share, "
        "units with IKM mutu C/D; complaint anomaly months in the 12 months up to as_of.",
    },
    regulation="PermenPANRB 6/2022; Perpres 76/2013; PermenPANRB 14/2017",
    columns=_ALERT_COLUMNS,
)
def alerts(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """What needs a leader's attention in the selection's last year."""
    scope = resolve(con, filters)
    year = scope.year_to
    last = filters.model_copy(update={"year_from": year, "year_to": year, "as_of": scope.as_of})
    ref = reference.load("scorecard")["alerts"]
    parts = []
    units = performance.objectivity_units(con, last)
    # Alerts name units; an OPD's rows add up the same staff.
    units = units[units["flagged"] & units["level"].eq("unit")]
    parts.append(units.assign(kind="objectivity_unit", value=units["share_sangat_baik"]))
    ach = performance.rating_vs_achievement(con, last)
    ach = ach[ach["flagged"] & ach["level"].eq("unit")]
    parts.append(
        ach.assign(kind="rating_vs_achievement", value=ach["share"], n=ach["n_sangat_baik"])
    )
    ev = performance.objectivity_evaluators(con, last)
    ev = ev[ev["flagged"]]
    parts.append(ev.assign(kind="lenient_evaluator", value=ev["z"]))
    sla = complaints.complaint_sla(con, last)
    sla = sla[
        sla["dimension"].eq("unit")
        & sla["step"].eq("all_three")
        & (sla["n"] >= ref["min_complaints"])
        & (sla["compliance"] < ref["sla_compliance_below"])
    ]
    parts.append(sla.assign(kind="sla_breach", value=sla["compliance"]))
    ikm = satisfaction.ikm_units(con, last)
    ikm = ikm[ikm["mutu"].isin(ref["ikm_mutu"]) & ikm["level"].eq("unit")]
    parts.append(ikm.assign(kind="ikm_mutu", value=ikm["ikm"].astype(float)))
    window = filters.model_copy(
        update={"year_from": year - 2, "year_to": year, "as_of": scope.as_of}
    )
    anomalies = complaints.complaint_anomalies(con, window)
    start = pd.Timestamp(scope.as_of) - pd.DateOffset(months=ref["anomaly_months"])
    anomalies = anomalies[anomalies["flagged"] & (pd.to_datetime(anomalies["month"]) > start)]
    parts.append(
        anomalies.assign(
            kind="complaint_anomaly",
            value=anomalies["n"].astype(float),
            period=pd.to_datetime(anomalies["month"]).dt.strftime("%Y-%m"),
        )
    )
    columns = list(_ALERT_COLUMNS)
    frames = []
    for part in parts:
        if len(part):
            part = part.copy()
            if "period" not in part.columns:
                part["period"] = str(year)
            frames.append(part.reindex(columns=columns))
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    # A part without units or evaluators leaves those columns empty: text, not numbers.
    text = ["unit_id", "unit_name", "evaluator_nip"]
    out[text] = out[text].astype(object).where(out[text].notna(), None)
    return out.sort_values(["kind", "region_name", "unit_name"], na_position="first").reset_index(
        drop=True
    )
