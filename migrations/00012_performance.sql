-- Performance ratings: review periods, one overall rating per employee and
-- period given by someone above them in the reporting line, the employee's
-- acknowledgement or dispute, HR's resolution of a dispute, and every change
-- as an event.
--
-- A rating is numeric(2,1) from 1.0 to 5.0 in steps of 0.5, not an integer:
-- the ladder's PERFORMANCE_RATING requirement compares a numeric min_rating
-- (e.g. 3.5), and half points let a manager say "between meets and exceeds"
-- without inventing a finer scale nobody calibrates.
--
-- A rating moves SUBMITTED -> ACKNOWLEDGED (final) or SUBMITTED -> DISPUTED
-- -> RESOLVED (final). The manager may re-rate only while it is SUBMITTED.

-- +goose Up
-- A review period (2026-H1). Periods never overlap, closed ones included,
-- so "the rating of a period" is unambiguous for any day. The exclusion
-- constraint needs no extension: gist has a built-in operator class for
-- ranges (range_ops); btree_gist is only needed to mix in scalar columns.
CREATE TABLE review_periods (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code      text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z][0-9A-Z_-]{1,19}$'),
    name_en   text NOT NULL CHECK (btrim(name_en) <> '' AND length(name_en) <= 200),
    name_zh   text NOT NULL CHECK (btrim(name_zh) <> '' AND length(name_zh) <= 200),
    -- Both days belong to the period.
    starts_on date NOT NULL,
    ends_on   date NOT NULL,
    status    text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    opened_by bigint REFERENCES employees (id),
    opened_at timestamptz NOT NULL DEFAULT now(),
    closed_by bigint REFERENCES employees (id),
    closed_at timestamptz,
    CHECK (ends_on >= starts_on),
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
    CONSTRAINT review_periods_no_overlap EXCLUDE USING gist (daterange(starts_on, ends_on, '[]') WITH &&)
);

-- One rating per employee and period. The status columns are tied to their
-- timestamps so no code path can leave a half-made transition behind.
CREATE TABLE performance_ratings (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id        bigint NOT NULL REFERENCES review_periods (id),
    employee_id      bigint NOT NULL REFERENCES employees (id),
    -- Who gave (or last changed) the rating before the employee responded.
    rated_by         bigint NOT NULL REFERENCES employees (id),
    rating           numeric(2, 1) NOT NULL CHECK (rating BETWEEN 1 AND 5 AND rating * 2 = trunc(rating * 2)),
    comment          text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
    rated_at         timestamptz NOT NULL,
    status           text NOT NULL DEFAULT 'SUBMITTED'
                     CHECK (status IN ('SUBMITTED', 'ACKNOWLEDGED', 'DISPUTED', 'RESOLVED')),
    -- The employee's comment: optional on acknowledgement, required on a dispute.
    employee_comment text NOT NULL DEFAULT '' CHECK (length(employee_comment) <= 4000),
    acknowledged_at  timestamptz,
    disputed_at      timestamptz,
    hr_comment       text NOT NULL DEFAULT '' CHECK (length(hr_comment) <= 4000),
    resolved_by      bigint REFERENCES employees (id),
    resolved_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (period_id, employee_id),
    -- Nobody rates themself, nor resolves their own dispute.
    CHECK (rated_by <> employee_id),
    CHECK (resolved_by <> employee_id),
    CONSTRAINT performance_ratings_status_shape CHECK (CASE status
        WHEN 'SUBMITTED' THEN acknowledged_at IS NULL AND disputed_at IS NULL AND resolved_at IS NULL
                              AND resolved_by IS NULL
        WHEN 'ACKNOWLEDGED' THEN acknowledged_at IS NOT NULL AND disputed_at IS NULL AND resolved_at IS NULL
                              AND resolved_by IS NULL
        WHEN 'DISPUTED' THEN disputed_at IS NOT NULL AND btrim(employee_comment) <> '' AND acknowledged_at IS NULL
                              AND resolved_at IS NULL AND resolved_by IS NULL
        WHEN 'RESOLVED' THEN disputed_at IS NOT NULL AND btrim(employee_comment) <> '' AND acknowledged_at IS NULL
                              AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND btrim(hr_comment) <> ''
    END)
);
CREATE INDEX performance_ratings_employee_idx ON performance_ratings (employee_id);
-- HR's queue of open disputes.
CREATE INDEX performance_ratings_disputed_idx ON performance_ratings (disputed_at) WHERE status = 'DISPUTED';

-- Every change of every rating: the first rating, each re-rating, the
-- employee's response and HR's resolution. rating is the value after the
-- change, previous_rating the one before (NULL for the first); note is the
-- comment that came with the change.
CREATE TABLE performance_rating_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rating_id       bigint NOT NULL REFERENCES performance_ratings (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('RATED', 'RERATED', 'ACKNOWLEDGED', 'DISPUTED', 'RESOLVED')),
    from_status     text CHECK (from_status IN ('SUBMITTED', 'ACKNOWLEDGED', 'DISPUTED', 'RESOLVED')),
    to_status       text NOT NULL CHECK (to_status IN ('SUBMITTED', 'ACKNOWLEDGED', 'DISPUTED', 'RESOLVED')),
    rating          numeric(2, 1) NOT NULL,
    previous_rating numeric(2, 1),
    actor_id        bigint NOT NULL REFERENCES employees (id),
    at              timestamptz NOT NULL,
    note            text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
    CHECK ((kind = 'RATED') = (from_status IS NULL))
);
CREATE INDEX performance_rating_events_rating_idx ON performance_rating_events (rating_id, id);

-- +goose Down
DROP TABLE performance_rating_events;
DROP TABLE performance_ratings;
DROP TABLE review_periods;
