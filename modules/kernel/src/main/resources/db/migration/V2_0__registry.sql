-- Registered agents: the card they registered with and their last known availability.
CREATE TABLE agent (
    agent_id        VARCHAR(128)  PRIMARY KEY,
    card            VARCHAR(65536) NOT NULL,   -- the registration card as JSON
    status          VARCHAR(16)   NOT NULL,
    registered_at   BIGINT        NOT NULL,    -- epoch millis
    last_heartbeat  BIGINT        NOT NULL
);
