package dev.flashsale.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where an order's events meet its product's. Every flashsale topic is keyed by product or order ID and partitioned by
 * Kafka's default partitioner, and the order topics have as many partitions as the product topics. A single-line order
 * whose ID falls on the same partition as its product is therefore decided whole on that partition's task: the task
 * that reserves the line also holds the order's progress, and decides the order in the same exactly-once transaction,
 * instead of one more trip through {@code flashsale.order-results}. The order API picks such IDs for single-line
 * orders ({@link #orderIdOnPartitionOf}).
 */
public final class OrderPartitions {

    private OrderPartitions() {
    }

    /** The partition Kafka's default partitioner gives a record with this key, of {@code partitions}. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Whether a line of this product in this order is decided whole on its product's task. */
    public static boolean decidedWhole(OrderId order, ProductId product, int partitions) {
        return partitions > 0 && partitionOf(order.value(), partitions) == partitionOf(product.value(), partitions);
    }

    /**
     * A new random order ID on the same partition as the product, of {@code partitions}: about {@code partitions}
     * draws of {@link RandomIds#uuid()}.
     */
    public static OrderId orderIdOnPartitionOf(ProductId product, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive but was " + partitions);
        }
        int target = partitionOf(product.value(), partitions);
        while (true) {
            String candidate = RandomIds.uuid().toString();
            if (partitionOf(candidate, partitions) == target) {
                return new OrderId(candidate);
            }
        }
    }
}
