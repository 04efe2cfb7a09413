-- Awards and decorations of a staff member (SIASN riwayat penghargaan, rw-penghargaan; or a
-- region's own list of ASN berprestasi and innovation awards): one row per staff member, kind and
-- year.
CREATE TABLE rewards (
    nip           VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL CHECK (kind IN (
        'karya_satya_10', 'karya_satya_20', 'karya_satya_30', 'wira_karya', 'bintang',
        'asn_berprestasi', 'inovasi', 'lainnya')),
    year          INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    name          VARCHAR,
    decree_number VARCHAR,
    decree_date   DATE CHECK (decree_date BETWEEN DATE '1950-01-01' AND DATE '2100-12-31'),
    source        VARCHAR,
    batch_id      BIGINT
);
CREATE TABLE rewards_history AS
    SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM rewards LIMIT 0;
