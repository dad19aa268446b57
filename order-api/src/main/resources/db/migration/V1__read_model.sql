-- The order API's read model. Products and orders are written by the API and brought up to date by its Kafka
-- listeners; the inventory processor's state stores, not these tables, decide what is sold.

CREATE TABLE products (
    id            VARCHAR(128) PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    price         BIGINT       NOT NULL CHECK (price >= 0),
    available     INTEGER      NOT NULL CHECK (available >= 0),
    -- The highest StockLevel.version applied; 0 until the processor has reported on the product.
    stock_version BIGINT       NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX products_listing ON products (created_at, id);

CREATE TABLE orders (
    order_id        VARCHAR(128) PRIMARY KEY,
    customer_id     VARCHAR(128) NOT NULL,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
    -- Free text rather than a checked enum: later schema versions may add rejection reasons.
    reason          VARCHAR(64),
    idempotency_key VARCHAR(128),
    -- True once Kafka acknowledged the order's request event; a false row is an order nobody was told about yet.
    published       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    -- NULL keys never collide, so orders placed without an Idempotency-Key are not constrained.
    CONSTRAINT orders_customer_idempotency_key UNIQUE (customer_id, idempotency_key)
);

CREATE TABLE order_lines (
    order_id   VARCHAR(128) NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    line_no    INTEGER      NOT NULL,
    product_id VARCHAR(128) NOT NULL,
    quantity   INTEGER      NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    PRIMARY KEY (order_id, line_no)
);
