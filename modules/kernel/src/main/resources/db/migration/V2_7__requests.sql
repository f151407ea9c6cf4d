-- People's requests: the text, the working tree, the plan made ready to run, and how it ended.
CREATE TABLE request (
    request_id    VARCHAR(64)   PRIMARY KEY,
    text          VARCHAR(8192) NOT NULL,
    target        VARCHAR(8192) NOT NULL,      -- RequestTarget, JSON
    requested_by  VARCHAR(128)  NOT NULL,
    status        VARCHAR(32)   NOT NULL,
    draft         VARCHAR(1048576),            -- WorkflowDraft, JSON, once planned
    report        VARCHAR(1048576),            -- the completion report, JSON, once ended
    detail        VARCHAR(4096),
    created_at    BIGINT        NOT NULL,      -- epoch millis
    updated_at    BIGINT        NOT NULL
);
CREATE INDEX ix_request_status ON request (status);
