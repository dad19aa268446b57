package dev.flashsale.api.order.readmodel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.RequestOffset;
import dev.flashsale.api.order.status.Decision;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The orders this instance placed lately, as the read model has them, for the buyers' reads that follow a placement
 * (a long-poll, a few polls) without a round trip to the database each.
 * <p>
 * Memory can only stand in for the read model where this instance writes every change of the order to it: when it
 * owns the order's partition of {@code flashsale.order-lifecycle} from before the order was placed until the read.
 * An order is remembered only if that partition is this instance's at placement, stamped with the assignment it
 * belongs to; the lifecycle projection applies each change it commits to it; and it is forgotten as an answer as
 * soon as that assignment ends (a rebalance), since another instance may then write its changes. Everything else is
 * read from the database, as before.
 */
@Component
public class RecentOrders implements ConsumerAwareRebalanceListener {

    static final int CAPACITY = 100_000;
    /** Buyers read an order in the seconds after placing it; later reads go to the database. */
    static final Duration KEPT = Duration.ofMinutes(2);

    /** By the id's text, which is what a buyer's read looks an order up by. */
    private final Cache<String, Remembered> orders = Caffeine.newBuilder()
            .maximumSize(CAPACITY)
            .expireAfterWrite(KEPT)
            .build();
    /** Lifecycle partition to the assignment (a number unique to it) under which this instance holds it. */
    private final Map<Integer, Long> owned = new ConcurrentHashMap<>();
    private final AtomicLong assignments = new AtomicLong();
    private volatile int partitions;

    /**
     * Remembers an order about to be published, before anything can have been decided on it; a no-op unless this
     * instance owns its lifecycle partition.
     */
    public void placing(Order order) {
        int count = partitions;
        if (count == 0) {
            return;
        }
        int partition = partitionOf(order.orderId(), count);
        Long assignment = owned.get(partition);
        if (assignment != null) {
            orders.put(order.orderId().value(), new Remembered(order, partition, assignment));
        }
    }

    /** Forgets an order that was not placed after all (its key was taken, or Kafka did not acknowledge it). */
    public void withdrawn(OrderId orderId) {
        orders.invalidate(orderId.value());
    }

    /**
     * The order as the read model has it now, if this instance knows that for certain.
     *
     * @param orderId as the buyer sent it, which need not be a valid {@link OrderId}: such an order is not known
     */
    public Optional<Order> find(String orderId) {
        Remembered remembered = orders.getIfPresent(orderId);
        if (remembered == null || !Objects.equals(owned.get(remembered.partition()), remembered.assignment())) {
            return Optional.empty();
        }
        return Optional.of(remembered.order());
    }

    /** Adds where Kafka wrote the order's requests, whatever was decided on it meanwhile. */
    public void requested(OrderId orderId, List<RequestOffset> offsets) {
        orders.asMap().computeIfPresent(orderId.value(), (id, remembered) -> remembered.with(
                remembered.order().requestedAt(offsets)));
    }

    /** Applies a change the lifecycle projection committed, by the read model's rule ({@link Order#decided}). */
    void changed(OrderId orderId, Decision decision) {
        orders.asMap().computeIfPresent(orderId.value(), (id, remembered) -> remembered.with(
                remembered.order().decided(decision)));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        if (partitions == 0 || assigned.stream().anyMatch(partition -> partition.partition() >= partitions)) {
            partitions = consumer.partitionsFor(Topics.ORDER_LIFECYCLE.name()).size();
        }
        for (TopicPartition partition : assigned) {
            owned.put(partition.partition(), assignments.incrementAndGet());
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        revoked.forEach(partition -> owned.remove(partition.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        lost.forEach(partition -> owned.remove(partition.partition()));
    }

    /** The partition the order aggregator writes the order's changes to: Kafka's default for its key. */
    static int partitionOf(OrderId orderId, int partitions) {
        return Utils.toPositive(Utils.murmur2(orderId.value().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private record Remembered(Order order, int partition, long assignment) {

        Remembered with(Order changed) {
            return new Remembered(changed, partition, assignment);
        }
    }
}
