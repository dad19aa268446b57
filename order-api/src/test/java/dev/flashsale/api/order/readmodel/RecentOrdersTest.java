package dev.flashsale.api.order.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.order.status.Decision;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentOrdersTest {

    private static final int PARTITIONS = 6;
    private static final Instant PLACED_AT = Instant.parse("2026-12-05T12:00:00.000001Z");

    private final RecentOrders recent = new RecentOrders();
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

    @BeforeEach
    void lifecycleTopicHasSixPartitions() {
        consumer.updatePartitions(Topics.ORDER_LIFECYCLE.name(), IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new PartitionInfo(Topics.ORDER_LIFECYCLE.name(), p, null, null, null)).toList());
    }

    @Test
    void remembersAnOrderPlacedWhileItsLifecyclePartitionIsOwned() {
        Order order = order("c-1");
        assign(partitionOf(order));

        recent.placing(order);

        assertThat(recent.find(order.orderId().value())).contains(order);
    }

    @Test
    void knowsNothingOfOrdersWhosePartitionAnotherInstanceWrites() {
        Order order = order("c-1");
        assign((partitionOf(order) + 1) % PARTITIONS);

        recent.placing(order);

        assertThat(recent.find(order.orderId().value())).isEmpty();
    }

    @Test
    void keepsAnOrderUpToDateWithEveryCommittedChange() {
        Order order = order("c-1");
        assign(partitionOf(order));
        recent.placing(order);
        Instant accepted = PLACED_AT.plusMillis(40);
        Instant paid = PLACED_AT.plusSeconds(30);

        recent.changed(order.orderId(), new Decision(OrderStatus.ACCEPTED, null, accepted,
                accepted.plusSeconds(600), null, null, null));
        recent.changed(order.orderId(), new Decision(OrderStatus.PAID, null, paid, null, null, "psp-1", 100L));

        Order found = recent.find(order.orderId().value()).orElseThrow();
        assertThat(found.status()).isEqualTo(OrderStatus.PAID);
        assertThat(found.paymentDeadline()).isEqualTo(accepted.plusSeconds(600));
        assertThat(found.history()).extracting(StatusReached::status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.ACCEPTED, OrderStatus.PAID);
    }

    @Test
    void stopsAnsweringOnceThePartitionIsRevokedEvenIfItComesBack() {
        Order order = order("c-1");
        TopicPartition partition = assign(partitionOf(order));
        recent.placing(order);

        recent.onPartitionsRevokedBeforeCommit(consumer, List.of(partition));

        assertThat(recent.find(order.orderId().value())).isEmpty();
        recent.onPartitionsAssigned(consumer, List.of(partition));
        assertThat(recent.find(order.orderId().value())).as("another instance may have written it meanwhile").isEmpty();
    }

    @Test
    void forgetsAnOrderThatWasWithdrawn() {
        Order order = order("c-1");
        assign(partitionOf(order));
        recent.placing(order);

        recent.withdrawn(order.orderId());

        assertThat(recent.find(order.orderId().value())).isEmpty();
    }

    @Test
    void remembersNothingBeforeItsFirstAssignment() {
        Order order = order("c-1");

        recent.placing(order);

        assertThat(recent.find(order.orderId().value())).isEmpty();
    }

    @Test
    void choosesThePartitionAsKafkaDoesForTheOrderKey() {
        // org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey, which Streams' sink uses.
        String orderId = "8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37";

        assertThat(RecentOrders.partitionOf(new OrderId(orderId), PARTITIONS)).isEqualTo(
                org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(
                        orderId.getBytes(java.nio.charset.StandardCharsets.UTF_8), PARTITIONS));
    }

    private TopicPartition assign(int partition) {
        TopicPartition assigned = new TopicPartition(Topics.ORDER_LIFECYCLE.name(), partition);
        recent.onPartitionsAssigned(consumer, List.of(assigned));
        return assigned;
    }

    private static int partitionOf(Order order) {
        return RecentOrders.partitionOf(order.orderId(), PARTITIONS);
    }

    private static Order order(String customerId) {
        return Order.place(new PlaceOrder(new CustomerId(customerId), null,
                List.of(new PlaceOrder.Line(new ProductId("p-1"), 1))), 100, PLACED_AT);
    }
}
