package dev.flashsale.api;

import dev.flashsale.events.TopicProvisioner;
import dev.flashsale.events.Topics;
import dev.flashsale.inventory.InventorySettings;
import dev.flashsale.inventory.topology.InventoryTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The inventory processor, as production builds it, on the test's broker; closed with the context. Tests that follow
 * orders to their decision import it.
 */
@TestConfiguration
public class InventoryProcessorBesideTheApi {

    @Bean
    SmartLifecycle inventoryProcessor(@Value(KafkaTestSupport.OWN_BROKER) String bootstrapServers)
            throws IOException {
        Path stateDir = Files.createTempDirectory("flashsale-e2e-state");
        InventorySettings settings = InventorySettings.defaults().withBootstrapServers(bootstrapServers)
                .withApplicationId(KafkaTestSupport.PROCESSOR_APPLICATION_ID).withStateDir(stateDir);
        return new SmartLifecycle() {
            private KafkaStreams streams;

            @Override
            public void start() {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers))) {
                    TopicProvisioner.ensure(admin, Topics.ALL, 6, (short) 1, 1, 30_000);
                }
                streams = new KafkaStreams(InventoryTopology.build(new StreamsBuilder(), settings),
                        InventoryTopology.streamsProperties(settings));
                streams.start();
            }

            @Override
            public void stop() {
                streams.close(Duration.ofSeconds(30));
                streams = null;
            }

            @Override
            public boolean isRunning() {
                return streams != null;
            }
        };
    }
}
