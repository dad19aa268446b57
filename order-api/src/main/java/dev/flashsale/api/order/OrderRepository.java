package dev.flashsale.api.order;

import dev.flashsale.api.jdbc.InsertOnly;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface OrderRepository extends Repository<Order, String>, InsertOnly<Order> {

    Optional<Order> findById(String orderId);

    Optional<Order> findByCustomerIdAndIdempotencyKey(String customerId, String idempotencyKey);

    @Modifying
    @Query("UPDATE orders SET published = TRUE WHERE order_id = :orderId")
    boolean markPublished(String orderId);

    /** Removes an order whose event Kafka never acknowledged, unless a result or a twin request got there first. */
    @Modifying
    @Query("DELETE FROM orders WHERE order_id = :orderId AND status = 'PENDING' AND NOT published")
    boolean deleteIfUnpublished(String orderId);
}
