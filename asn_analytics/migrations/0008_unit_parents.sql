-- The OPD (perangkat daerah) a work unit belongs to: SIASN's UNOR NAMA (a puskesmas, a school, a
-- section) sits in its SATUAN KERJA (the OPD, itself a unit here). NULL: the unit is an OPD, or
-- its OPD is not known. Written by any import that names both levels; undone with its batch.
ALTER TABLE units ADD COLUMN parent_id VARCHAR;
ALTER TABLE units_history ADD COLUMN parent_id VARCHAR;

-- Rows at the OPD level beside the unit rows (level 'opd': unit_id is the OPD's), and each unit's
-- OPD: these two do not add up over units (a median, a z-score within the unit).
ALTER TABLE sum_achievement ADD COLUMN level VARCHAR;
ALTER TABLE sum_achievement ADD COLUMN opd_id VARCHAR;
ALTER TABLE sum_evaluators ADD COLUMN opd_id VARCHAR;
ALTER TABLE sum_evaluators ADD COLUMN opd_name VARCHAR;
ALTER TABLE sum_complaint_sla ADD COLUMN opd_id VARCHAR;

-- A PPPK's kind: 'penuh_waktu' (full-time) or 'paruh_waktu' (part-time, KepmenPANRB 16/2025);
-- NULL for a PNS. Both are PPPK (employment_type) in every PNS/PPPK split. The import writes
-- only these two values.
ALTER TABLE staff ADD COLUMN pppk_kind VARCHAR;
ALTER TABLE staff_history ADD COLUMN pppk_kind VARCHAR;
