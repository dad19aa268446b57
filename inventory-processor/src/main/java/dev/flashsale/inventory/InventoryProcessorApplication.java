package dev.flashsale.inventory;

import dev.flashsale.inventory.topology.InventoryTopology;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Runs the inventory topology as a standalone process. Its only HTTP port ({@code INVENTORY_MANAGEMENT_PORT}, 8082)
 * serves the actuator: health probes, Prometheus metrics and build info.
 */
@SpringBootApplication
@EnableConfigurationProperties({InventorySettings.class, ClockSettings.class})
public class InventoryProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryProcessorApplication.class, args);
    }

    @Bean
    Topology inventoryTopology(InventorySettings settings) {
        return InventoryTopology.build(new StreamsBuilder(), settings);
    }

    @Bean
    InventoryStreams inventoryStreams(InventorySettings settings, ClockSettings clock, Topology inventoryTopology,
            MeterRegistry meters, ApplicationEventPublisher events) {
        return new InventoryStreams(settings, inventoryTopology, SteadyTime.startingFrom(clock.wallMillis()), meters,
                events);
    }

    @Bean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(InventoryStreams inventoryStreams) {
        return new KafkaStreamsHealthIndicator(inventoryStreams::state);
    }
}
