-- Rotor's journal: one row per run, one row per identity provider of a run.
-- This SQL is shared by H2 and PostgreSQL; keep it to the common subset (VARCHAR without a length
-- is unbounded in PostgreSQL and up to 1,000,000 characters in H2).

CREATE TABLE rotor_run (
  run_id        VARCHAR(64)   NOT NULL,
  plan_name     VARCHAR(500)  NOT NULL,
  plan_sha256   VARCHAR(64)   NOT NULL,
  plan_path     VARCHAR(2000) NOT NULL,
  rotor_version VARCHAR(64)   NOT NULL,
  started_by    VARCHAR(500)  NOT NULL,
  reason        VARCHAR(4000),
  started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at   TIMESTAMP WITH TIME ZONE,
  state         VARCHAR(32)   NOT NULL,
  abort_reason  VARCHAR(4000),
  dry_run       BOOLEAN       NOT NULL,
  owner_node    VARCHAR(500),
  heartbeat_at  TIMESTAMP WITH TIME ZONE,
  CONSTRAINT rotor_run_pk PRIMARY KEY (run_id)
);

CREATE INDEX rotor_run_started_idx ON rotor_run (started_at);
CREATE INDEX rotor_run_state_heartbeat_idx ON rotor_run (state, heartbeat_at);

CREATE TABLE rotor_target (
  run_id                 VARCHAR(64)  NOT NULL,
  seq                    INTEGER      NOT NULL,
  tenant                 VARCHAR(500) NOT NULL,
  federation_settings_id VARCHAR(64)  NOT NULL,
  identity_provider_id   VARCHAR(64)  NOT NULL,
  display_name           VARCHAR(1000),
  idp_type               VARCHAR(64),
  organization_ids       VARCHAR,
  state                  VARCHAR(32)  NOT NULL,
  reason                 VARCHAR(4000),
  attempts               INTEGER      NOT NULL,
  http_status            INTEGER,
  error_code             VARCHAR(500),
  detail                 VARCHAR,
  first_attempt_at       TIMESTAMP WITH TIME ZONE,
  attempt_started_at     TIMESTAMP WITH TIME ZONE,
  completed_at           TIMESTAMP WITH TIME ZONE,
  evidence               VARCHAR(500),
  duplicate_of           VARCHAR(1000),
  note                   VARCHAR(4000),
  latency_ms             BIGINT,
  CONSTRAINT rotor_target_pk PRIMARY KEY (run_id, seq),
  CONSTRAINT rotor_target_run_fk FOREIGN KEY (run_id) REFERENCES rotor_run (run_id)
);

CREATE INDEX rotor_target_run_state_idx ON rotor_target (run_id, state);
CREATE INDEX rotor_target_idp_state_idx
  ON rotor_target (federation_settings_id, identity_provider_id, state, completed_at);
