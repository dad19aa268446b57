package dev.flashsale.inventory;

import dev.flashsale.inventory.topology.InventoryTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Runs the inventory topology as a standalone, non-web process. */
@SpringBootApplication
@EnableConfigurationProperties(InventorySettings.class)
public class InventoryProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryProcessorApplication.class, args);
    }

    @Bean
    Topology inventoryTopology(InventorySettings settings) {
        return InventoryTopology.build(new StreamsBuilder(), settings);
    }

    @Bean
    InventoryStreams inventoryStreams(InventorySettings settings, Topology inventoryTopology) {
        return new InventoryStreams(settings, inventoryTopology);
    }
}
