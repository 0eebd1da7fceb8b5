-- Conversation state, delivery dedupe and the audit log, kept outside process memory.
CREATE TABLE conversations (
    key         TEXT PRIMARY KEY,
    state       TEXT NOT NULL,
    updated_at  REAL NOT NULL
);

CREATE TABLE deliveries (
    key         TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    payload     TEXT,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL
);
CREATE INDEX deliveries_status ON deliveries (status, created_at);

CREATE TABLE exchanges (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    REAL NOT NULL,
    channel       TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    thread        TEXT NOT NULL,
    question      TEXT NOT NULL,
    answer        TEXT NOT NULL,
    status        TEXT NOT NULL,
    intent        TEXT,
    citations     TEXT NOT NULL,
    facts         TEXT NOT NULL,
    tool_calls    TEXT NOT NULL,
    data_vintage  TEXT,
    mode          TEXT NOT NULL,
    latency_ms    REAL NOT NULL,
    message_ref   TEXT
);
CREATE INDEX exchanges_created ON exchanges (created_at);
CREATE INDEX exchanges_ref ON exchanges (message_ref);

CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    exchange_id  INTEGER NOT NULL REFERENCES exchanges (id),
    user_id      TEXT NOT NULL,
    value        TEXT NOT NULL CHECK (value IN ('up', 'down')),
    created_at   REAL NOT NULL
);

CREATE TABLE rate_hits (
    bucket      TEXT NOT NULL,
    at          REAL NOT NULL
);
CREATE INDEX rate_hits_bucket ON rate_hits (bucket, at);
