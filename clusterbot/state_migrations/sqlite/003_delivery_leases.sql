-- Leases: a pending delivery is resumed only by the worker holding its lease, or by one worker after it expires.
ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;
CREATE INDEX deliveries_lease ON deliveries (channel, status, lease_until);
