-- Leases: a pending delivery is resumed only by the worker holding its lease, or by one worker after it expires.
ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until DOUBLE PRECISION NOT NULL DEFAULT 0;
CREATE INDEX deliveries_lease ON deliveries (channel, status, lease_until);

-- The acknowledgement path in one round trip: claim keys in order, stop at the first one seen within the
-- ttl (keys after it are left alone); true when every key was claimed. Same statement as the SQLite path.
CREATE FUNCTION clusterbot_claim(p_keys TEXT[], p_statuses TEXT[], p_payloads TEXT[], p_channel TEXT,
                                 p_now DOUBLE PRECISION, p_cutoff DOUBLE PRECISION, p_owner TEXT,
                                 p_lease_until DOUBLE PRECISION) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    i INTEGER;
    n INTEGER;
BEGIN
    FOR i IN 1 .. COALESCE(array_length(p_keys, 1), 0) LOOP
        INSERT INTO deliveries (key, channel, status, payload, created_at, updated_at, lease_owner, lease_until)
        VALUES (p_keys[i], p_channel, p_statuses[i], p_payloads[i], p_now, p_now, p_owner, p_lease_until)
        ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, status = excluded.status,
            payload = excluded.payload, created_at = excluded.created_at, updated_at = excluded.updated_at,
            lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
        WHERE deliveries.created_at < p_cutoff;
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n <> 1 THEN
            RETURN FALSE;
        END IF;
    END LOOP;
    RETURN TRUE;
END
$$;
