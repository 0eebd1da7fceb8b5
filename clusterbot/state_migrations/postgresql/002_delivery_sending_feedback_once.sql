-- 'sending': a WeCom send is under way, and after a crash it is not sent again (at most once for that window).
ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
    CHECK (status IN ('pending', 'sending', 'done', 'failed'));

-- One vote per user and exchange: the latest click wins, repeated clicks are not counted again.
DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY exchange_id, user_id);
CREATE UNIQUE INDEX feedback_once ON feedback (exchange_id, user_id);
CREATE INDEX conversations_updated ON conversations (updated_at);
