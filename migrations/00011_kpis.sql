-- KPIs: the operational results of customer-service work (satisfaction,
-- resolution, handle and response times, quality scores, complaints), kept
-- per employee and period, imported from the contact-centre systems.
--
-- A KPI may stand for a competency: kpi_competency_levels says which value
-- shows which level ("CSAT >= 85% shows CUSTOMER_SERVICE level 3"), and an
-- import turns each record that meets a threshold into KPI evidence
-- (competency_evidence, source 'KPI', instrument = the KPI's code, ref_id =
-- the record). Which values are sane for a unit (a percentage lies in
-- 0..100) is checked by package kpi, since a CHECK on kpi_records cannot
-- see the definition's unit.

-- +goose Up
CREATE TABLE kpi_definitions (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stable code used by import files, seeds and position requirements.
    code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name_en        text NOT NULL CHECK (btrim(name_en) <> ''),
    name_zh        text NOT NULL CHECK (btrim(name_zh) <> ''),
    description_en text NOT NULL DEFAULT '',
    description_zh text NOT NULL DEFAULT '',
    unit           text NOT NULL CHECK (unit IN ('PERCENT', 'SECONDS', 'POINTS', 'PER_THOUSAND')),
    -- Whether a higher value is the better result (CSAT) or a lower one
    -- (handle time); every threshold comparison follows it.
    direction      text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
    sort_order     integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- The six KPIs every customer-service organisation reports. They belong to
-- the schema rather than to the demo seed: import files and ladder
-- requirements name them by code on every installation.
INSERT INTO kpi_definitions (code, name_en, name_zh, description_en, description_zh, unit, direction, sort_order) VALUES
    ('CSAT', 'Customer satisfaction', '客户满意度',
     'Share of surveyed customers who rated the contact satisfied or better.',
     '接受调查的客户中评价为满意及以上的比例。', 'PERCENT', 'HIGHER_IS_BETTER', 10),
    ('FCR', 'First-contact resolution', '首次解决率',
     'Share of contacts resolved without the customer having to come back.',
     '无需客户再次联系即解决的咨询比例。', 'PERCENT', 'HIGHER_IS_BETTER', 20),
    ('AHT', 'Average handle time', '平均处理时长',
     'Talk, hold and after-contact work per contact, in seconds.',
     '每次咨询的通话、保持及后续处理时间（秒）。', 'SECONDS', 'LOWER_IS_BETTER', 30),
    ('FRT', 'First response time', '首次响应时间',
     'Time from the customer''s first message to the first reply, in seconds.',
     '从客户首条消息到首次回复的时间（秒）。', 'SECONDS', 'LOWER_IS_BETTER', 40),
    ('QA_SCORE', 'Quality score', '质检得分',
     'Average quality-assurance score of the sampled contacts.',
     '抽检咨询的平均质检得分。', 'POINTS', 'HIGHER_IS_BETTER', 50),
    ('COMPLAINT_RATE', 'Complaint rate', '投诉率',
     'Complaints per thousand contacts.',
     '每千次咨询的投诉数。', 'PER_THOUSAND', 'LOWER_IS_BETTER', 60);

-- Which value of a KPI shows which level of a competency. For a
-- HIGHER_IS_BETTER KPI a record shows a level when value >= threshold, for
-- a LOWER_IS_BETTER one when value <= threshold; the highest level shown
-- per competency becomes the evidence.
CREATE TABLE kpi_competency_levels (
    kpi_id        bigint NOT NULL REFERENCES kpi_definitions (id) ON DELETE CASCADE,
    competency_id bigint NOT NULL REFERENCES competencies (id),
    level         smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
    threshold     numeric(12, 4) NOT NULL CHECK (threshold >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kpi_id, competency_id, level)
);

-- One upload of a KPI file. imported_by is NULL for the command line.
CREATE TABLE kpi_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename    text NOT NULL CHECK (length(filename) <= 255),
    imported_by bigint REFERENCES employees (id),
    rows        integer NOT NULL CHECK (rows > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One employee's result in one KPI over one period (a calendar month or
-- quarter). A re-import of the same period replaces value and volume, so
-- the period start identifies the record.
CREATE TABLE kpi_records (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id  bigint NOT NULL REFERENCES employees (id),
    kpi_id       bigint NOT NULL REFERENCES kpi_definitions (id),
    period_start date NOT NULL,
    period_end   date NOT NULL,
    value        numeric(12, 4) NOT NULL CHECK (value >= 0),
    -- The contacts behind the value: aggregates over several periods weigh
    -- each period by it, so a quiet month does not count as much as a busy one.
    volume       integer NOT NULL CHECK (volume > 0),
    source       text NOT NULL CHECK (source IN ('IMPORT', 'MANUAL')),
    import_id    bigint REFERENCES kpi_imports (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (employee_id, kpi_id, period_start),
    CHECK (period_end >= period_start),
    CHECK ((source = 'IMPORT') = (import_id IS NOT NULL))
);
CREATE INDEX kpi_records_kpi_idx ON kpi_records (kpi_id, employee_id, period_start);
CREATE INDEX kpi_records_import_idx ON kpi_records (import_id);

-- +goose Down
-- KPI evidence points at records that no longer exist once they are gone.
DELETE FROM competency_evidence WHERE source = 'KPI';
DROP TABLE kpi_records;
DROP TABLE kpi_imports;
DROP TABLE kpi_competency_levels;
DROP TABLE kpi_definitions;
