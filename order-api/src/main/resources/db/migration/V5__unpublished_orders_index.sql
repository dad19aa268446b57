-- The unpublished-order sweeper looks for PENDING orders not yet marked published every few seconds. Without an
-- index that was a scan of the whole orders table each time. The mark is set by the results projection, in one
-- statement per batch, off the request path, so the index it makes non-HOT costs a sale little.
CREATE INDEX orders_unpublished ON orders (created_at) WHERE NOT published;
