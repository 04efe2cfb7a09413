-- Summary tables: the indicators' fast path at scale (asn_analytics.summaries).
-- Written only by summaries.refresh() (after every import or undo, and by the demo and bench
-- generators); read only while summary_state's fingerprint matches the data, the reference files
-- and the summary code. Region and unit names are joined by the queries (sum_evaluators
-- excepted), so that a change to either table only needs a refresh.
-- type_key: '*' = every employment type, else the type; it keeps figures that cannot be added
-- up (medians, z-scores, distinct staff) exact for each choice of the type filter.

CREATE TABLE summary_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint      VARCHAR NOT NULL,
    data_version     VARCHAR NOT NULL,
    as_of            DATE NOT NULL,
    first_year       INTEGER NOT NULL,
    last_year        INTEGER NOT NULL,
    units_consistent BOOLEAN NOT NULL,
    refreshed_at     TIMESTAMP NOT NULL
);

-- Staff in service per region, employment type and year, by one breakdown at a time.
CREATE TABLE sum_headcount (
    region_code VARCHAR, employment_type VARCHAR, year BIGINT, dimension VARCHAR,
    category VARCHAR, n BIGINT
);

-- PNS in service and those reaching the 20-JP entitlement, per unit, year and position type.
CREATE TABLE sum_coverage (
    region_code VARCHAR, unit_id VARCHAR, year BIGINT, position_type VARCHAR, n BIGINT,
    n_reached BIGINT
);

-- jp_summary and jp_distribution rows of the whole database (a median does not add up).
CREATE TABLE sum_jp_summary (
    region_code VARCHAR, year BIGINT, employment_type VARCHAR, n BIGINT, total_jp DOUBLE,
    mean_jp DOUBLE, median_jp DOUBLE, n_without_training BIGINT
);
CREATE TABLE sum_jp_distribution (
    region_code VARCHAR, year BIGINT, employment_type VARCHAR, band_order INTEGER,
    jp_band VARCHAR, n BIGINT, share DOUBLE
);

-- training_mix rows per employment-type choice (distinct staff do not add up across years).
CREATE TABLE sum_training_mix (
    type_key VARCHAR, region_code VARCHAR, year BIGINT, category VARCHAR, method VARCHAR,
    n BIGINT, total_jp DOUBLE, n_staff BIGINT
);

-- training_targeting and ip_asn rows of the whole database (PNS only).
CREATE TABLE sum_targeting (
    region_code VARCHAR, year INTEGER, n_low BIGINT, n_trained BIGINT, share_trained DOUBLE,
    n_20jp BIGINT, share_20jp DOUBLE, n_rated_next_trained BIGINT,
    mean_value_next_trained DOUBLE, share_improved_trained DOUBLE,
    n_rated_next_untrained BIGINT, mean_value_next_untrained DOUBLE,
    share_improved_untrained DOUBLE
);
CREATE TABLE sum_ip_asn (
    region_code VARCHAR, year BIGINT, n BIGINT, n_no_appraisal BIGINT, kualifikasi DOUBLE,
    kompetensi DOUBLE, kinerja DOUBLE, disiplin DOUBLE, estimate BOOLEAN,
    totals MAP(INTEGER, BIGINT)
);

-- Annual appraisals per region, employment type, year, predikat and the two ratings.
CREATE TABLE sum_predikat (
    region_code VARCHAR, employment_type VARCHAR, year INTEGER, predikat VARCHAR,
    result_rating VARCHAR, behavior_rating VARCHAR, n BIGINT
);
-- Per unit, employment type and year: rated, Sangat Baik, below Baik.
CREATE TABLE sum_unit_rated (
    region_code VARCHAR, unit_id VARCHAR, employment_type VARCHAR, year INTEGER, n BIGINT,
    n_sangat_baik BIGINT, n_below_baik BIGINT
);
-- rating_vs_achievement and objectivity_evaluators rows per employment-type choice.
CREATE TABLE sum_achievement (
    type_key VARCHAR, region_code VARCHAR, unit_id VARCHAR, year INTEGER, n BIGINT,
    n_sangat_baik BIGINT, n_sb_measured BIGINT, n_sb_below_100 BIGINT,
    median_achievement DOUBLE
);
-- sum_evaluators has nearly a row per evaluator (a million at national scale): it keeps the
-- names and the indicator's order, so that reading it is a plain scan.
CREATE TABLE sum_evaluators (
    type_key VARCHAR, region_code VARCHAR, region_name VARCHAR, year INTEGER, unit_id VARCHAR,
    unit_name VARCHAR, evaluator_nip VARCHAR, n BIGINT, mean_value DOUBLE, others_n DOUBLE,
    others_mean DOUBLE, others_sd DOUBLE, z DOUBLE, flagged BOOLEAN
);

-- Complaints received per region, unit and month; per year, channel and category; open at
-- as_of by age band; and the complaint_sla rows of the whole database (medians).
CREATE TABLE sum_complaint_months (
    region_code VARCHAR, unit_id VARCHAR, month DATE, n BIGINT
);
CREATE TABLE sum_complaint_mix (
    region_code VARCHAR, unit_id VARCHAR, year BIGINT, channel VARCHAR, topic VARCHAR, n BIGINT
);
CREATE TABLE sum_complaint_backlog (
    region_code VARCHAR, unit_id VARCHAR, band_order INTEGER, n BIGINT
);
CREATE TABLE sum_complaint_sla (
    region_code VARCHAR, year BIGINT, dimension VARCHAR, unit_id VARCHAR, step VARCHAR,
    limit_days INTEGER, day_unit VARCHAR, n BIGINT, n_met BIGINT, n_breached BIGINT,
    n_pending BIGINT, compliance DOUBLE, median_days DOUBLE
);

-- Survey respondents, and the sum and number of answers per element, per unit and year.
CREATE TABLE sum_ikm_respondents (
    region_code VARCHAR, unit_id VARCHAR, year BIGINT, respondents BIGINT
);
CREATE TABLE sum_ikm_answers (
    region_code VARCHAR, unit_id VARCHAR, year BIGINT, element VARCHAR, answer_sum BIGINT,
    n_answers BIGINT
);
