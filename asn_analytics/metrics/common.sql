-- Rules shared by several indicators (each stated beside its macro), as temporary macros defined on
-- every connection and cursor (asn_analytics.db.register_macros).

-- An ASN of the region: active, on leave outside the state's responsibility (CLTN) or on study
-- assignment (tugas belajar): both stay PNS of their agency and return to it (PP 11/2017 on PNS
-- management, amended by PP 17/2020: its chapters on leave and on competence development). A
-- pensioner, a person who left, died or moved to another agency is not. MPP (the year before
-- retirement, still PNS until the pension's TMT) is stored as `aktif`.
CREATE OR REPLACE TEMP MACRO serving(status) AS status IN ('aktif', 'cltn', 'tugas_belajar');

-- Staff in service in year y: appointed (TMT CPNS or PPPK appointment) on or before 31 Dec y,
-- and serving, or with a status that took effect after 31 Dec y.
CREATE OR REPLACE TEMP MACRO in_service(tmt_cpns, status, status_date, y) AS
    (tmt_cpns IS NULL OR tmt_cpns <= make_date(y, 12, 31))
    AND (serving(status) OR status_date > make_date(y, 12, 31));

-- Filter predicates: a NULL list means "no restriction".
CREATE OR REPLACE TEMP MACRO keep(list, value) AS (list IS NULL OR list_contains(list, value));

-- The OPD of a work unit (units.parent_id), or the unit itself when it is an OPD or its OPD is
-- not known. Breakdowns by OPD group a unit's rows under it.
CREATE OR REPLACE TEMP MACRO opd_of(unit) AS
    coalesce((SELECT o.parent_id FROM units AS o WHERE o.unit_id = unit), unit);

-- The employment-type filter: PNS, PPPK (full- and part-time alike) or 'PPPK Paruh Waktu' (the
-- part-time PPPK only).
CREATE OR REPLACE TEMP MACRO keep_type(list, employment_type, pppk_kind) AS (
    list IS NULL OR list_contains(list, employment_type)
    OR (pppk_kind = 'paruh_waktu' AND list_contains(list, 'PPPK Paruh Waktu')));

-- The order of a PNS golongan ruang, I/a = 1 ... IV/e = 17 (PP 99/2000 Lampiran); NULL for
-- anything else (a PPPK's golongan).
CREATE OR REPLACE TEMP MACRO golongan_rank(g) AS nullif(list_position(
    ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c',
     'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'], g), 0);
