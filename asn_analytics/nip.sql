-- NIP rules (BKN): the 18-digit identity number of a PNS, and the NI PPPK of a PPPK.
-- PNS : digits 1-8 birth date, 9-14 TMT CPNS year-month, 15 gender (1 man, 2 woman), 16-18 number.
-- PPPK: digits 1-8 birth date, 9-12 appointment year, 13 is '2', 15 gender, 16-18 number.
-- Registered as temporary macros on every connection, so that the import validates a whole
-- column in one query and the command line and tests use the very same rules.

-- Spaces removed, a leading apostrophe (Excel's "store as text") dropped.
CREATE OR REPLACE TEMP MACRO nip_clean(raw) AS
    nullif(regexp_replace(regexp_replace(trim(CAST(raw AS VARCHAR)), '^''', ''), '\s+', '', 'g'), '');

CREATE OR REPLACE TEMP MACRO nip_kind(nip) AS
    CASE WHEN substr(nip, 13, 1) = '2' THEN 'PPPK' ELSE 'PNS' END;

CREATE OR REPLACE TEMP MACRO nip_birth_date(nip) AS
    CAST(try_strptime(substr(nip, 1, 8), '%Y%m%d') AS DATE);

-- PNS only: the first day of the TMT CPNS month.
CREATE OR REPLACE TEMP MACRO nip_tmt(nip) AS
    CASE WHEN nip_kind(nip) = 'PNS'
         THEN CAST(try_strptime(substr(nip, 9, 6) || '01', '%Y%m%d') AS DATE) END;

CREATE OR REPLACE TEMP MACRO nip_appointment_year(nip) AS
    CASE WHEN nip_kind(nip) = 'PPPK' THEN try_cast(substr(nip, 9, 4) AS INTEGER) END;

CREATE OR REPLACE TEMP MACRO nip_gender(nip) AS
    CASE substr(nip, 15, 1) WHEN '1' THEN 'L' WHEN '2' THEN 'P' END;

-- The first rule a cleaned NIP breaks, as a code (see asn_analytics.nip.MESSAGES), or NULL.
-- `birth` and `tmt` are nip_birth_date(nip) and nip_tmt(nip): an import decodes them once per row
-- and passes them in. Once both dates are valid, the 18-year checks compare digits as numbers:
-- yyyymm01 < yyyymmdd + 18 years (+180000) is TMT < birth date + 18 years, 29 February included
-- (the TMT is a first of the month, so day 29 and day 28 compare alike). TRY_CAST, so that no
-- evaluation order can make a malformed NIP fail the query instead of reporting it.
CREATE OR REPLACE TEMP MACRO nip_error_of(nip, birth, tmt) AS
    CASE
        WHEN nip IS NULL THEN 'nip_missing'
        WHEN NOT regexp_full_match(nip, '[0-9]+') THEN
            CASE WHEN regexp_full_match(nip, '[0-9](\.[0-9]+)?[eE][+]?[0-9]+')
                 THEN 'nip_scientific' ELSE 'nip_not_digits' END
        WHEN length(nip) <> 18 THEN 'nip_length'
        WHEN birth IS NULL THEN 'nip_birth_date'
        WHEN nip_kind(nip) = 'PNS' AND tmt IS NULL THEN 'nip_tmt'
        WHEN nip_kind(nip) = 'PNS' AND TRY_CAST(substr(nip, 9, 6) AS INTEGER) * 100 + 1
             < TRY_CAST(substr(nip, 1, 8) AS INTEGER) + 180000 THEN 'nip_tmt_age'
        WHEN nip_kind(nip) = 'PPPK' AND TRY_CAST(substr(nip, 9, 4) AS INTEGER)
             < TRY_CAST(substr(nip, 1, 4) AS INTEGER) + 18 THEN 'nip_appointment_age'
        WHEN substr(nip, 15, 1) NOT IN ('1', '2') THEN 'nip_gender'
        WHEN substr(nip, 16, 3) = '000' THEN 'nip_sequence'
    END;

CREATE OR REPLACE TEMP MACRO nip_error(nip) AS
    nip_error_of(nip, nip_birth_date(nip), nip_tmt(nip));

-- A valid NIP whose digit 13 disagrees with the stated employment type: kept, with a warning.
CREATE OR REPLACE TEMP MACRO nip_type_warning(nip, employment_type) AS
    CASE
        WHEN employment_type = 'PNS' AND nip_kind(nip) = 'PPPK' THEN 'nip_pppk_on_pns'
        WHEN employment_type = 'PPPK' AND nip_kind(nip) = 'PNS' THEN 'nip_pns_on_pppk'
    END;
