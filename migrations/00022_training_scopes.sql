-- Training scopes: the teams and positions a trainer or QA specialist (the
-- TRAINER role) serves, granted by HR.
--
-- Why: a trainer's reach used to follow from what they did themselves.
-- Assigning a course to someone, registering them for a session, scoring
-- them on a rubric or having them take a test made that person readable to
-- the trainer, so a trainer could widen their own visibility (and lower an
-- HR user's levels with a rubric score) at will. Now HR decides: a trainer
-- sees, assigns, registers and scores the people of the teams and positions
-- granted here (plus their own reporting line, as everyone does), and
-- nothing they do adds to it (package people, scopes.go).
--
-- Each row grants exactly one team or one position. A revoked grant is kept
-- with who revoked it and when, so the history of who could see whom stays
-- answerable; only one live grant of the same team or position per trainer.
-- That the grantee holds TRAINER is checked when granting, and the access
-- rule reads user_roles as well: a trainer who loses the role loses the
-- scope with it.

-- +goose Up
CREATE TABLE training_scopes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trainer_id  bigint NOT NULL REFERENCES employees (id),
    team_id     bigint REFERENCES teams (id),
    position_id bigint REFERENCES positions (id),
    granted_by  bigint NOT NULL REFERENCES employees (id),
    granted_at  timestamptz NOT NULL DEFAULT now(),
    revoked_by  bigint REFERENCES employees (id),
    revoked_at  timestamptz,
    CONSTRAINT training_scopes_one_target CHECK (num_nonnulls(team_id, position_id) = 1),
    CONSTRAINT training_scopes_revoked CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
    CONSTRAINT training_scopes_revoked_after CHECK (revoked_at IS NULL OR revoked_at >= granted_at)
);

-- One live grant per trainer and team, and per trainer and position; the
-- access rule looks scopes up by trainer, then joins employees by team or
-- position (employees_team_idx / employees_position_idx exist already).
CREATE UNIQUE INDEX training_scopes_team_key ON training_scopes (trainer_id, team_id)
    WHERE revoked_at IS NULL AND team_id IS NOT NULL;
CREATE UNIQUE INDEX training_scopes_position_key ON training_scopes (trainer_id, position_id)
    WHERE revoked_at IS NULL AND position_id IS NOT NULL;
-- Foreign keys from teams and positions are checked on their side too.
CREATE INDEX training_scopes_team_idx ON training_scopes (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX training_scopes_position_idx ON training_scopes (position_id) WHERE position_id IS NOT NULL;

-- +goose Down
DROP TABLE training_scopes;
