-- Every intent and outcome changes a target's state; indexes that hold the state are rewritten on
-- each of those writes, which made up much of the journal's cost during a run. Runs are scanned
-- through the primary key (run_id, seq); the last revocation of an identity provider is found
-- among that provider's few rows.
DROP INDEX rotor_target_run_state_idx;
DROP INDEX rotor_target_idp_state_idx;
CREATE INDEX rotor_target_idp_idx ON rotor_target (federation_settings_id, identity_provider_id);
