-- The first piece of the career ladder: tracks and the positions on them.
-- Employees (next migration) hold a position, so positions come first; the
-- ladder issue adds requirements and the graph of allowed moves beside them.
-- Names and descriptions are bilingual from the start (en and zh-CN).

-- +goose Up
CREATE TABLE tracks (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stable code for imports, seeds and URLs; ids differ between databases.
    code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    description_en text NOT NULL DEFAULT '',
    description_zh text NOT NULL DEFAULT '',
    sort_order     integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE positions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    track_id       bigint NOT NULL REFERENCES tracks (id),
    -- Ladder level: 1 = agent … 5 = director. Side-track positions sit at the
    -- level of the management position they are a lateral move from.
    level          smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    description_en text NOT NULL DEFAULT '',
    description_zh text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX positions_track_level_idx ON positions (track_id, level);

-- A record of demo-data loads: `rungs serve` loads the demo data on the first
-- start of an empty database only, and `rungs seed` leaves a line each run.
CREATE TABLE seed_runs (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at     timestamptz NOT NULL DEFAULT now(),
    summary    text NOT NULL
);

-- +goose Down
DROP TABLE seed_runs;
DROP TABLE positions;
DROP TABLE tracks;
