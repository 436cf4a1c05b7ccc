-- Classroom sessions of courses and learners' registrations, with a
-- waitlist. The database itself refuses overbooking: seats_taken is kept by
-- a trigger and checked against capacity.

-- +goose Up
CREATE TABLE course_sessions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    course_id   bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    place       text NOT NULL CHECK (btrim(place) <> '' AND length(place) <= 200),
    capacity    integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    trainer_id  bigint REFERENCES employees (id),
    status      text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED')),
    -- Registrations holding a seat; maintained by session_registrations_seats.
    seats_taken integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CONSTRAINT course_sessions_no_overbooking CHECK (seats_taken BETWEEN 0 AND capacity)
);
CREATE INDEX course_sessions_course_idx ON course_sessions (course_id, starts_at);

-- REGISTERED holds a seat; WAITLISTED waits in order of waitlisted_at;
-- WITHDRAWN keeps the record. attended is set by the trainer afterwards.
CREATE TABLE session_registrations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id    bigint NOT NULL REFERENCES course_sessions (id) ON DELETE CASCADE,
    employee_id   bigint NOT NULL REFERENCES employees (id),
    status        text NOT NULL CHECK (status IN ('REGISTERED', 'WAITLISTED', 'WITHDRAWN')),
    attended      boolean,
    registered_at timestamptz NOT NULL DEFAULT now(),
    waitlisted_at timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, employee_id),
    CHECK ((status = 'WAITLISTED') = (waitlisted_at IS NOT NULL))
);
CREATE INDEX session_registrations_employee_idx ON session_registrations (employee_id);
CREATE INDEX session_registrations_waitlist_idx ON session_registrations (session_id, waitlisted_at, id) WHERE status = 'WAITLISTED';

-- +goose StatementBegin
CREATE FUNCTION session_registrations_seats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta integer := 0;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'REGISTERED' THEN
        delta := delta - 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'REGISTERED' THEN
        delta := delta + 1;
    END IF;
    IF delta <> 0 THEN
        UPDATE course_sessions SET seats_taken = seats_taken + delta
        WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.session_id ELSE NEW.session_id END;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER session_registrations_seats AFTER INSERT OR UPDATE OF status OR DELETE ON session_registrations
    FOR EACH ROW EXECUTE FUNCTION session_registrations_seats();

-- +goose Down
DROP TRIGGER session_registrations_seats ON session_registrations;
DROP FUNCTION session_registrations_seats();
DROP TABLE session_registrations;
DROP TABLE course_sessions;
