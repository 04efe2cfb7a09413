-- NIP rules (BKN): the 18-digit identity number of a PNS, and the NI PPPK of a PPPK.
-- PNS : digits 1-8 birth date, 9-14 TMT CPNS year-month, 15 gender (1 man, 2 woman), 16-18 number.
-- PPPK: digits 1-8 birth date, 9-12 appointment year, 13 is '2', 15 gender, 16-18 number.
-- Registered as temporary macros on every connection, so that the import validates a whole
-- column in one query and the command line and tests use the very same rules.

-- Spaces removed, a leading apostrophe (Excel's "store as text") dropped.
CREATE OR REPLACE TEMP MACRO nip_clean(raw) AS
    nullif(regexp_replace(regexp_replace(trim(CAST(raw AS VARCHAR)), '^''', ''), '\s+', '', 'g'), '');

-- The 18 digits as a number, NULL unless the NIP is exactly 18 digits. `digits` says whether it is
-- digits only: an import that already knows it passes that instead of testing the text again
-- (TRY_CAST: a wrong `digits` gives NULL, never a failed query).
CREATE OR REPLACE TEMP MACRO nip_number_of(nip, digits) AS
    CASE WHEN length(nip) = 18 AND digits THEN TRY_CAST(nip AS UBIGINT) END;

CREATE OR REPLACE TEMP MACRO nip_number(nip) AS
    nip_number_of(nip, regexp_full_match(nip, '[0-9]+'));

-- The nipn_ macros read the fields of that number n by integer division, far cheaper over a
-- column than cutting and parsing text: digit 13 is n // 10^5 % 10, digits 9-14 n // 10^4 % 10^6.
-- Digit 13 is '2' on an NI PPPK.
CREATE OR REPLACE TEMP MACRO nipn_pppk(n) AS n // 100000 % 10 = 2;

CREATE OR REPLACE TEMP MACRO nipn_kind(n) AS
    CASE WHEN nipn_pppk(n) THEN 'PPPK' ELSE 'PNS' END;

CREATE OR REPLACE TEMP MACRO nipn_birth_date(n) AS
    try(make_date(CAST(n // 100000000000000 AS BIGINT), CAST(n // 1000000000000 % 100 AS BIGINT),
                  CAST(n // 10000000000 % 100 AS BIGINT)));

-- PNS only: the first day of the TMT CPNS month.
CREATE OR REPLACE TEMP MACRO nipn_tmt(n) AS
    CASE WHEN NOT nipn_pppk(n)
         THEN try(make_date(CAST(n // 1000000 % 10000 AS BIGINT), CAST(n // 10000 % 100 AS BIGINT), 1))
    END;

CREATE OR REPLACE TEMP MACRO nipn_appointment_year(n) AS
    CASE WHEN nipn_pppk(n) THEN CAST(n // 1000000 % 10000 AS INTEGER) END;

CREATE OR REPLACE TEMP MACRO nipn_gender(n) AS
    CASE n // 1000 % 10 WHEN 1 THEN 'L' WHEN 2 THEN 'P' END;

-- The first rule a cleaned NIP breaks, as a code (see asn_analytics.nip.MESSAGES), or NULL.
-- `n` is nip_number(nip), `birth` and `tmt` are nipn_birth_date(n) and nipn_tmt(n): an import
-- decodes them once per row and passes them in. The 18-year checks compare digits as numbers:
-- yyyymm01 < yyyymmdd + 18 years (+180000) is TMT < birth date + 18 years, 29 February included
-- (the TMT is a first of the month, so day 29 and day 28 compare alike).
CREATE OR REPLACE TEMP MACRO nipn_error(nip, n, birth, tmt) AS
    CASE
        WHEN nip IS NULL THEN 'nip_missing'
        WHEN n IS NULL THEN
            CASE WHEN regexp_full_match(nip, '[0-9]+') THEN 'nip_length'
                 WHEN regexp_full_match(nip, '[0-9]([.,][0-9]+)?[eE][+]?[0-9]+') THEN 'nip_scientific'
                 ELSE 'nip_not_digits' END
        WHEN birth IS NULL THEN 'nip_birth_date'
        WHEN NOT nipn_pppk(n) AND tmt IS NULL THEN 'nip_tmt'
        WHEN NOT nipn_pppk(n)
             AND n // 10000 % 1000000 * 100 + 1 < n // 10000000000 + 180000 THEN 'nip_tmt_age'
        WHEN nipn_pppk(n)
             AND n // 1000000 % 10000 < n // 100000000000000 + 18 THEN 'nip_appointment_age'
        WHEN n // 1000 % 10 NOT IN (1, 2) THEN 'nip_gender'
        WHEN n % 1000 = 0 THEN 'nip_sequence'
    END;

-- A valid NIP whose digit 13 disagrees with the stated employment type: kept, with a warning.
CREATE OR REPLACE TEMP MACRO nipn_type_warning(n, employment_type) AS
    CASE
        WHEN employment_type = 'PNS' AND nipn_kind(n) = 'PPPK' THEN 'nip_pppk_on_pns'
        WHEN employment_type = 'PPPK' AND nipn_kind(n) = 'PNS' THEN 'nip_pns_on_pppk'
    END;

-- The same rules on the text of a NIP, for the command line, the tests and ad-hoc queries.
CREATE OR REPLACE TEMP MACRO nip_kind(nip) AS nipn_kind(nip_number(nip));
CREATE OR REPLACE TEMP MACRO nip_birth_date(nip) AS nipn_birth_date(nip_number(nip));
CREATE OR REPLACE TEMP MACRO nip_tmt(nip) AS nipn_tmt(nip_number(nip));
CREATE OR REPLACE TEMP MACRO nip_appointment_year(nip) AS nipn_appointment_year(nip_number(nip));
CREATE OR REPLACE TEMP MACRO nip_gender(nip) AS nipn_gender(nip_number(nip));
CREATE OR REPLACE TEMP MACRO nip_type_warning(nip, employment_type) AS
    nipn_type_warning(nip_number(nip), employment_type);
CREATE OR REPLACE TEMP MACRO nip_error(nip) AS
    nipn_error(nip, nip_number(nip), nipn_birth_date(nip_number(nip)), nipn_tmt(nip_number(nip)));
