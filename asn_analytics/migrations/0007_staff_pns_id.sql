-- SIASN's PNS ID of a staff member (a 32-character id), by which SIASN's riwayat files
-- (rw-skp22 pnsDinilaiId, rw-kursus idPns) name a person instead of the NIP.
ALTER TABLE staff ADD COLUMN pns_id VARCHAR;
ALTER TABLE staff_history ADD COLUMN pns_id VARCHAR;
