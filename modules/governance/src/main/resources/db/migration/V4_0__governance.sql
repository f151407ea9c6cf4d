-- Governance state. Times are epoch milliseconds; sets and scopes are JSON text.

-- What the token issuer may grant to each agent id; a token claiming more is refused.
CREATE TABLE gov_agent_grant (
    agent_id          VARCHAR(200) PRIMARY KEY,
    capabilities      VARCHAR(4000) NOT NULL,
    repository_access VARCHAR(4000) NOT NULL
);

-- Token ids already presented, kept until the token would have expired anyway.
CREATE TABLE gov_seen_jti (
    jti        VARCHAR(100) PRIMARY KEY,
    agent_id   VARCHAR(200) NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE gov_approver (
    id         VARCHAR(200) PRIMARY KEY,
    name       VARCHAR(400) NOT NULL,
    groups_json VARCHAR(4000) NOT NULL,
    public_key VARCHAR(400) NOT NULL
);

CREATE TABLE gov_warrant (
    id            VARCHAR(100) PRIMARY KEY,
    agent_id      VARCHAR(200) NOT NULL,
    scope_json    VARCHAR(20000) NOT NULL,
    issued_at     BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    max_uses      INT NOT NULL,
    -- Uses handed out in advance (see docs/decisions/0006): a restart counts all of them as used.
    uses_reserved INT NOT NULL,
    uses          INT NOT NULL,
    budget        BIGINT NOT NULL,
    spent         BIGINT NOT NULL,
    plan_id       VARCHAR(200),
    phase         VARCHAR(200),
    tasks_json    VARCHAR(20000) NOT NULL,
    status        VARCHAR(20) NOT NULL,
    end_reason    VARCHAR(1000)
);
CREATE INDEX gov_warrant_live ON gov_warrant (status);

CREATE TABLE gov_approval_request (
    id           VARCHAR(100) PRIMARY KEY,
    warrant_id   VARCHAR(100) NOT NULL,
    agent_id     VARCHAR(200) NOT NULL,
    kind         VARCHAR(200) NOT NULL,
    binding_hash CHAR(64) NOT NULL,
    action_json  VARCHAR(100000) NOT NULL,
    reasoning    VARCHAR(20000),
    task_id      VARCHAR(200),
    required     INT NOT NULL,
    groups_json  VARCHAR(4000) NOT NULL,
    rule_id      VARCHAR(200) NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    escalated    BOOLEAN NOT NULL,
    status       VARCHAR(20) NOT NULL
);
CREATE INDEX gov_approval_request_binding ON gov_approval_request (warrant_id, binding_hash);

CREATE TABLE gov_approval_decision (
    request_id  VARCHAR(100) NOT NULL,
    approver_id VARCHAR(200) NOT NULL,
    verdict     VARCHAR(10) NOT NULL,
    reason      VARCHAR(4000),
    signature   VARCHAR(200) NOT NULL,
    decided_at  BIGINT NOT NULL,
    PRIMARY KEY (request_id, approver_id)
);
