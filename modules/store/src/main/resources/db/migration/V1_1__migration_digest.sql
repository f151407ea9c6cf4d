-- The digest of the migration scripts the schema was last brought up to (one row). While the scripts on the
-- class path have the same digest, opening the database has nothing to migrate and skips Flyway.
CREATE TABLE store_migrations (
    id          INT PRIMARY KEY,
    digest      VARCHAR(64) NOT NULL,
    applied_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
