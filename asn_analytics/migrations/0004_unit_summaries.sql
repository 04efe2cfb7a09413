-- training_targeting and ip_asn rows per single unit (asn_analytics.summaries): the sidebar's
-- unit filter picks one unit at a time, and these two do not add up over units (means, shares,
-- the totals behind the IP ASN bands). Filled by summaries.refresh() like the tables of 0003.

CREATE TABLE sum_targeting_unit (
    region_code VARCHAR, unit_id VARCHAR, year INTEGER, n_low BIGINT, n_trained BIGINT,
    share_trained DOUBLE, n_20jp BIGINT, share_20jp DOUBLE, n_rated_next_trained BIGINT,
    mean_value_next_trained DOUBLE, share_improved_trained DOUBLE,
    n_rated_next_untrained BIGINT, mean_value_next_untrained DOUBLE,
    share_improved_untrained DOUBLE
);
CREATE TABLE sum_ip_asn_unit (
    region_code VARCHAR, unit_id VARCHAR, year BIGINT, n BIGINT, n_no_appraisal BIGINT,
    kualifikasi DOUBLE, kompetensi DOUBLE, kinerja DOUBLE, disiplin DOUBLE, estimate BOOLEAN,
    totals MAP(INTEGER, BIGINT)
);
