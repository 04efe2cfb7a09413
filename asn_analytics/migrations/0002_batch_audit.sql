-- Who made each import, and a data version that every import advances (caches key on it).
ALTER TABLE import_batches ADD COLUMN imported_by VARCHAR;
INSERT INTO app_meta VALUES ('data_version', '0') ON CONFLICT DO NOTHING;
