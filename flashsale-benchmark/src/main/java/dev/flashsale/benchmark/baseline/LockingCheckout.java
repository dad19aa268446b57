package dev.flashsale.benchmark.baseline;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The baseline's checkout: one database transaction per order, in which stock is checked and decremented under a row
 * lock and the order is recorded with its final status. Correct, and every buyer of one product queues on one row.
 * There is deliberately no {@code CHECK (available >= 0)}: the bench counts oversold units itself.
 */
@Component
class LockingCheckout {

    static final String SCHEMA = "bench_baseline";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    LockingCheckout(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    void createSchema() {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".products (id text PRIMARY KEY, name text NOT NULL, "
                + "price bigint NOT NULL, available integer NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".orders (order_id text PRIMARY KEY, "
                + "customer_id text NOT NULL, product_id text NOT NULL, quantity integer NOT NULL, "
                + "status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
    }

    Product stock(String name, long price, int stock) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO " + SCHEMA + ".products (id, name, price, available) VALUES (?, ?, ?, ?)", id, name,
                price, stock);
        return new Product(id, name, price, stock);
    }

    Optional<Product> product(String id) {
        List<Product> found = jdbc.query("SELECT id, name, price, available FROM " + SCHEMA + ".products WHERE id = ?",
                (row, n) -> new Product(row.getString(1), row.getString(2), row.getLong(3), row.getInt(4)), id);
        return found.stream().findFirst();
    }

    Optional<Order> order(String orderId) {
        List<Order> found = jdbc.query("SELECT order_id, customer_id, product_id, quantity, status FROM " + SCHEMA
                + ".orders WHERE order_id = ?", (row, n) -> new Order(row.getString(1), row.getString(2),
                        row.getString(3), row.getInt(4), row.getString(5)), orderId);
        return found.stream().findFirst();
    }

    /** Decides the order inside one transaction; empty when the product does not exist. */
    Optional<Order> place(Locking locking, String customerId, String productId, int quantity) {
        return transactions.execute(status -> {
            Boolean accepted = switch (locking) {
                case FOR_UPDATE -> reserveForUpdate(productId, quantity);
                case CONDITIONAL -> reserveConditionally(productId, quantity);
            };
            if (accepted == null) {
                return Optional.<Order>empty();
            }
            Order order = new Order(UUID.randomUUID().toString(), customerId, productId, quantity,
                    accepted ? "ACCEPTED" : "REJECTED");
            jdbc.update("INSERT INTO " + SCHEMA + ".orders (order_id, customer_id, product_id, quantity, status) "
                    + "VALUES (?, ?, ?, ?, ?)", order.orderId(), customerId, productId, quantity, order.status());
            return Optional.of(order);
        });
    }

    /** {@code null}: no such product. */
    private Boolean reserveForUpdate(String productId, int quantity) {
        List<Integer> available = jdbc.queryForList(
                "SELECT available FROM " + SCHEMA + ".products WHERE id = ? FOR UPDATE", Integer.class, productId);
        if (available.isEmpty()) {
            return null;
        }
        if (available.get(0) < quantity) {
            return false;
        }
        jdbc.update("UPDATE " + SCHEMA + ".products SET available = available - ? WHERE id = ?", quantity, productId);
        return true;
    }

    private Boolean reserveConditionally(String productId, int quantity) {
        int updated = jdbc.update("UPDATE " + SCHEMA + ".products SET available = available - ? "
                + "WHERE id = ? AND available >= ?", quantity, productId, quantity);
        if (updated == 1) {
            return true;
        }
        return jdbc.queryForList("SELECT 1 FROM " + SCHEMA + ".products WHERE id = ?", Integer.class, productId)
                .isEmpty() ? null : false;
    }

    record Product(String id, String name, long price, int available) {
    }

    record Order(String orderId, String customerId, String productId, int quantity, String status) {
    }
}
