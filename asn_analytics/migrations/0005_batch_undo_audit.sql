-- Who undid a batch, and when: the history shows it beside who imported it.
ALTER TABLE import_batches ADD COLUMN undone_by VARCHAR;
ALTER TABLE import_batches ADD COLUMN undone_at TIMESTAMP;
