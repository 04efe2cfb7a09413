-- Rules shared by several indicators (DESIGN.md "Precise rules"), as temporary macros defined on
-- every connection and cursor (asn_analytics.db.register_macros).

-- Staff in service in year y: appointed (TMT CPNS or PPPK appointment) on or before 31 Dec y,
-- and active, or with a status that took effect after 31 Dec y.
CREATE OR REPLACE TEMP MACRO in_service(tmt_cpns, status, status_date, y) AS
    (tmt_cpns IS NULL OR tmt_cpns <= make_date(y, 12, 31))
    AND (status = 'aktif' OR status_date > make_date(y, 12, 31));

-- Filter predicates: a NULL list means "no restriction".
CREATE OR REPLACE TEMP MACRO keep(list, value) AS (list IS NULL OR list_contains(list, value));
