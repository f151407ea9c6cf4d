-- The durable bus: one row per (message, recipient). Rows stay after delivery (state DONE) for the
-- retention period so that a resent message_id is recognised as a duplicate, across restarts too.
CREATE TABLE bus_message (
    seq          BIGINT        PRIMARY KEY,
    message_id   VARCHAR(128)  NOT NULL,
    recipient    VARCHAR(128)  NOT NULL,
    sender       VARCHAR(128)  NOT NULL,
    message_type VARCHAR(32)   NOT NULL,
    lane         TINYINT       NOT NULL,
    state        VARCHAR(8)    NOT NULL,   -- INBOX, DONE or DEAD
    attempts     INT           DEFAULT 0 NOT NULL,
    envelope     VARBINARY(2097152) NOT NULL,
    accepted_at  BIGINT        NOT NULL,   -- epoch millis
    ended_at     BIGINT,                   -- epoch millis of the ack or the dead-lettering
    dead_reason  VARCHAR(512)
);
CREATE UNIQUE INDEX ux_bus_message_recipient ON bus_message (message_id, recipient);
CREATE INDEX ix_bus_inbox ON bus_message (recipient, state, lane, seq);

-- Agents' subscriptions to event topics (exact names, or a prefix ending in '*').
CREATE TABLE bus_subscription (
    agent_id  VARCHAR(128) NOT NULL,
    topic     VARCHAR(256) NOT NULL,
    PRIMARY KEY (agent_id, topic)
);

-- One row: how many times the bus has started, so that delivery ids never repeat across restarts.
CREATE TABLE bus_boot (
    id     INT PRIMARY KEY,
    boots  BIGINT NOT NULL
);
INSERT INTO bus_boot (id, boots) VALUES (1, 0);
