-- 'sending': a WeCom send is under way, and after a crash it is not sent again (at most once for that window).
CREATE TABLE deliveries_v2 (
    key         TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'done', 'failed')),
    payload     TEXT,
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL
);
INSERT INTO deliveries_v2 SELECT key, channel, status, payload, created_at, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_v2 RENAME TO deliveries;
CREATE INDEX deliveries_status ON deliveries (status, created_at);

-- One vote per user and exchange: the latest click wins, repeated clicks are not counted again.
DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY exchange_id, user_id);
CREATE UNIQUE INDEX feedback_once ON feedback (exchange_id, user_id);
CREATE INDEX conversations_updated ON conversations (updated_at);
