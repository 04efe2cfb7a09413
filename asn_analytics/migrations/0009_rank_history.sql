-- A PNS's rank history (SIASN riwayat golongan, /pns/rw-golongan): each golongan held, from its
-- TMT, with the kind of promotion (SIASN's jenis KP) and the decree. A PNS holds a golongan once,
-- so (nip, golongan) is the key: a file correcting a TMT updates the row.
CREATE TABLE rank_history (
    nip            VARCHAR NOT NULL,
    golongan       VARCHAR NOT NULL CHECK (golongan IN (
        'I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d',
        'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e')),
    tmt_golongan   DATE NOT NULL CHECK (tmt_golongan BETWEEN DATE '1950-01-01' AND DATE '2100-12-31'),
    promotion_kind VARCHAR CHECK (promotion_kind IN (
        'reguler', 'pilihan_struktural', 'pilihan_fungsional', 'penyesuaian_ijazah',
        'tugas_belajar', 'diperbantukan', 'penemuan_baru', 'prestasi_luar_biasa',
        'pejabat_negara', 'pengadaan', 'anumerta', 'pengabdian', 'pengembalian')),
    decree_number  VARCHAR,
    decree_date    DATE CHECK (decree_date BETWEEN DATE '1950-01-01' AND DATE '2100-12-31'),
    batch_id       BIGINT
);
CREATE TABLE rank_history_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM rank_history LIMIT 0;

-- The datasets are declared by the import (asn_analytics/ingest/datasets/), which writes only
-- their names: the batch table no longer lists them, so a new dataset needs no change here.
CREATE TABLE import_batches_next (
    batch_id    BIGINT PRIMARY KEY DEFAULT nextval('import_batch_seq'),
    dataset     VARCHAR NOT NULL CHECK (regexp_full_match(dataset, '[a-z][a-z_]*')),
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
    imported_by VARCHAR,
    undone_by   VARCHAR,
    undone_at   TIMESTAMP,
    CHECK (inserted + updated + unchanged + rejected <= rows_read)
);
INSERT INTO import_batches_next SELECT * FROM import_batches;
DROP TABLE import_batches;
ALTER TABLE import_batches_next RENAME TO import_batches;
