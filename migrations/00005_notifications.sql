-- In-app notifications, their e-mail outbox, and the schedule of background
-- jobs shared by every server process.

-- +goose Up
-- The language a user reads notifications (and e-mail) in.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en'));

-- A notification stores its kind and the parameters it needs; it is
-- rendered in the recipient's language when read or mailed, so params must
-- carry every name in both languages (e.g. course_title_en/course_title_zh).
CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id bigint NOT NULL REFERENCES employees (id),
    kind         text NOT NULL CHECK (kind IN (
        'COURSE_ASSIGNED', 'DUE_SOON', 'OVERDUE', 'SESSION_CHANGED', 'SESSION_CANCELLED',
        'WAITLIST_PROMOTED', 'ASSIGNMENT_REOPENED')),
    params       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
    -- Scheduled notices carry a key (e.g. 'DUE_SOON:<enrollment>:<cycle>'):
    -- the unique index makes each one exist exactly once however many
    -- processes race to create it.
    dedupe_key   text UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    read_at      timestamptz
);
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
-- The mailer looks at the last two days of notifications every 30 s to
-- enqueue those without an outbox row.
CREATE INDEX notifications_created_idx ON notifications (created_at);

-- E-mail waiting to go out, one row per notification, claimed by senders
-- with FOR UPDATE SKIP LOCKED.
CREATE TABLE email_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id bigint NOT NULL UNIQUE REFERENCES notifications (id) ON DELETE CASCADE,
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_outbox_pending_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Periodic jobs: one row per job; a process runs a job by claiming its row
-- with FOR UPDATE SKIP LOCKED when next_run_at has passed.
CREATE TABLE job_schedule (
    name        text PRIMARY KEY,
    next_run_at timestamptz NOT NULL DEFAULT now(),
    last_run_at timestamptz,
    last_error  text NOT NULL DEFAULT '',
    runs        bigint NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE job_schedule;
DROP TABLE email_outbox;
DROP TABLE notifications;
ALTER TABLE users DROP COLUMN locale;
