-- Metrics rolled up once per clock minute, so charts over time survive restarts. Kept for a retention
-- period (7 days by default), then purged.
CREATE TABLE metric_sample (
    bucket_start  BIGINT        NOT NULL,   -- epoch millis of the minute's start
    subject       VARCHAR(128)  NOT NULL,   -- an agent id, or '*' for the system
    metric        VARCHAR(64)   NOT NULL,   -- e.g. trust_score, message_throughput (docs/metrics.md)
    metric_value  DOUBLE        NOT NULL,
    PRIMARY KEY (subject, metric, bucket_start)
);
CREATE INDEX ix_metric_sample_bucket ON metric_sample (bucket_start);
