"""The SQL that writes each table of the scale database, row numbers hashed into values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from asn_analytics.synthetic import world

FIRST_YEAR, LAST_YEAR = 2021, 2025
END = dt.date(LAST_YEAR, 12, 31)


def _sql_list(values: Any) -> str:
    """A DuckDB list literal of constants written by this module (never user input)."""
    items = []
    for v in values:
        items.append("'" + str(v).replace("'", "''") + "'" if isinstance(v, str) else repr(v))
    return "[" + ", ".join(items) + "]"


def _pick(values: Any, u: str) -> str:
    """SQL: one of `values` chosen by the uniform number expression `u`."""
    values = list(values)
    return f"{_sql_list(values)}[1 + least(floor({u} * {len(values)}), {len(values) - 1})::INT]"


def _choose(u: str, weighted: list[tuple[str, float]]) -> str:
    """SQL CASE choosing a value by cumulative probability with the uniform expression `u`."""
    total = sum(p for _, p in weighted)
    parts, acc = [], 0.0
    for value, p in weighted[:-1]:
        acc += p / total
        parts.append(f"WHEN {u} < {acc:.6f} THEN {value}")
    return f"CASE {' '.join(parts)} ELSE {weighted[-1][0]} END"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# Uniform [0, 1) from a key and a salt: deterministic, the same whatever the thread count.
MACROS = """
CREATE OR REPLACE TEMP MACRO rnd(k, salt) AS
    CAST(hash(k, salt) % 1000000007 AS DOUBLE) / 1000000007.0;
-- An approximately standard normal number (sum of three uniforms, variance 1).
CREATE OR REPLACE TEMP MACRO level_label(level) AS
    CASE level WHEN 'ahli_utama' THEN 'Ahli Utama' WHEN 'ahli_madya' THEN 'Ahli Madya'
               WHEN 'ahli_muda' THEN 'Ahli Muda' WHEN 'ahli_pertama' THEN 'Ahli Pertama'
               WHEN 'penyelia' THEN 'Penyelia' WHEN 'mahir' THEN 'Mahir'
               WHEN 'terampil' THEN 'Terampil' ELSE 'Pemula' END;
CREATE OR REPLACE TEMP MACRO rnorm(k, salt) AS
    (rnd(k, salt) + rnd(k, salt + 1) + rnd(k, salt + 2) - 1.5) * 2;
"""


def staff_sql() -> str:
    guru_level_pns = _choose(
        "u_level", [("'ahli_pertama'", 0.40), ("'ahli_muda'", 0.45), ("'ahli_madya'", 0.15)]
    )
    guru_level_pppk = _choose("u_level", [("'ahli_pertama'", 0.9), ("'ahli_muda'", 0.1)])
    nakes_level = _choose(
        "u_level",
        [
            ("'terampil'", 0.20),
            ("'mahir'", 0.15),
            ("'penyelia'", 0.10),
            ("'ahli_pertama'", 0.30),
            ("'ahli_muda'", 0.18),
            ("'ahli_madya'", 0.06),
            ("'ahli_utama'", 0.01),
        ],
    )
    umum_level = _choose(
        "u_level", [("'ahli_pertama'", 0.45), ("'ahli_muda'", 0.40), ("'ahli_madya'", 0.15)]
    )
    struct_level = _choose(
        "u_level", [("'jpt_pratama'", 0.05), ("'administrator'", 0.30), ("'pengawas'", 0.65)]
    )
    pns_kind = _choose(
        "u_kind",
        [
            ("'struktural'", 0.10),
            ("'guru'", 0.42),
            ("'nakes'", 0.15),
            ("'umum'", 0.09),
            ("'pelaksana'", 0.24),
        ],
    )
    pppk_kind = _choose("u_kind", [("'guru'", 0.64), ("'nakes'", 0.21), ("'pelaksana'", 0.15)])
    nakes = _pick(
        ("Perawat", "Bidan", "Dokter", "Apoteker", "Pranata Laboratorium Kesehatan"), "u_name"
    )
    umum = _pick(
        (
            "Analis Kebijakan",
            "Auditor",
            "Perencana",
            "Pranata Komputer",
            "Analis Keuangan Pusat dan Daerah",
            "Arsiparis",
            "Penyuluh Pertanian",
        ),
        "u_name",
    )
    pelaksana = _pick(
        (
            "Pengelola Layanan Operasional",
            "Penata Layanan Operasional",
            "Operator Layanan Operasional",
            "Pengadministrasi Perkantoran",
        ),
        "u_name",
    )
    edu = {
        "guru": [("'S1'", 0.84), ("'S2'", 0.13), ("'D4'", 0.03)],
        "nakes": [("'D3'", 0.50), ("'D4'", 0.12), ("'S1'", 0.32), ("'S2'", 0.06)],
        "umum": [("'S1'", 0.70), ("'S2'", 0.25), ("'D4'", 0.05)],
        "struktural": [("'S1'", 0.55), ("'S2'", 0.40), ("'S3'", 0.02), ("'D4'", 0.03)],
        "pelaksana": [("'SMP'", 0.02), ("'SLTA'", 0.40), ("'D3'", 0.20), ("'S1'", 0.38)],
    }
    education = "CASE kind " + " ".join(
        f"WHEN '{k}' THEN {_choose('u_edu', v)}" for k, v in edu.items()
    )
    education += " END"
    gol_start = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN {v}" for e, v in world.GOL_START.items())
        + " END"
    )
    gol_cap = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN {v}" for e, v in world.GOL_CAP.items())
        + " END"
    )
    gol_pppk = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN '{v}'" for e, v in world.GOL_PPPK.items())
        + " END"
    )
    first_m = _sql_list(world.FIRST_NAMES_M)
    first_f = _sql_list(world.FIRST_NAMES_F)
    last = _sql_list(world.LAST_NAMES)
    appt = _choose(
        "u_appt",
        [
            ("2019", 0.04),
            ("2021", 0.2),
            ("2022", 0.22),
            ("2023", 0.24),
            ("2024", 0.2),
            ("2025", 0.1),
        ],
    )
    return f"""
CREATE OR REPLACE TEMP TABLE g_staff AS
WITH ids AS (
    SELECT region_code, region_no, staff_offset + unnest(range(n_staff)) AS sid
    FROM g_regions
),
drawn AS (
    SELECT *, rnd(sid, 1) AS u_type, rnd(sid, 2) AS u_kind, rnd(sid, 3) AS u_level,
           rnd(sid, 4) AS u_name, rnd(sid, 5) AS u_unit, rnd(sid, 6) AS u_gender,
           rnd(sid, 7) AS u_edu, rnd(sid, 8) AS u_left, rnd(sid, 9) AS u_age,
           rnd(sid, 10) AS u_age2, rnd(sid, 11) AS u_start, rnd(sid, 12) AS u_appt,
           rnd(sid, 13) AS u_first, rnd(sid, 14) AS u_last, rnd(sid, 15) AS u_senior
    FROM ids
),
typed AS (
    SELECT *, CASE WHEN u_type < 0.67 THEN 'PNS' ELSE 'PPPK' END AS employment_type
    FROM drawn
),
kinds AS (
    SELECT *, CASE employment_type WHEN 'PNS' THEN {pns_kind} ELSE {pppk_kind} END AS kind
    FROM typed
),
positions AS (
    SELECT *,
           CASE kind WHEN 'struktural' THEN 'struktural' WHEN 'pelaksana' THEN 'pelaksana'
                ELSE 'fungsional' END AS position_type,
           CASE kind
               WHEN 'struktural' THEN {struct_level}
               WHEN 'guru' THEN CASE employment_type WHEN 'PNS' THEN {guru_level_pns}
                                ELSE {guru_level_pppk} END
               WHEN 'nakes' THEN CASE WHEN employment_type = 'PPPK' AND u_level > 0.5
                                      THEN 'ahli_pertama' ELSE {nakes_level} END
               WHEN 'umum' THEN {umum_level}
               ELSE 'pelaksana'
           END AS position_level
    FROM kinds
),
named AS (
    SELECT *,
           CASE kind
               WHEN 'struktural' THEN CASE position_level
                   WHEN 'jpt_pratama' THEN 'Kepala Dinas' WHEN 'administrator' THEN 'Kepala Bidang'
                   ELSE 'Kepala Seksi' END
               WHEN 'guru' THEN 'Guru ' || level_label(position_level)
               WHEN 'nakes' THEN {nakes} || ' ' || level_label(position_level)
               WHEN 'umum' THEN {umum} || ' ' || level_label(position_level)
               ELSE {pelaksana}
           END AS position_name,
           CASE WHEN position_level = 'ahli_utama' THEN 65
                WHEN kind = 'guru' OR position_level IN ('jpt_pratama', 'ahli_madya') THEN 60
                ELSE 58 END AS bup,
           CASE WHEN u_gender < CASE kind WHEN 'guru' THEN 0.72 WHEN 'nakes' THEN 0.78
                                          WHEN 'struktural' THEN 0.35 ELSE 0.45 END
                THEN 'P' ELSE 'L' END AS gender,
           -- About 10% left during 2021-2025: PNS mostly by retirement.
           CASE WHEN u_left >= 0.10 THEN 'aktif'
                WHEN employment_type = 'PNS' AND u_left < 0.07 THEN 'pensiun'
                WHEN u_left < 0.085 THEN 'berhenti'
                WHEN u_left < 0.093 THEN 'meninggal'
                ELSE 'pindah' END AS status
    FROM positions
),
dated AS (
    SELECT *,
           CASE WHEN status <> 'aktif'
                THEN DATE '{FIRST_YEAR}-01-01' + CAST(floor(u_age2 * 1825) AS INTEGER) END
               AS status_date
    FROM named
),
born AS (
    SELECT *,
           CASE
               WHEN status = 'pensiun'
                   THEN CAST(date_trunc('month', status_date) - INTERVAL 1 MONTH
                             - to_years(bup) + to_days(CAST(floor(u_age * 27) AS INTEGER))
                             AS DATE)
               WHEN status <> 'aktif'
                   THEN CAST(status_date - to_days(CAST(round((28 + u_age * 28) * 365.25)
                                                       AS INTEGER)) AS DATE)
               ELSE CAST(DATE '{END}' - to_days(CAST(round(365.25 * CASE
                   WHEN u_senior < 0.25 THEN bup - 10 + u_age * 9.9
                   ELSE low + (bup - 0.05 - low) * (u_age + u_age2) / 2 END) AS INTEGER))
                   AS DATE)
           END AS birth_date
    FROM (SELECT *, CASE WHEN employment_type = 'PPPK' THEN 24.0
                         WHEN position_level = 'jpt_pratama' THEN 42.0
                         WHEN position_level = 'administrator' THEN 36.0
                         WHEN position_level = 'pengawas' THEN 30.0 ELSE 23.0 END AS low
          FROM dated)
),
appointed AS (
    SELECT *,
           CASE WHEN employment_type = 'PNS' THEN
               CAST(date_trunc('month', least(
                   birth_date + to_days(CAST(round(365.25 * (20 + u_start * (least(35.0,
                       greatest(20.5, datediff('day', birth_date,
                           coalesce(status_date, DATE '{END}')) / 365.25 - 0.6)) - 20)))
                       AS INTEGER)),
                   DATE '2025-06-01')) AS DATE)
           ELSE make_date(CAST(greatest(least({appt}, year(coalesce(status_date,
                                                                    DATE '{END}'))),
                                        year(birth_date) + 20) AS INTEGER), 3, 1)
           END AS tmt_cpns
    FROM born
),
educated AS (
    SELECT *, {education} AS education_level FROM appointed
),
graded AS (
    SELECT *,
           CASE WHEN employment_type = 'PPPK' THEN {gol_pppk}
           ELSE {_sql_list(world.GOLONGAN_PNS)}[1 + least(16, CASE position_level
               WHEN 'jpt_pratama' THEN greatest(13, gol) WHEN 'administrator' THEN greatest(11, gol)
               WHEN 'pengawas' THEN greatest(9, gol) ELSE gol END)]
           END AS golongan
    FROM (SELECT *, least({gol_cap}, {gol_start}
                 + CAST(floor(greatest(0, datediff('day', tmt_cpns, DATE '{END}')) / 365.25 / 4)
                        AS INTEGER)) AS gol
          FROM educated)
),
placed AS (
    SELECT g.*, coalesce(fixed.unit_id, slot.unit_id) AS unit_id
    FROM graded AS g
    LEFT JOIN g_fixed_units AS fixed
      ON fixed.region_code = g.region_code
     AND fixed.role = CASE WHEN g.kind = 'guru' THEN 'pendidikan'
                           WHEN g.kind = 'nakes' AND g.u_unit < 0.6 THEN 'kesehatan'
                           WHEN g.kind = 'nakes' THEN 'rsud' END
    JOIN (SELECT DISTINCT region_code, n_slots FROM g_slots) AS ns
      ON ns.region_code = g.region_code
    LEFT JOIN g_slots AS slot
      ON slot.region_code = g.region_code
     AND slot.slot = CAST(floor(g.u_unit * ns.n_slots) AS INTEGER)
)
SELECT sid, region_code, unit_id, employment_type, kind, gender, birth_date, tmt_cpns, golongan,
       position_type, position_level, position_name, education_level, status, status_date,
       CASE WHEN gender = 'P' THEN {first_f}[1 + CAST(floor(u_first * {len(world.FIRST_NAMES_F)})
                                                      AS INTEGER)]
            ELSE {first_m}[1 + CAST(floor(u_first * {len(world.FIRST_NAMES_M)}) AS INTEGER)]
       END || ' ' || {last}[1 + CAST(floor(u_last * {len(world.LAST_NAMES)}) AS INTEGER)] AS name,
       strftime(birth_date, '%Y%m%d')
           || CASE WHEN employment_type = 'PNS' THEN strftime(tmt_cpns, '%Y%m')
                   ELSE CAST(year(tmt_cpns) AS VARCHAR) || '21' END
           || CASE gender WHEN 'L' THEN '1' ELSE '2' END AS nip_prefix
FROM placed
"""


def units_sql() -> str:
    return """
CREATE OR REPLACE TEMP TABLE g_units AS
SELECT r.region_code, r.region_code || ':' || o.slug AS unit_id, o.name, o.sector, o.weight,
       o.services, o.opd_no AS unit_no
FROM g_regions AS r CROSS JOIN g_opd AS o
UNION ALL
SELECT r.region_code, r.region_code || ':' || k.slug, k.name, 'kewilayahan', 2,
       CASE WHEN k.kec_no < 3 THEN ['Surat Keterangan', 'Rekomendasi Izin Keramaian'] END,
       100 + k.kec_no
FROM g_regions AS r JOIN g_kec AS k ON k.kec_no < r.n_kecamatan;

CREATE OR REPLACE TEMP TABLE g_fixed_units AS
SELECT region_code, CASE name WHEN 'Dinas Pendidikan' THEN 'pendidikan'
                              WHEN 'Dinas Kesehatan' THEN 'kesehatan' ELSE 'rsud' END AS role,
       unit_id
FROM g_units
WHERE name IN ('Dinas Pendidikan', 'Dinas Kesehatan', 'Rumah Sakit Umum Daerah');

-- Everyone else is spread over the other units by weight: one slot per unit of weight.
CREATE OR REPLACE TEMP TABLE g_slots AS
SELECT region_code, unit_id,
       CAST(row_number() OVER (PARTITION BY region_code ORDER BY unit_id, k) - 1 AS INTEGER)
           AS slot,
       CAST(count(*) OVER (PARTITION BY region_code) AS INTEGER) AS n_slots
FROM (SELECT region_code, unit_id, unnest(range(weight)) AS k
      FROM g_units WHERE sector NOT IN ('pendidikan', 'kesehatan'));

INSERT INTO units (unit_id, region_code, name, sector)
SELECT unit_id, region_code, name, sector FROM g_units;
"""


def rank_history_sql() -> str:
    """Each PNS's ranks from the golongan of the education on the TMT CPNS to the one held: one
    step every 4 years, or closer (6 months apart, up to the end) where the one held is higher
    than 4-yearly steps reach by then."""
    start = (
        "CASE education_level "
        + " ".join(f"WHEN '{e}' THEN {v}" for e, v in world.GOL_START.items())
        + " END"
    )
    ranks = _sql_list(world.GOLONGAN_PNS)
    return f"""
INSERT INTO rank_history (nip, golongan, tmt_golongan, promotion_kind)
WITH p AS (
    SELECT nip, tmt_cpns, list_position({ranks}, golongan) - 1 AS held,
           least({start}, list_position({ranks}, golongan) - 1) AS entry
    FROM staff
    WHERE employment_type = 'PNS' AND tmt_cpns IS NOT NULL AND golongan IS NOT NULL
)
SELECT nip, {ranks}[1 + r.range],
       CASE WHEN r.range = entry THEN tmt_cpns
            ELSE CAST(date_trunc('month', least(tmt_cpns + to_years(4 * (r.range - entry)),
                                                DATE '{END}' - to_months(6 * (held - r.range) + 1)))
                      AS DATE) END,
       CASE WHEN r.range = entry THEN 'pengadaan' ELSE 'reguler' END
FROM p, range(entry, held + 1) AS r
"""


PEOPLE_SQL = """
CREATE OR REPLACE TEMP TABLE g_people AS
SELECT *, nip_prefix || lpad(CAST(row_number() OVER (PARTITION BY nip_prefix ORDER BY sid)
                                  AS VARCHAR), 3, '0') AS nip
FROM g_staff;

INSERT INTO staff (nip, name, region_code, unit_id, employment_type, gender, birth_date, tmt_cpns,
                   golongan, position_type, position_level, position_name, education_level,
                   status, status_date)
SELECT nip, name, region_code, unit_id, employment_type, gender, birth_date, tmt_cpns, golongan,
       position_type, position_level, position_name, education_level, status, status_date
FROM g_people;

-- Staff in service in each year, the base of appraisals, trainings and sanctions.
CREATE OR REPLACE TEMP TABLE g_staff_years AS
SELECT p.sid, p.nip, p.region_code, p.unit_id, p.employment_type, p.kind, p.position_level,
       p.tmt_cpns, y.range AS year
FROM g_people AS p
JOIN range({first_year}, {last_year} + 1) AS y
  ON in_service(p.tmt_cpns, p.status, p.status_date, y.range);

-- Evaluators: the structural officials of each unit, numbered.
CREATE OR REPLACE TEMP TABLE g_evaluators AS
SELECT unit_id, nip,
       CAST(row_number() OVER (PARTITION BY unit_id ORDER BY sid) - 1 AS INTEGER) AS k,
       CAST(count(*) OVER (PARTITION BY unit_id) AS INTEGER) AS n
FROM g_people
WHERE kind = 'struktural' AND status = 'aktif';
"""

# Cell order (result, behaviour) as in world.CELLS, with world.CELL_P_NORMAL.
_RATINGS = "['di_atas', 'sesuai', 'di_bawah']"


def appraisals_sql() -> str:
    cells = _choose("u_cell", [(str(i), p) for i, p in enumerate(world.CELL_P_NORMAL)])
    return f"""
INSERT INTO appraisals (nip, year, period, result_rating, behavior_rating, predikat,
                        achievement_pct, evaluator_nip)
WITH rated AS (
    SELECT sy.sid, sy.nip, sy.year, sy.unit_id, e.nip AS evaluator_nip,
           rnd(sy.sid, 1000 + sy.year) AS u_cell, rnd(sy.sid, 2000 + sy.year) AS u_lenient,
           rnd(hash(sy.unit_id), 3) < 0.03 AS lenient_unit,
           rnd(hash(e.nip), 4) < 0.02 AS lenient_evaluator
    FROM g_staff_years AS sy
    LEFT JOIN (SELECT DISTINCT unit_id, n FROM g_evaluators) AS c USING (unit_id)
    LEFT JOIN g_evaluators AS e
      ON e.unit_id = sy.unit_id AND e.k = CAST(floor(rnd(sy.sid, 40) * c.n) AS INTEGER)
    WHERE sy.year >= {{appraisal_from}}
),
celled AS (
    SELECT *, CASE WHEN (lenient_unit AND u_lenient < 0.8)
                        OR (lenient_evaluator AND u_lenient < 0.9) THEN 0
                   ELSE {cells} END AS cell
    FROM rated
),
rated_cells AS (
    SELECT *, {_RATINGS}[cell // 3 + 1] AS result_rating,
           {_RATINGS}[cell % 3 + 1] AS behavior_rating
    FROM celled
)
SELECT nip, year, 'tahunan', result_rating, behavior_rating,
       predikat_of(result_rating, behavior_rating),
       CAST(round(least(150, greatest(40,
           CASE WHEN lenient_unit AND cell = 0 THEN 92.0
                ELSE CASE result_rating WHEN 'di_atas' THEN 112.0 WHEN 'sesuai' THEN 101.0
                     ELSE 82.0 END END
           + CASE result_rating WHEN 'di_atas' THEN 6.0 WHEN 'sesuai' THEN 4.0 ELSE 8.0 END
             * rnorm(sid, 3000 + year * 3))), 2) AS DECIMAL(6, 2)),
       evaluator_nip
FROM rated_cells
"""


def trainings_sql() -> str:
    category = _choose(
        "u_cat",
        [
            ("'teknis'", 0.5),
            ("'fungsional'", 0.25),
            ("'manajerial'", 0.1),
            ("'sosial_kultural'", 0.07),
            ("'seminar'", 0.08),
        ],
    )
    titles = "CASE category " + " ".join(
        f"WHEN '{c}' THEN {_pick(t, 'u_title')}" for c, t in world.TRAININGS.items()
    )
    titles += " END"
    lead = (
        "CASE position_level "
        + " ".join(f"WHEN '{lv}' THEN {_q(title)}" for lv, (title, _) in world.LEADERSHIP.items())
        + " END"
    )
    lead_jp = (
        "CASE position_level "
        + " ".join(f"WHEN '{lv}' THEN {jp}" for lv, (_, jp) in world.LEADERSHIP.items())
        + " END"
    )
    return f"""
INSERT INTO trainings (nip, title, category, method, start_date, end_date, hours_jp, provider)
WITH reach AS (
    SELECT sy.*,
           rnd(sy.sid, 4000 + sy.year) < CASE WHEN sy.employment_type = 'PPPK' THEN 0.3
               ELSE 0.28 + 0.3 * rnd(hash(sy.region_code), 5) + 0.03 * (sy.year - {FIRST_YEAR})
               END AS reach,
           rnd(sy.sid, 5000 + sy.year) AS u_n1, rnd(sy.sid, 6000 + sy.year) AS u_n2
    FROM g_staff_years AS sy
),
counted AS (
    SELECT *,
           CASE WHEN reach AND employment_type = 'PPPK' THEN 1
                WHEN reach THEN 1 + CAST(u_n1 < 0.35 AS INTEGER) + CAST(u_n2 < 0.35 AS INTEGER)
                WHEN u_n1 < 0.3 THEN 0
                ELSE 1 + CAST(u_n2 < 0.4 AS INTEGER) END AS n_tr
    FROM reach
),
each AS (
    SELECT sid, nip, year, employment_type, reach, unnest(range(n_tr)) AS k FROM counted
),
drawn AS (
    SELECT *, sid * 16 + (year - {FIRST_YEAR}) * 3 + k AS t,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 7) AS u_cat,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 8) AS u_title,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 9) AS u_jp,
           rnd(sid * 16 + (year - {FIRST_YEAR}) * 3 + k, 10) AS u_day
    FROM each
),
described AS (
    SELECT *, {category} AS category,
           CASE WHEN reach AND employment_type = 'PPPK' THEN {_pick([20.0, 24.0], "u_jp")}
                WHEN reach AND k = 0 THEN {_pick(world.MAIN_JP.tolist(), "u_jp")}
                WHEN reach THEN {_pick(world.EXTRA_JP.tolist(), "u_jp")}
                ELSE {_pick(world.SHORT_JP.tolist(), "u_jp")} END AS jp,
           make_date(year, 1, 1) + CAST(10 + floor(u_day * 110) + k * 110 AS INTEGER) AS start_date
    FROM drawn
)
SELECT nip, {titles}, category,
       CASE WHEN rnd(t, 11) < 0.55 THEN 'klasikal' ELSE 'nonklasikal' END,
       start_date, start_date + CAST(greatest(1, ceil(jp / 8)) - 1 AS INTEGER),
       CAST(jp AS DECIMAL(7, 2)), {_pick(world.PROVIDERS, "rnd(t, 12)")}
FROM described;

-- Basic training (Latsar) in the year of appointment of new CPNS.
INSERT INTO trainings (nip, title, category, method, start_date, end_date, hours_jp, provider)
SELECT nip, 'Pelatihan Dasar CPNS', 'latsar', 'klasikal', start_date, start_date + 50, 300,
       'BPSDM Provinsi'
FROM (SELECT nip, least(tmt_cpns + 60, make_date(year, 11, 1)) AS start_date
      FROM g_staff_years
      WHERE employment_type = 'PNS' AND year(tmt_cpns) = year);

-- Leadership training for about half of the structural officials, once.
INSERT INTO trainings (nip, title, category, method, start_date, end_date, hours_jp, provider)
SELECT nip, {lead}, 'kepemimpinan', 'klasikal', start_date, start_date + 120, {lead_jp},
       'BPSDM Provinsi'
FROM (SELECT nip, position_level,
             make_date({FIRST_YEAR} + CAST(floor(rnd(sid, 20) * 5) AS INTEGER), 3, 1)
                 + CAST(floor(rnd(sid, 21) * 150) AS INTEGER) AS start_date
      FROM g_people
      WHERE kind = 'struktural' AND status = 'aktif' AND rnd(sid, 22) < 0.5);

INSERT INTO discipline (nip, decision_date, level, type)
SELECT nip, make_date(year, 1, 15) + CAST(floor(rnd(sid, 31 + year) * 330) AS INTEGER), level,
       CASE level {
        " ".join(
            f"WHEN '{lv}' THEN {_pick(t, 'rnd(sid, 32 + year)')}"
            for lv, t in world.DISCIPLINE.items()
        )
    } END
FROM (SELECT *, {
        _choose("rnd(sid, 33 + year)", [("'ringan'", 0.6), ("'sedang'", 0.28), ("'berat'", 0.12)])
    } AS level
      FROM g_staff_years WHERE rnd(sid, 30 + year) < 0.01);
"""


def complaints_sql() -> str:
    categories = list(world.COMPLAINT_CATEGORIES)
    category = _choose("u_cat", [(_q(c), world.COMPLAINT_CATEGORIES[c][0]) for c in categories])
    sector = "CASE category " + " ".join(
        f"WHEN {_q(c)} THEN {_q(s)}" for c, (_, s) in world.COMPLAINT_CATEGORIES.items()
    )
    sector += " END"
    channel = _choose(
        "u_channel",
        [("'LAPOR!'", 0.5), ("'media sosial'", 0.25), ("'SMS 1708'", 0.1), ("'langsung'", 0.15)],
    )
    v_lag = _choose(
        "u_v",
        [
            (str(d), p)
            for d, p in zip(
                [0, 1, 2, 3, 4, 5, 7, 10],
                [0.3, 0.3, 0.15, 0.12, 0.06, 0.04, 0.02, 0.01],
                strict=True,
            )
        ],
    )
    r_lag = _choose(
        "u_r",
        [
            (str(d), p)
            for d, p in zip(
                [0, 1, 2, 3, 4, 5, 6, 8, 12],
                [0.1, 0.25, 0.2, 0.15, 0.1, 0.09, 0.05, 0.04, 0.02],
                strict=True,
            )
        ],
    )
    after = END + dt.timedelta(days=1)
    return f"""
CREATE OR REPLACE TEMP TABLE g_sector_units AS
SELECT region_code, sector, unit_id,
       CAST(row_number() OVER (PARTITION BY region_code, sector ORDER BY unit_id) - 1 AS INTEGER)
           AS k,
       CAST(count(*) OVER (PARTITION BY region_code, sector) AS INTEGER) AS n
FROM g_units;

INSERT INTO complaints (complaint_id, region_code, unit_id, channel, category, received_at,
                        verified_at, first_response_at, closed_at, status)
WITH months AS (
    SELECT region_code, region_no, complaints_per_month AS lam, m.range AS month_no,
           make_date({FIRST_YEAR} + CAST(m.range // 12 AS INTEGER),
                     CAST(m.range % 12 + 1 AS INTEGER), 1) AS month
    FROM g_regions CROSS JOIN range(60) AS m
),
counted AS (
    -- Seasonal, noisy, and now and then a month of trouble (2.5 times the usual).
    SELECT *, CAST(round(lam * (1 + 0.12 * sin(2 * pi() * (month(month) - 3) / 12))
                         * (0.85 + 0.3 * rnd(region_no * 60 + month_no, 300))
                         * CASE WHEN rnd(region_no * 60 + month_no, 301) < 0.01 THEN 2.5
                                ELSE 1 END) AS INTEGER) AS n
    FROM months
),
each AS (
    SELECT region_code, region_no, month, month_no, unnest(range(n)) AS seq FROM counted
),
drawn AS (
    SELECT *, (region_no * 60 + month_no) * 100000 + seq AS c,
           rnd((region_no * 60 + month_no) * 100000 + seq, 40) AS u_cat,
           rnd((region_no * 60 + month_no) * 100000 + seq, 41) AS u_channel,
           rnd((region_no * 60 + month_no) * 100000 + seq, 42) AS u_v,
           rnd((region_no * 60 + month_no) * 100000 + seq, 43) AS u_r,
           rnd((region_no * 60 + month_no) * 100000 + seq, 44) AS u_out
    FROM each
),
timed AS (
    SELECT *, {category} AS category, {channel} AS channel,
           CAST(month AS TIMESTAMP)
               + to_days(CAST(floor(rnd(c, 45) * datediff('day', month,
                                                          month + INTERVAL 1 MONTH))
                              AS INTEGER))
               + to_seconds(CAST(7 * 3600 + floor(rnd(c, 46) * 15 * 3600) AS BIGINT))
               AS received_at,
           {v_lag} AS v_lag, {r_lag} AS r_lag,
           CAST(round(exp(ln(10) + 0.9 * rnorm(c, 47))) AS INTEGER) AS c_lag
    FROM drawn
),
stepped AS (
    -- Working-day lags, roughly: two weekend days for every five working days.
    SELECT *, greatest(received_at, CAST(CAST(received_at AS DATE) AS TIMESTAMP)
                       + to_days(v_lag + 2 * (v_lag // 5))
                       + to_seconds(CAST(8 * 3600 + floor(rnd(c, 48) * 8 * 3600) AS BIGINT)))
                  AS verified
    FROM timed
),
stepped2 AS (
    SELECT *, greatest(verified, CAST(CAST(verified AS DATE) AS TIMESTAMP)
                       + to_days(r_lag + 2 * (r_lag // 5))
                       + to_seconds(CAST(8 * 3600 + floor(rnd(c, 49) * 8 * 3600) AS BIGINT)))
                  AS responded
    FROM stepped
),
stepped3 AS (
    SELECT *, greatest(responded, received_at + to_days(c_lag)
                       + to_seconds(CAST(floor(rnd(c, 50) * 4 * 3600) AS BIGINT))) AS closed,
              CASE WHEN u_out < 0.03 THEN 'bukan_wewenang' WHEN u_out < 0.05 THEN 'arsip'
                   WHEN u_out < 0.06 THEN 'tunda' ELSE 'selesai' END AS outcome
    FROM stepped2
),
known AS (
    -- Steps after the end of the data are not done yet.
    SELECT *,
           CASE WHEN verified < TIMESTAMP '{after}' THEN verified END AS v_at,
           CASE WHEN outcome NOT IN ('bukan_wewenang', 'arsip')
                 AND responded < TIMESTAMP '{after}' THEN responded END AS r_at,
           CASE WHEN outcome IN ('bukan_wewenang', 'arsip') THEN
                    CASE WHEN verified < TIMESTAMP '{after}' THEN verified END
                WHEN outcome = 'tunda' THEN NULL
                WHEN closed < TIMESTAMP '{after}' THEN closed END AS c_at
    FROM stepped3
)
SELECT k.region_code || '-' || strftime(k.month, '%Y%m') || '-' || lpad(CAST(k.seq + 1 AS VARCHAR),
                                                                         5, '0'),
       k.region_code,
       CASE WHEN rnd(k.c, 51) < 0.05 THEN NULL ELSE su.unit_id END,
       k.channel, k.category, k.received_at, k.v_at, k.r_at, k.c_at,
       CASE WHEN k.c_at IS NOT NULL OR k.outcome = 'tunda' THEN k.outcome
            WHEN k.v_at IS NULL THEN 'baru'
            WHEN k.r_at IS NULL THEN 'terverifikasi'
            ELSE 'proses' END
FROM known AS k
LEFT JOIN (SELECT DISTINCT region_code, sector, n FROM g_sector_units) AS sn
  ON sn.region_code = k.region_code AND sn.sector = {sector.replace("category", "k.category")}
LEFT JOIN g_sector_units AS su
  ON su.region_code = k.region_code AND su.sector = sn.sector
 AND su.k = CAST(floor(rnd(k.c, 52) * sn.n) AS INTEGER)
"""


def ikm_sql() -> str:
    elements = list(world.IKM_ELEMENTS)
    answers = ",\n       ".join(
        f"CASE WHEN rnd(r, {700 + i}) < 0.005 THEN NULL ELSE CAST(1 + CAST(rnd(r, {600 + i}) > 0.01"
        f" AS INTEGER) + CAST(rnd(r, {600 + i}) > 0.60 - p4_{i} AS INTEGER)"
        f" + CAST(rnd(r, {600 + i}) > 1.0 - p4_{i} AS INTEGER) AS TINYINT) END AS {e}"
        for i, e in enumerate(elements)
    )
    p4 = ",\n           ".join(
        f"least(0.59, greatest(0.0, (m + {off} - 2.39) / 2)) AS p4_{i}"
        for i, off in enumerate(world.IKM_ELEMENT_OFFSET)
    )
    return f"""
INSERT INTO ikm_responses (response_id, region_code, unit_id, survey_date, service,
                           {", ".join(elements)})
WITH service_units AS (
    SELECT u.region_code, r.region_no, u.unit_id, u.services,
           r.region_no * 200 + u.unit_no AS unit_key
    FROM g_units AS u JOIN g_regions AS r USING (region_code)
    WHERE u.services IS NOT NULL
),
unit_years AS (
    SELECT s.*, y.range AS year,
           CAST(round($per_unit_year * (0.7 + 0.6 * rnd(s.unit_key * 10 + y.range, 500)))
                AS INTEGER) AS n,
           -- The region's level, its drift over the years, and the unit's own offset.
           2.95 + 0.5 * rnd(s.region_no, 501)
               + (y.range - 2023) * 0.08 * (rnd(s.region_no, 502) - 0.5) * 2
               + 0.2 * (rnd(s.unit_key, 503) - 0.5) AS m
    FROM service_units AS s CROSS JOIN range({FIRST_YEAR}, {LAST_YEAR} + 1) AS y
),
each AS (
    SELECT *, (unit_key * 8 + year - {FIRST_YEAR}) * 100000 + unnest(range(n)) AS r
    FROM unit_years
),
shaped AS (
    SELECT *, {p4}
    FROM each
)
SELECT 'BENCH-' || CAST(r AS VARCHAR), region_code, unit_id,
       make_date(year, 1, 2) + CAST(floor(rnd(r, 510) * 363) AS INTEGER),
       services[1 + CAST(floor(rnd(r, 511) * len(services)) AS INTEGER)],
       {answers}
FROM shaped
"""
