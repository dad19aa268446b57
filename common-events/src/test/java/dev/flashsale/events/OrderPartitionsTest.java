package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class OrderPartitionsTest {

    private static final ProductId PHONE = new ProductId("3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11");

    @Test
    void partitionsAKeyAsKafkasDefaultPartitionerDoes() {
        for (int partitions = 1; partitions <= 12; partitions++) {
            for (String key : new String[] { PHONE.value(), "o-1", "c-42", "" }) {
                assertThat(OrderPartitions.partitionOf(key, partitions)).isEqualTo(
                        BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void givesOrderIdsOnTheProductsPartition() {
        for (int partitions : new int[] { 1, 3, 6, 12 }) {
            for (int i = 0; i < 50; i++) {
                OrderId order = OrderPartitions.orderIdOnPartitionOf(PHONE, partitions);

                assertThat(OrderPartitions.partitionOf(order.value(), partitions))
                        .isEqualTo(OrderPartitions.partitionOf(PHONE.value(), partitions));
                assertThat(OrderPartitions.decidedWhole(order, PHONE, partitions)).isTrue();
            }
        }
    }

    @Test
    void decidesNothingWholeWithoutAKnownPartitionCount() {
        assertThat(OrderPartitions.decidedWhole(new OrderId("o-1"), PHONE, 0)).isFalse();
        assertThatThrownBy(() -> OrderPartitions.orderIdOnPartitionOf(PHONE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
