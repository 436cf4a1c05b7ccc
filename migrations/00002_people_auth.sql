-- People and sign-in: teams, employees with their reporting line and
-- position history, the credentials and access roles of each employee who
-- signs in, refresh tokens and failed-login counters.
--
-- Why counters and tokens live here and not in memory: many server processes
-- share one database, and a lockout or a revoked token must hold on all.

-- +goose Up
CREATE TABLE teams (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,39}$'),
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    description_en text NOT NULL DEFAULT '',
    description_zh text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE employees (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_no    text NOT NULL UNIQUE CHECK (employee_no ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    email          text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    team_id        bigint REFERENCES teams (id),
    manager_id     bigint REFERENCES employees (id),
    position_id    bigint NOT NULL REFERENCES positions (id),
    hire_date      date NOT NULL,
    -- When they entered their current position: months in position count
    -- from here (the promotion rules use it).
    position_since date NOT NULL,
    status         text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ON_LEAVE', 'OFFBOARDED')),
    offboarded_on  date,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (manager_id <> id),
    CHECK (position_since >= hire_date),
    CHECK ((status = 'OFFBOARDED') = (offboarded_on IS NOT NULL))
);
-- One sign-in per address, whatever its case.
CREATE UNIQUE INDEX employees_email_key ON employees (lower(email));
CREATE INDEX employees_manager_idx ON employees (manager_id);
CREATE INDEX employees_team_idx ON employees (team_id);
CREATE INDEX employees_position_idx ON employees (position_id);

-- The reporting line must stay a tree: nobody may end up managing one of
-- their own managers. A CHECK cannot see other rows, so a trigger walks up
-- from the new manager.
-- +goose StatementBegin
CREATE FUNCTION employees_no_manager_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.manager_id IS NOT NULL AND EXISTS (
        WITH RECURSIVE up (id) AS (
            SELECT NEW.manager_id
            UNION
            SELECT e.manager_id FROM employees e JOIN up ON e.id = up.id WHERE e.manager_id IS NOT NULL
        )
        SELECT 1 FROM up WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION 'employee % cannot report to % : that would close a loop in the reporting line', NEW.id, NEW.manager_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'employees_manager_cycle';
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER employees_manager_cycle BEFORE INSERT OR UPDATE OF manager_id ON employees
    FOR EACH ROW EXECUTE FUNCTION employees_no_manager_cycle();

-- Every change of team, manager or position with the date it takes effect:
-- the employee's history. Rows are only ever added.
CREATE TABLE employee_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id      bigint NOT NULL REFERENCES employees (id),
    kind             text NOT NULL CHECK (kind IN ('HIRE', 'TRANSFER', 'PROMOTION', 'OFFBOARD')),
    effective_on     date NOT NULL,
    from_team_id     bigint REFERENCES teams (id),
    to_team_id       bigint REFERENCES teams (id),
    from_manager_id  bigint REFERENCES employees (id),
    to_manager_id    bigint REFERENCES employees (id),
    from_position_id bigint REFERENCES positions (id),
    to_position_id   bigint REFERENCES positions (id),
    reason           text NOT NULL DEFAULT '',
    -- Who recorded it (NULL for the seed and the CLI).
    recorded_by      bigint REFERENCES employees (id),
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employee_events_employee_idx ON employee_events (employee_id, effective_on, id);

-- Credentials of employees who may sign in. token_version is stamped into
-- every access token; bumping it (offboarding, a password reset, a role
-- change) makes every outstanding access token invalid at once.
CREATE TABLE users (
    employee_id         bigint PRIMARY KEY REFERENCES employees (id),
    password_hash       text NOT NULL,
    disabled            boolean NOT NULL DEFAULT false,
    token_version       integer NOT NULL DEFAULT 1,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
    employee_id bigint NOT NULL REFERENCES users (employee_id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('EMPLOYEE', 'TRAINER', 'MANAGER', 'HR', 'ADMIN')),
    PRIMARY KEY (employee_id, role)
);

-- Refresh tokens, stored as SHA-256 hashes. Each use rotates the token: the
-- used one gets used_at and a successor in the same family. Presenting a
-- used token again means it was stolen, and the whole family is revoked.
CREATE TABLE refresh_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES users (employee_id),
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    parent_id   bigint REFERENCES refresh_tokens (id),
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    user_agent  text NOT NULL DEFAULT '',
    CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_employee_idx ON refresh_tokens (employee_id) WHERE revoked_at IS NULL;

-- Failed sign-ins per key ('email:<address>' or 'ip:<address>'), counted in
-- a sliding window; locked_until refuses further tries on every process.
CREATE TABLE login_failures (
    key             text PRIMARY KEY,
    failures        integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    window_start    timestamptz NOT NULL DEFAULT now(),
    locked_until    timestamptz
);

-- +goose Down
DROP TABLE login_failures;
DROP TABLE refresh_tokens;
DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE employee_events;
DROP TRIGGER employees_manager_cycle ON employees;
DROP FUNCTION employees_no_manager_cycle();
DROP TABLE employees;
DROP TABLE teams;
