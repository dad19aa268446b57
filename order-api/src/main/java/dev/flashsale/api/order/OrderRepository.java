package dev.flashsale.api.order;

import dev.flashsale.api.jdbc.InsertOnly;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

// Loading an order reads its lines with a second query while the first is still open. Outside a transaction that
// takes a second pooled connection, and concurrent loads can then hold the whole pool waiting for more; inside one,
// both queries share a connection.
@Transactional(readOnly = true)
interface OrderRepository extends Repository<Order, String>, InsertOnly<Order> {

    Optional<Order> findById(String orderId);

    Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

    @Modifying
    @Transactional
    @Query("UPDATE orders SET published = TRUE WHERE order_id = :orderId")
    boolean markPublished(String orderId);

    /** Removes an order whose event Kafka never acknowledged, unless a result or a twin request got there first. */
    @Modifying
    @Transactional
    @Query("DELETE FROM orders WHERE order_id = :orderId AND status = 'PENDING' AND NOT published")
    boolean deleteIfUnpublished(String orderId);

    /** Ends the retention of the keys of orders placed before the cutoff; returns how many were forgotten. */
    @Modifying
    @Transactional
    @Query("""
            UPDATE orders SET idempotency_key = NULL, request_fingerprint = NULL
             WHERE idempotency_key IS NOT NULL AND created_at < :cutoff
            """)
    int forgetIdempotencyKeysPlacedBefore(Instant cutoff);
}
