-- The durable bus. A message row is written once, when the message is accepted, and never updated: its
-- end (acknowledged or dead-lettered) is a small row in bus_ended, so an ack costs a short insert instead
-- of rewriting the envelope. Rows stay for the retention period after they end so that a resent
-- message_id is recognised as a duplicate, across restarts too.
CREATE TABLE bus_message (
    seq          BIGINT        PRIMARY KEY,
    message_id   VARCHAR(128)  NOT NULL,
    recipient    VARCHAR(128)  NOT NULL,
    sender       VARCHAR(128)  NOT NULL,
    message_type VARCHAR(32)   NOT NULL,
    lane         TINYINT       NOT NULL,
    envelope     VARBINARY(2097152) NOT NULL,
    accepted_at  BIGINT        NOT NULL    -- epoch millis
);
CREATE UNIQUE INDEX ux_bus_message_recipient ON bus_message (sender, message_id, recipient);
CREATE INDEX ix_bus_lane ON bus_message (recipient, lane, seq);

-- How a message ended: DONE (acknowledged) or DEAD (delivery limit reached). No row: still waiting.
CREATE TABLE bus_ended (
    seq          BIGINT        PRIMARY KEY,
    state        VARCHAR(4)    NOT NULL,
    attempts     INT           NOT NULL,
    reason       VARCHAR(512),
    ended_at     BIGINT        NOT NULL    -- epoch millis
);

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
