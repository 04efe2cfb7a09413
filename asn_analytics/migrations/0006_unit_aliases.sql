-- Names an officer mapped to an existing unit of the region when importing ("RSUD Sawahlunto" is
-- "Rumah Sakit Umum Daerah"), so that later imports resolve them without asking. `alias` is the
-- name as units.normal() writes it; the batch that recorded it removes it again when undone.
CREATE TABLE unit_aliases (
    region_code VARCHAR NOT NULL,
    alias       VARCHAR NOT NULL CHECK (length(trim(alias)) > 0),
    unit_id     VARCHAR NOT NULL CHECK (starts_with(unit_id, region_code || ':')),
    batch_id    BIGINT,
    created_by  VARCHAR,
    PRIMARY KEY (region_code, alias)
);
