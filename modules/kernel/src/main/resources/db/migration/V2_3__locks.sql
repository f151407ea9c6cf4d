-- Exclusive resource locks. A row exists while the resource is held; the lease counts from lease_until,
-- so a restart keeps both the holder and the time it has left.
CREATE TABLE resource_lock (
    resource     VARCHAR(512)  PRIMARY KEY,
    holder       VARCHAR(128)  NOT NULL,
    priority     VARCHAR(16)   NOT NULL,   -- priority of the message that took the lock
    acquired_at  BIGINT        NOT NULL,   -- epoch millis
    lease_until  BIGINT        NOT NULL    -- epoch millis
);
CREATE INDEX ix_resource_lock_lease ON resource_lock (lease_until);
CREATE INDEX ix_resource_lock_holder ON resource_lock (holder);

-- Conflicts over a resource and how they ended. Rows are kept after resolution as the record.
CREATE SEQUENCE lock_conflict_seq;
CREATE TABLE lock_conflict (
    conflict_id    VARCHAR(32)   PRIMARY KEY,
    conflict_type  VARCHAR(32)   NOT NULL,   -- merge_conflict, resource_contention, priority_clash
    resource       VARCHAR(512)  NOT NULL,
    strategy       VARCHAR(32)   NOT NULL,   -- voting, priority_based, human_escalation
    status         VARCHAR(16)   NOT NULL,   -- open or resolved
    winner         VARCHAR(128),
    outcome        VARCHAR(2048),
    opened_at      BIGINT        NOT NULL,   -- epoch millis
    deadline       BIGINT        NOT NULL,   -- epoch millis; the timeout rule applies after it
    resolved_at    BIGINT
);
CREATE INDEX ix_lock_conflict_open ON lock_conflict (status, resource);
CREATE INDEX ix_lock_conflict_deadline ON lock_conflict (status, deadline);

-- The agents involved in a conflict, in the order they joined, with what each asked for.
CREATE TABLE conflict_party (
    conflict_id  VARCHAR(32)   NOT NULL,
    agent_id     VARCHAR(128)  NOT NULL,
    position     INT           NOT NULL,
    priority     VARCHAR(16)   NOT NULL,
    lease_ms     BIGINT        NOT NULL,   -- lease the agent gets if it wins
    PRIMARY KEY (conflict_id, agent_id)
);

-- One vote per voter per conflict.
CREATE TABLE conflict_vote (
    conflict_id  VARCHAR(32)   NOT NULL,
    voter_id     VARCHAR(128)  NOT NULL,
    choice       VARCHAR(128)  NOT NULL,
    cast_at      BIGINT        NOT NULL,
    PRIMARY KEY (conflict_id, voter_id)
);

-- Conflicts waiting for a person.
CREATE SEQUENCE escalation_seq;
CREATE TABLE escalation (
    escalation_id  VARCHAR(32)    PRIMARY KEY,
    conflict_id    VARCHAR(32)    NOT NULL,
    summary        VARCHAR(2048)  NOT NULL,
    status         VARCHAR(16)    NOT NULL,   -- open, decided, timed_out or withdrawn
    opened_at      BIGINT         NOT NULL,
    deadline       BIGINT         NOT NULL,
    decided_by     VARCHAR(128),
    decided_at     BIGINT
);
CREATE INDEX ix_escalation_conflict ON escalation (conflict_id);
