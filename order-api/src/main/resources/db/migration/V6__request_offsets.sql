-- Where Kafka acknowledged each line's request in flashsale.order-requests: against the processor's progress on that
-- partition (flashsale.decision-progress) it gives a pending buyer's place in line on any API instance. NULL until
-- the acknowledgement is written, and for lines restored from the log.
ALTER TABLE order_lines ADD COLUMN request_partition INTEGER;
ALTER TABLE order_lines ADD COLUMN request_offset BIGINT;
