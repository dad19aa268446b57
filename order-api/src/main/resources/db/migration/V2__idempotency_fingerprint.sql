-- Idempotency-Key as in the IETF draft: a retry must send the same request as the first use of its key. The
-- fingerprint is SHA-256 (hex) of the request's canonical form; rows placed before this migration have none and
-- match any retry.
ALTER TABLE orders ADD COLUMN request_fingerprint CHAR(64);

-- Keys are remembered for flashsale.idempotency.retention after the order was placed, then forgotten (set to NULL)
-- by a periodic cleanup, which finds them through this index.
CREATE INDEX orders_idempotency_key_age ON orders (created_at) WHERE idempotency_key IS NOT NULL;
