-- Model calls (llm_response trace steps) summed per agent and task, written with each step, so that the
-- totals survive restarts. Calls outside any task are kept under task_id ''.
CREATE TABLE model_usage (
    agent_id        VARCHAR(128) NOT NULL,
    task_id         VARCHAR(128) NOT NULL,
    calls           BIGINT       NOT NULL,
    unpriced_calls  BIGINT       NOT NULL,   -- calls whose cost was unknown (cost_usd null)
    tokens_in       BIGINT       NOT NULL,
    tokens_out      BIGINT       NOT NULL,
    cost_usd        DOUBLE       NOT NULL,   -- estimated, over the priced calls
    timed_calls     BIGINT       NOT NULL,   -- calls that reported a latency
    latency_ms      BIGINT       NOT NULL,   -- sum over the timed calls
    PRIMARY KEY (agent_id, task_id)
);
CREATE INDEX ix_model_usage_task ON model_usage (task_id);
