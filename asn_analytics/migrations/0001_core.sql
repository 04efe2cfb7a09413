-- Core schema: regions, units, staff and the event tables the indicators read.
-- Stored enumerations use lower-case codes; the interface translates them.
-- Regions, units and staff declare primary keys. The large fact tables do not: the import
-- pipeline guarantees their key uniqueness (an index costs memory the scale benchmark must justify).
-- Every data row records the import batch that last wrote it (NULL for seed and demo rows).

CREATE TABLE app_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE regions (
    region_code     VARCHAR PRIMARY KEY CHECK (regexp_full_match(region_code, '[0-9]{2}([0-9]{2})?')),
    name            VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    kind            VARCHAR NOT NULL CHECK (kind IN ('kota', 'kabupaten', 'provinsi')),
    province        VARCHAR NOT NULL,
    population      BIGINT CHECK (population > 0),
    population_year INTEGER CHECK (population_year BETWEEN 1900 AND 2100),
    batch_id        BIGINT
);

CREATE TABLE units (
    unit_id     VARCHAR PRIMARY KEY CHECK (starts_with(unit_id, region_code || ':')),
    region_code VARCHAR NOT NULL,
    name        VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    sector      VARCHAR,
    batch_id    BIGINT
);

CREATE TABLE staff (
    nip             VARCHAR PRIMARY KEY CHECK (regexp_full_match(nip, '[0-9]{18}')),
    name            VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    region_code     VARCHAR NOT NULL,
    unit_id         VARCHAR NOT NULL,
    employment_type VARCHAR NOT NULL CHECK (employment_type IN ('PNS', 'PPPK')),
    gender          VARCHAR CHECK (gender IN ('L', 'P')),
    birth_date      DATE CHECK (birth_date BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    tmt_cpns        DATE CHECK (tmt_cpns BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'),
    golongan        VARCHAR CHECK (golongan IN (
        'I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d',
        'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e',
        'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII',
        'XIV', 'XV', 'XVI', 'XVII')),
    position_type   VARCHAR CHECK (position_type IN ('struktural', 'fungsional', 'pelaksana')),
    position_level  VARCHAR CHECK (position_level IN (
        'jpt_utama', 'jpt_madya', 'jpt_pratama', 'administrator', 'pengawas',
        'ahli_utama', 'ahli_madya', 'ahli_muda', 'ahli_pertama',
        'penyelia', 'mahir', 'terampil', 'pemula', 'pelaksana')),
    position_name   VARCHAR,
    education_level VARCHAR CHECK (education_level IN (
        'SD', 'SMP', 'SLTA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3')),
    status          VARCHAR NOT NULL DEFAULT 'aktif' CHECK (status IN (
        'aktif', 'cltn', 'tugas_belajar', 'pensiun', 'berhenti', 'meninggal', 'pindah')),
    status_date     DATE,
    batch_id        BIGINT,
    CHECK (tmt_cpns IS NULL OR birth_date IS NULL OR tmt_cpns > birth_date)
);

CREATE TABLE appraisals (
    nip             VARCHAR NOT NULL,
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    period          VARCHAR NOT NULL DEFAULT 'tahunan' CHECK (
        period IN ('tahunan', 'TW1', 'TW2', 'TW3', 'TW4', 'S1', 'S2')
        OR regexp_full_match(period, '[0-9]{4}-(0[1-9]|1[0-2])')),
    result_rating   VARCHAR CHECK (result_rating IN ('di_atas', 'sesuai', 'di_bawah')),
    behavior_rating VARCHAR CHECK (behavior_rating IN ('di_atas', 'sesuai', 'di_bawah')),
    predikat        VARCHAR NOT NULL CHECK (predikat IN (
        'sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    achievement_pct DECIMAL(6, 2) CHECK (achievement_pct BETWEEN 0 AND 200),
    evaluator_nip   VARCHAR,
    batch_id        BIGINT
);

CREATE TABLE trainings (
    nip        VARCHAR NOT NULL,
    title      VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    category   VARCHAR CHECK (category IN (
        'teknis', 'fungsional', 'kepemimpinan', 'manajerial', 'sosial_kultural', 'latsar',
        'seminar')),
    method     VARCHAR CHECK (method IN ('klasikal', 'nonklasikal')),
    start_date DATE NOT NULL,
    end_date   DATE,
    hours_jp   DECIMAL(7, 2) NOT NULL CHECK (hours_jp > 0 AND hours_jp <= 1000),
    provider   VARCHAR,
    batch_id   BIGINT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE discipline (
    nip           VARCHAR NOT NULL,
    decision_date DATE NOT NULL,
    level         VARCHAR NOT NULL CHECK (level IN ('ringan', 'sedang', 'berat')),
    type          VARCHAR,
    batch_id      BIGINT
);

-- Timestamps are Asia/Jakarta local time without a zone. The step order is checked on dates here
-- (a date-only value has no time of day); the import checks the full order.
CREATE TABLE complaints (
    complaint_id      VARCHAR NOT NULL CHECK (length(trim(complaint_id)) > 0),
    region_code       VARCHAR NOT NULL,
    unit_id           VARCHAR,
    channel           VARCHAR,
    category          VARCHAR,
    received_at       TIMESTAMP NOT NULL,
    verified_at       TIMESTAMP,
    first_response_at TIMESTAMP,
    closed_at         TIMESTAMP,
    status            VARCHAR CHECK (status IN (
        'baru', 'terverifikasi', 'proses', 'selesai', 'tunda', 'bukan_wewenang', 'arsip')),
    batch_id          BIGINT,
    CHECK (verified_at IS NULL OR CAST(verified_at AS DATE) >= CAST(received_at AS DATE)),
    CHECK (first_response_at IS NULL OR CAST(first_response_at AS DATE)
           >= CAST(coalesce(verified_at, received_at) AS DATE)),
    CHECK (closed_at IS NULL OR CAST(closed_at AS DATE)
           >= CAST(coalesce(first_response_at, verified_at, received_at) AS DATE))
);

-- Public satisfaction survey (SKM, PermenPANRB 14/2017): nine elements on a 1-4 scale;
-- a NULL answer is a blank, not an answer.
CREATE TABLE ikm_responses (
    response_id   VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL,
    unit_id       VARCHAR NOT NULL,
    survey_date   DATE NOT NULL,
    service       VARCHAR,
    u_persyaratan TINYINT CHECK (u_persyaratan BETWEEN 1 AND 4),
    u_prosedur    TINYINT CHECK (u_prosedur BETWEEN 1 AND 4),
    u_waktu       TINYINT CHECK (u_waktu BETWEEN 1 AND 4),
    u_biaya       TINYINT CHECK (u_biaya BETWEEN 1 AND 4),
    u_produk      TINYINT CHECK (u_produk BETWEEN 1 AND 4),
    u_kompetensi  TINYINT CHECK (u_kompetensi BETWEEN 1 AND 4),
    u_perilaku    TINYINT CHECK (u_perilaku BETWEEN 1 AND 4),
    u_pengaduan   TINYINT CHECK (u_pengaduan BETWEEN 1 AND 4),
    u_sarana      TINYINT CHECK (u_sarana BETWEEN 1 AND 4),
    batch_id      BIGINT
);

CREATE SEQUENCE import_batch_seq START 1;

CREATE TABLE import_batches (
    batch_id    BIGINT PRIMARY KEY DEFAULT nextval('import_batch_seq'),
    dataset     VARCHAR NOT NULL CHECK (dataset IN (
        'regions', 'units', 'staff', 'appraisals', 'trainings', 'discipline', 'complaints',
        'ikm_responses')),
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    rows_read   INTEGER NOT NULL CHECK (rows_read >= 0),
    inserted    INTEGER NOT NULL CHECK (inserted >= 0),
    updated     INTEGER NOT NULL CHECK (updated >= 0),
    unchanged   INTEGER NOT NULL CHECK (unchanged >= 0),
    rejected    INTEGER NOT NULL CHECK (rejected >= 0),
    warnings    INTEGER NOT NULL CHECK (warnings >= 0),
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status      VARCHAR NOT NULL CHECK (status IN ('committed', 'undone')),
    CHECK (inserted + updated + unchanged + rejected <= rows_read)
);

-- Rejected rows and warnings, with the row number as a spreadsheet shows it.
CREATE TABLE import_rejects (
    batch_id   BIGINT NOT NULL,
    row_number INTEGER NOT NULL CHECK (row_number >= 1),
    severity   VARCHAR NOT NULL CHECK (severity IN ('error', 'warning')),
    "column"   VARCHAR,
    value      VARCHAR,
    reason     VARCHAR NOT NULL,
    reason_en  VARCHAR NOT NULL
);

-- The previous version of every row an import updated, so that the batch can be undone exactly.
-- Each history table has its data table's columns plus the batch that replaced the row.
CREATE TABLE regions_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM regions LIMIT 0;
CREATE TABLE units_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM units LIMIT 0;
CREATE TABLE staff_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM staff LIMIT 0;
CREATE TABLE appraisals_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM appraisals LIMIT 0;
CREATE TABLE trainings_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM trainings LIMIT 0;
CREATE TABLE discipline_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM discipline LIMIT 0;
CREATE TABLE complaints_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM complaints LIMIT 0;
CREATE TABLE ikm_responses_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM ikm_responses LIMIT 0;
