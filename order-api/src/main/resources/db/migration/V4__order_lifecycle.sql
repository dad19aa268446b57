-- Orders follow the order aggregator's lifecycle (flashsale.order-lifecycle): PENDING until every line is reserved
-- (ACCEPTED) or one is refused (REJECTED), then PAID, CANCELLED or EXPIRED. The status only ever moves forward.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'PAID', 'CANCELLED', 'EXPIRED'));
-- ACCEPTED: when it expires unless paid; NULL for orders accepted before deadlines existed.
ALTER TABLE orders ADD COLUMN payment_deadline TIMESTAMPTZ;
-- REJECTED: the product of the line that was refused first.
ALTER TABLE orders ADD COLUMN rejected_product_id VARCHAR(128);
-- PAID: the payment provider's reference and the amount paid, in minor units.
ALTER TABLE orders ADD COLUMN payment_reference VARCHAR(128);
ALTER TABLE orders ADD COLUMN paid_amount BIGINT;

-- A cart has one line per product (the API refuses duplicates), so a line is also found by its product: results and a
-- rebuild, which do not know a line's position, add lines by product without duplicating them.
ALTER TABLE order_lines ADD CONSTRAINT order_lines_product UNIQUE (order_id, product_id);

-- Every status an order reached after PENDING (which is its created_at), for its history. One row per status: a
-- replayed change inserts nothing. No foreign key: a change may be read before the order's row is restored.
CREATE TABLE order_transitions (
    order_id    VARCHAR(128) NOT NULL,
    status      VARCHAR(16)  NOT NULL
        CHECK (status IN ('ACCEPTED', 'REJECTED', 'PAID', 'CANCELLED', 'EXPIRED')),
    occurred_at TIMESTAMPTZ  NOT NULL,
    reason      VARCHAR(64),
    -- The buyer's command (payment, cancellation) that caused it, so a request waiting for its answer finds it.
    command_id  UUID,
    PRIMARY KEY (order_id, status)
);
CREATE INDEX order_transitions_command ON order_transitions (command_id) WHERE command_id IS NOT NULL;

-- Commands the aggregator refused, for the request waiting for the answer (on whichever API instance).
CREATE TABLE refused_commands (
    command_id     UUID         PRIMARY KEY,
    order_id       VARCHAR(128) NOT NULL,
    command        VARCHAR(16)  NOT NULL,
    current_status VARCHAR(16)  NOT NULL,
    occurred_at    TIMESTAMPTZ  NOT NULL
);

-- A product's payment window as the catalog shows it, in milliseconds; NULL is the processor's default. The order
-- aggregator takes the window from OrderAccepted, never from this column.
ALTER TABLE products ADD COLUMN payment_window_millis BIGINT CHECK (payment_window_millis > 0);
