"""Professionalism index (IP ASN, PermenPANRB 38/2018, Perban BKN 8/2019)."""

from __future__ import annotations

import datetime as dt
import math
from functools import partial
from typing import Any

import duckdb
import pandas as pd

from asn_analytics import reference
from asn_analytics.metrics import summaries
from asn_analytics.metrics.engine import answer, one_unit
from asn_analytics.metrics.filters import Filters, Scope
from asn_analytics.metrics.registry import metric
from asn_analytics.metrics.workforce import STAFF_YEARS

REGULATION = "PermenPANRB 38/2018; Perban BKN 8/2019"

# Every PNS in service in the year with the four dimension scores of that year. Point values
# come from reference/ip_asn.toml as parameters (the `points` row). `assumed` is true when the
# staff member's score uses a point value the reference file marks as unconfirmed.
STAFF_SCORES = f"""
{STAFF_YEARS},
points AS (
    SELECT CAST($kompetensi_max AS DECIMAL(6, 2)) AS kompetensi_max,
           CAST($leadership_points AS DECIMAL(6, 2)) AS leadership,
           CAST($functional_points AS DECIMAL(6, 2)) AS functional,
           CAST($technical_points AS DECIMAL(6, 2)) AS technical,
           CAST($seminar_points AS DECIMAL(6, 2)) AS seminar,
           CAST($pelaksana_technical AS DECIMAL(6, 2)) AS pelaksana_technical,
           CAST($pelaksana_seminar AS DECIMAL(6, 2)) AS pelaksana_seminar,
           CAST($kualifikasi_unknown AS DECIMAL(6, 2)) AS kualifikasi_unknown,
           CAST($disiplin_none AS DECIMAL(6, 2)) AS disiplin_none
),
kualifikasi_points AS (
    SELECT code, CAST(points AS DECIMAL(6, 2)) AS points FROM (SELECT unnest($kualifikasi_points,
        recursive := true))
),
kinerja_points AS (
    SELECT code, CAST(points AS DECIMAL(6, 2)) AS points FROM (SELECT unnest($kinerja_points,
        recursive := true))
),
disiplin_points AS (
    SELECT code, CAST(points AS DECIMAL(6, 2)) AS points FROM (SELECT unnest($disiplin_points,
        recursive := true))
),
pns AS (
    SELECT CAST(nip AS BIGINT) AS nip_key, region_code, unit_id, year, education_level,
           CASE WHEN position_level IN ('jpt_utama', 'jpt_madya', 'jpt_pratama') THEN 'jpt'
                WHEN position_level IN ('administrator', 'pengawas') THEN position_level
           END AS leadership_level,
           CASE WHEN position_level IN ('jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator',
                                        'pengawas') OR position_type = 'struktural'
                    THEN 'struktural'
                WHEN position_type = 'fungsional' OR position_level IN ('ahli_utama',
                     'ahli_madya', 'ahli_muda', 'ahli_pertama', 'penyelia', 'mahir', 'terampil',
                     'pemula')
                    THEN 'fungsional'
                ELSE 'pelaksana'
           END AS position_group
    FROM staff_years
    WHERE employment_type = 'PNS'
),
-- One-off qualifications, held from the year first taken: functional training, and leadership
-- training recognised by its title among the trainings categorised as leadership (kepemimpinan,
-- the SIASN "diklat struktural") or not categorised at all.
held AS (
    SELECT nip_key,
           min(year) FILTER (WHERE category = 'fungsional') AS functional_from,
           min(year) FILTER (WHERE lead_jpt) AS jpt_from,
           min(year) FILTER (WHERE lead_administrator) AS administrator_from,
           min(year) FILTER (WHERE lead_pengawas) AS pengawas_from
    FROM (
        SELECT CAST(nip AS BIGINT) AS nip_key, year(start_date) AS year, category,
               CASE WHEN lead THEN regexp_matches(title, $jpt_pattern) END AS lead_jpt,
               CASE WHEN lead THEN regexp_matches(title, $administrator_pattern) END
                   AS lead_administrator,
               CASE WHEN lead THEN regexp_matches(title, $pengawas_pattern) END AS lead_pengawas
        FROM (SELECT *, category IS DISTINCT FROM 'fungsional' AS lead FROM trainings)
        WHERE start_date <= $training_cutoff
          AND (category IN ('fungsional', 'kepemimpinan') OR category IS NULL)
    )
    GROUP BY nip_key
),
-- Facts of each staff-year, gathered in one pass: technical JP of the year, a seminar within
-- the window (a seminar counts in its own year and the following ones) and the heaviest
-- sanction of the year.
facts AS (
    SELECT CAST(nip AS BIGINT) AS nip_key, year(start_date) AS year, hours_jp AS technical_jp,
           false AS seminar, NULL AS sanction_points
    FROM trainings
    WHERE category = 'teknis' AND start_date <= $training_cutoff
      AND year(start_date) >= $year_from
    UNION ALL
    SELECT CAST(nip AS BIGINT), year(start_date) + w.range, NULL, true, NULL
    FROM trainings CROSS JOIN range($seminar_window_years) AS w
    WHERE category = 'seminar' AND start_date <= $training_cutoff
      AND year(start_date) + w.range BETWEEN $year_from AND $year_to
    UNION ALL
    SELECT CAST(d.nip AS BIGINT), year(d.decision_date), NULL, false, p.points
    FROM discipline AS d JOIN disiplin_points AS p ON p.code = d.level
    WHERE d.decision_date <= $as_of
      AND year(d.decision_date) BETWEEN $year_from AND $year_to
),
staff_facts AS (
    SELECT nip_key, year,
           coalesce(sum(technical_jp), 0) AS technical_jp,
           bool_or(seminar) AS seminar,
           min(sanction_points) AS sanction_points
    FROM facts
    GROUP BY nip_key, year
),
appraised AS (
    SELECT CAST(a.nip AS BIGINT) AS nip_key, CAST(a.year AS BIGINT) AS year, a.predikat,
           k.points AS kinerja
    FROM appraisals AS a JOIN kinerja_points AS k ON k.code = a.predikat
    WHERE a.period = 'tahunan' AND a.year BETWEEN $year_from AND $year_to
),
earned AS (
    SELECT p.region_code, p.unit_id, p.year, p.position_group,
           coalesce(q.points, pt.kualifikasi_unknown) AS kualifikasi,
           coalesce(p.leadership_level IS NOT NULL
               AND CASE p.leadership_level WHEN 'jpt' THEN h.jpt_from
                                           WHEN 'administrator' THEN h.administrator_from
                                           WHEN 'pengawas' THEN h.pengawas_from END <= p.year,
               false) AS has_leadership,
           coalesce(p.position_group = 'fungsional' AND h.functional_from <= p.year, false)
               AS has_functional,
           coalesce(f.technical_jp >= $technical_min_jp, false) AS has_technical,
           coalesce(f.seminar, false) AS has_seminar,
           a.predikat,
           a.kinerja,
           coalesce(f.sanction_points, pt.disiplin_none) AS disiplin,
           f.sanction_points IS NOT NULL AS sanctioned
    FROM pns AS p
    CROSS JOIN points AS pt
    LEFT JOIN kualifikasi_points AS q ON q.code = p.education_level
    LEFT JOIN held AS h ON h.nip_key = p.nip_key
    LEFT JOIN staff_facts AS f ON f.nip_key = p.nip_key AND f.year = p.year
    LEFT JOIN appraised AS a ON a.nip_key = p.nip_key AND a.year = p.year
),
staff_scores AS (
    SELECT e.*,
           least(pt.kompetensi_max,
                 CASE WHEN e.has_leadership THEN pt.leadership ELSE 0 END
                 + CASE WHEN e.has_functional THEN pt.functional ELSE 0 END
                 + CASE WHEN NOT e.has_technical THEN 0
                        WHEN e.position_group = 'pelaksana' THEN pt.pelaksana_technical
                        ELSE pt.technical END
                 + CASE WHEN NOT e.has_seminar THEN 0
                        WHEN e.position_group = 'pelaksana' THEN pt.pelaksana_seminar
                        ELSE pt.seminar END) AS kompetensi,
           $kualifikasi_assumed
               OR (e.has_leadership AND $leadership_assumed)
               OR (e.has_functional AND $functional_assumed)
               OR (e.has_technical AND e.position_group <> 'pelaksana' AND $technical_assumed)
               OR (e.has_seminar AND e.position_group <> 'pelaksana' AND $seminar_assumed)
               OR ((e.has_technical OR e.has_seminar) AND e.position_group = 'pelaksana'
                   AND $pelaksana_assumed)
               OR (e.kinerja IS NOT NULL AND $kinerja_assumed)
               OR (e.sanctioned AND $disiplin_assumed) AS assumed
    FROM earned AS e
    CROSS JOIN points AS pt
)
"""

# Per region-year: sums of the dimension scores of the scored PNS (those with an annual
# appraisal, so a total) and how many scored each rounded total (DECIMAL round goes half away
# from zero: half-up for these positive totals); the bands are applied to those totals in Python,
# from the reference file. Grouping by the total first keeps the second aggregation small.
# {unit}: empty per region, "unit_id, " per region and unit (the summaries' per-unit rows).
_IP_ASN_BY = """
by_total AS (
    SELECT region_code, {unit}year,
           CAST(round(kualifikasi + kompetensi + kinerja + disiplin, 0) AS INTEGER) AS total,
           count(*) AS n, sum(kualifikasi) AS kualifikasi, sum(kompetensi) AS kompetensi,
           sum(kinerja) AS kinerja, sum(disiplin) AS disiplin, bool_or(assumed) AS assumed
    FROM staff_scores
    GROUP BY region_code, {unit}year, total
)
SELECT t.region_code, r.name AS region_name, {t_unit}t.year,
       CAST(coalesce(sum(t.n) FILTER (WHERE t.total IS NOT NULL), 0) AS BIGINT) AS n,
       CAST(coalesce(sum(t.n) FILTER (WHERE t.total IS NULL), 0) AS BIGINT) AS n_no_appraisal,
       CAST(sum(t.kualifikasi) FILTER (WHERE t.total IS NOT NULL) AS DOUBLE) AS kualifikasi,
       CAST(sum(t.kompetensi) FILTER (WHERE t.total IS NOT NULL) AS DOUBLE) AS kompetensi,
       CAST(sum(t.kinerja) FILTER (WHERE t.total IS NOT NULL) AS DOUBLE) AS kinerja,
       CAST(sum(t.disiplin) FILTER (WHERE t.total IS NOT NULL) AS DOUBLE) AS disiplin,
       coalesce(bool_or(t.assumed) FILTER (WHERE t.total IS NOT NULL), false) AS estimate,
       map_from_entries(list((t.total, t.n)) FILTER (WHERE t.total IS NOT NULL)) AS totals
FROM by_total AS t JOIN regions AS r USING (region_code)
GROUP BY t.region_code, r.name, {t_unit}t.year
ORDER BY t.region_code, {t_unit}t.year
"""
IP_ASN = f"WITH {STAFF_SCORES}," + _IP_ASN_BY.format(unit="", t_unit="")
IP_ASN_BY_UNIT = f"WITH {STAFF_SCORES}," + _IP_ASN_BY.format(unit="unit_id, ", t_unit="t.unit_id, ")
# IP ASN concerns PNS only; the summary holds the query's rows for the whole database. The
# fast query counts the PNS of each band from the totals itself ({bands}: n_<band> columns).
_IP_ASN_FAST = """
SELECT s.region_code, r.name AS region_name, s.* EXCLUDE (region_code, totals), {bands}
FROM sum_ip_asn AS s JOIN regions AS r USING (region_code)
WHERE keep($regions, s.region_code) AND keep($types, 'PNS')
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year
"""
# The sidebar picks one unit at a time: the summary also holds the rows of every single unit.
_IP_ASN_UNIT_FAST = """
SELECT s.region_code, r.name AS region_name, s.* EXCLUDE (region_code, unit_id, totals), {bands}
FROM sum_ip_asn_unit AS s JOIN regions AS r USING (region_code)
WHERE s.unit_id = $unit AND keep($regions, s.region_code) AND keep($types, 'PNS')
  AND s.year BETWEEN $year_from AND $year_to
ORDER BY s.region_code, s.year
"""


def _band_counts_sql() -> str:
    """SQL: the number of PNS per band from the totals map, as band_of() assigns them."""
    columns = []
    upper = None
    for band in _ref()["band"]:  # highest band first; a total takes the first band it reaches
        cond = f"e.key >= {int(band['min'])}" + (f" AND e.key < {upper}" if upper else "")
        columns.append(
            f"CAST(coalesce(list_sum(list_transform(list_filter(map_entries(s.totals),"
            f" e -> {cond}), e -> e.value)), 0) AS BIGINT) AS n_{band['code']}"
        )
        upper = int(band["min"])
    return ", ".join(columns)


def _ip_asn_fast(scope: Scope) -> str:
    sql = _IP_ASN_UNIT_FAST if one_unit(scope) else _IP_ASN_FAST
    return sql.format(bands=_band_counts_sql())


def _ref() -> dict[str, Any]:
    return reference.load("ip_asn")


def _params() -> dict[str, Any]:
    """The point tables of reference/ip_asn.toml as SQL parameters."""
    ref = _ref()
    kompetensi = ref["kompetensi"]
    patterns = kompetensi["leadership"]["title_pattern"]
    return {
        "kompetensi_max": kompetensi["max"],
        "leadership_points": kompetensi["leadership"]["points"],
        "functional_points": kompetensi["functional"]["points"],
        "technical_points": kompetensi["technical"]["points"],
        "technical_min_jp": kompetensi["technical"]["min_jp"],
        "seminar_points": kompetensi["seminar"]["points"],
        "seminar_window_years": kompetensi["seminar"]["window_years"],
        "pelaksana_technical": kompetensi["pelaksana"]["technical"],
        "pelaksana_seminar": kompetensi["pelaksana"]["seminar"],
        "jpt_pattern": patterns["jpt"],
        "administrator_pattern": patterns["administrator"],
        "pengawas_pattern": patterns["pengawas"],
        "kualifikasi_points": _table(ref["kualifikasi"]["points"]),
        "kualifikasi_unknown": ref["kualifikasi"]["unknown"],
        "kinerja_points": _table(ref["kinerja"]["points"]),
        "disiplin_points": _table(ref["disiplin"]["points"]),
        "disiplin_none": ref["disiplin"]["none"],
        # Which point values are unconfirmed (the `estimate` flag).
        "kualifikasi_assumed": ref["kualifikasi"]["assumed"],
        "leadership_assumed": kompetensi["leadership"]["assumed"],
        "functional_assumed": kompetensi["functional"]["assumed"],
        "technical_assumed": kompetensi["technical"]["assumed"],
        "seminar_assumed": kompetensi["seminar"]["assumed"],
        "pelaksana_assumed": kompetensi["pelaksana"]["assumed"],
        "kinerja_assumed": ref["kinerja"]["assumed"],
        "disiplin_assumed": ref["disiplin"]["assumed"],
    }


def parameters(scope: Scope) -> dict[str, Any]:
    """Every parameter of the IP ASN query for `scope`."""
    return {**_params(), **_cutoff(scope)}


def _cutoff(scope: Scope) -> dict[str, dt.date]:
    """Trainings count up to the end of the last year, and not after as_of."""
    return {"training_cutoff": min(scope.as_of, dt.date(scope.year_to, 12, 31))}


# IP ASN counts the trainings and sanctions up to the reference date: when it moves, only a
# training or sanction dated in between changes its summaries.
_EVENTS_BETWEEN = """
SELECT (SELECT count(*) FROM trainings WHERE start_date > $old AND start_date <= $new)
     + (SELECT count(*) FROM discipline WHERE decision_date > $old AND decision_date <= $new)
"""
_IP_ASN_COLUMNS = (
    "year BIGINT, n BIGINT, n_no_appraisal BIGINT, kualifikasi DOUBLE, kompetensi DOUBLE,"
    " kinerja DOUBLE, disiplin DOUBLE, estimate BOOLEAN, totals MAP(INTEGER, BIGINT)"
)
# ip_asn rows of the whole database and of every single unit (PNS only).
summaries.declare(
    summaries.Summary(
        "sum_ip_asn",
        columns=f"region_code VARCHAR, {_IP_ASN_COLUMNS}",
        build=f"SELECT * EXCLUDE (region_name) FROM ({IP_ASN})",
        reads=("staff", "appraisals", "trainings", "discipline"),
        params=parameters,
        events_between=_EVENTS_BETWEEN,
    )
)
summaries.declare(
    summaries.Summary(
        "sum_ip_asn_unit",
        columns=f"region_code VARCHAR, unit_id VARCHAR, {_IP_ASN_COLUMNS}",
        build=f"SELECT * EXCLUDE (region_name) FROM ({IP_ASN_BY_UNIT})",
        reads=("staff", "appraisals", "trainings", "discipline"),
        params=parameters,
        events_between=_EVENTS_BETWEEN,
    )
)


def _table(points: dict[str, float]) -> list[dict[str, Any]]:
    return [{"code": code, "points": float(value)} for code, value in points.items()]


def assumed_values() -> list[str]:
    """The point tables of reference/ip_asn.toml still marked `assumed` (not yet confirmed)."""
    ref = _ref()
    sections = {
        "kualifikasi": ref["kualifikasi"],
        "kompetensi.leadership": ref["kompetensi"]["leadership"],
        "kompetensi.functional": ref["kompetensi"]["functional"],
        "kompetensi.technical": ref["kompetensi"]["technical"],
        "kompetensi.seminar": ref["kompetensi"]["seminar"],
        "kompetensi.pelaksana": ref["kompetensi"]["pelaksana"],
        "kinerja": ref["kinerja"],
        "disiplin": ref["disiplin"],
    }
    return [name for name, section in sections.items() if section.get("assumed")]


def band_of(total: float | None) -> dict[str, Any] | None:
    """The IP ASN band of a total already rounded to an integer (Perban BKN 8/2019)."""
    if total is None or pd.isna(total):
        return None
    for band in _ref()["band"]:
        if total >= band["min"]:
            return band
    return None


_DIMENSIONS = ("kualifikasi", "kompetensi", "kinerja", "disiplin")


def _summarise(frame: pd.DataFrame) -> pd.DataFrame:
    """Means of the scored PNS, the band of the mean, and the count of PNS in each band."""
    out = frame[["region_code", "region_name", "year", "n", "n_no_appraisal"]].copy()
    scored = frame["n"].where(frame["n"] > 0)
    for d in _DIMENSIONS:
        out[d] = (frame[d] / scored).round(2)
    mean = frame[list(_DIMENSIONS)].sum(axis=1, min_count=1) / scored
    out["ip_asn"] = mean.round(2)
    # The band of the mean rounded half-up to an integer. Points are multiples of 0.5, so the
    # sums are exact and a mean of exactly x.5 stays exact in floating point.
    of_mean = [band_of(None if pd.isna(m) else math.floor(m + 0.5)) for m in mean]
    out["band"] = [b["code"] if b else None for b in of_mean]
    out["band_label"] = [b["label_id"] if b else None for b in of_mean]
    if "totals" in frame.columns:
        counts = {code: [0] * len(frame) for code in _BANDS}
        for i, totals in enumerate(frame["totals"]):
            for total, count in (totals if isinstance(totals, dict) else {}).items():
                counts[band_of(total)["code"]][i] += count
    else:  # counted by the fast query
        counts = {code: frame[f"n_{code}"].to_numpy() for code in _BANDS}
    for code in _BANDS:
        out[f"n_{code}"] = counts[code]
    out["estimate"] = frame["estimate"].astype(bool)
    return out


_BANDS = [b["code"] for b in _ref()["band"]]
_COLUMNS = [
    "region_code",
    "region_name",
    "year",
    "n",
    "n_no_appraisal",
    *_DIMENSIONS,
    "ip_asn",
    "band",
    "band_label",
    *[f"n_{code}" for code in _BANDS],
    "estimate",
]


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def _rule(lang: str) -> str:
    """The rule in words, with the point values of the reference file."""
    ref = _ref()
    k = ref["kompetensi"]
    q = ref["kualifikasi"]["points"]
    kin = ref["kinerja"]["points"]
    dis = ref["disiplin"]["points"]
    bands = ref["band"]
    n = partial(_number, lang=lang)
    ranges = []
    for i, b in enumerate(bands):
        label = b["label_id"] if lang == "id" else b["label_en"]
        if i == 0:
            ranges.append(f"{label} {b['min']}–100")
        elif i < len(bands) - 1:
            ranges.append(f"{label} {b['min']}–{bands[i - 1]['min'] - 1}")
        else:
            ranges.append(f"{label} ≤ {bands[i - 1]['min'] - 1}")
    kinerja = ", ".join(f"{code} {n(v)}" for code, v in kin.items())
    disiplin = ", ".join(f"{code} {n(v)}" for code, v in dis.items())
    if lang == "id":
        return (
            f"Per PNS yang aktif pada tahun itu dan memiliki predikat kinerja tahunan: kualifikasi "
            f"(maks {ref['kualifikasi']['max']}; S3 {q['S3']}, S2 {q['S2']}, S1/D4 {q['S1']}, "
            f"D3 {q['D3']}, D1/D2 {q['D1']}, SLTA ke bawah {q['SLTA']}) + kompetensi (maks "
            f"{k['max']}; diklat kepemimpinan sesuai jenjang jabatan {n(k['leadership']['points'])}"
            f", diklat fungsional bagi JF {n(k['functional']['points'])}, diklat teknis ≥ "
            f"{n(k['technical']['min_jp'])} JP dalam tahun itu {n(k['technical']['points'])}, "
            f"seminar/workshop/kursus dalam {k['seminar']['window_years']} tahun terakhir "
            f"{n(k['seminar']['points'])}; pelaksana: teknis {n(k['pelaksana']['technical'])}, "
            f"seminar {n(k['pelaksana']['seminar'])}) + kinerja (maks {ref['kinerja']['max']}; "
            f"{kinerja}) + disiplin ({n(ref['disiplin']['none'])} tanpa hukuman disiplin pada "
            f"tahun itu; {disiplin}). Total dibulatkan setengah ke atas: {', '.join(ranges)}. "
            "PNS tanpa penilaian kinerja tahunan tidak dihitung (n_no_appraisal). Nilai yang "
            "ditandai `assumed` di reference/ip_asn.toml (kinerja per predikat, disiplin per "
            "tingkat hukuman, seminar, poin pelaksana) belum dikonfirmasi: indeks ini perkiraan "
            "(kolom estimate)."
        )
    return (
        f"Per PNS in service in the year with an annual predikat: kualifikasi (max "
        f"{ref['kualifikasi']['max']}; S3 {q['S3']}, S2 {q['S2']}, S1/D4 {q['S1']}, D3 {q['D3']}, "
        f"D1/D2 {q['D1']}, SLTA and below {q['SLTA']}) + kompetensi (max {k['max']}; leadership "
        f"training matching the position level {n(k['leadership']['points'])}, functional "
        f"training for a JF {n(k['functional']['points'])}, technical training ≥ "
        f"{n(k['technical']['min_jp'])} JP in the year {n(k['technical']['points'])}, "
        f"seminar/workshop/course within the last {k['seminar']['window_years']} years "
        f"{n(k['seminar']['points'])}; pelaksana: technical {n(k['pelaksana']['technical'])}, "
        f"seminar {n(k['pelaksana']['seminar'])}) + kinerja (max {ref['kinerja']['max']}; "
        f"{kinerja}) + disiplin ({n(ref['disiplin']['none'])} without a sanction in the year; "
        f"{disiplin}). The total is rounded half-up: {', '.join(ranges)}. PNS without an annual "
        "appraisal are left out (n_no_appraisal). Values marked `assumed` in "
        "reference/ip_asn.toml (kinerja by predikat, disiplin by sanction level, seminars, the "
        "pelaksana points) are not confirmed: the index is an estimate (column estimate)."
    )


@metric(
    "ip_asn",
    description={
        "id": "Indeks Profesionalitas ASN (PNS): rata-rata per wilayah dan tahun, dengan "
        "sebaran kategori",
        "en": "Civil-service professionalism index (PNS): mean per region and year, with the "
        "spread over its bands",
    },
    rule={"id": _rule("id"), "en": _rule("en")},
    regulation=REGULATION,
    columns={
        "region_code": "region code",
        "region_name": "region name",
        "year": "year",
        "n": "PNS in service in the year with an annual appraisal (scored)",
        "n_no_appraisal": "PNS in service without an annual appraisal (left out)",
        "kualifikasi": "mean kualifikasi points (max 25)",
        "kompetensi": "mean kompetensi points (max 40)",
        "kinerja": "mean kinerja points (max 30)",
        "disiplin": "mean disiplin points (max 5)",
        "ip_asn": "mean total (0-100): the region's IP ASN",
        "band": "band of the mean total rounded half-up (sangat_tinggi ... sangat_rendah)",
        "band_label": "band name in Indonesian",
        **{f"n_{code}": f"PNS whose rounded total is in the band {code}" for code in _BANDS},
        "estimate": "true when a point value marked assumed in reference/ip_asn.toml was used",
    },
)
def ip_asn(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """IP ASN per region-year: mean of per-PNS scores (PermenPANRB 38/2018, Perban BKN 8/2019)."""
    frame = answer(con, filters, raw=IP_ASN, fast=_ip_asn_fast, by_unit=one_unit, params=parameters)
    if frame.empty:
        return pd.DataFrame(columns=_COLUMNS)
    return _summarise(frame)[_COLUMNS]
