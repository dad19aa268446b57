package dev.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

class InventorySettingsTest {

    @Test
    void unsetEnvironmentVariablesLeaveTheRecordDefaults() throws IOException {
        InventorySettings settings = bind(Map.of());

        assertThat(settings).isEqualTo(InventorySettings.defaults());
        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.applicationId()).isEqualTo("flashsale-inventory");
        assertThat(settings.stateDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "flashsale-inventory"));
        assertThat(settings.numStreamThreads()).isEqualTo(2);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.promptCommitGap()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.dedupeRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.topicPartitions()).isEqualTo(6);
        assertThat(settings.replicationFactor()).isEqualTo((short) 1);
        assertThat(settings.minInsyncReplicas()).isEqualTo(1);
        assertThat(settings.defaultPaymentWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.expiryCheckInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.stockLevelInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.instance()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void everyEnvironmentVariableOfTheContractIsMapped() throws IOException {
        InventorySettings settings = bind(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092"),
                Map.entry("INVENTORY_APPLICATION_ID", "inventory-blue"),
                Map.entry("INVENTORY_STATE_DIR", "/var/lib/inventory"),
                Map.entry("INVENTORY_NUM_STREAM_THREADS", "4"),
                Map.entry("INVENTORY_COMMIT_INTERVAL", "250ms"),
                Map.entry("INVENTORY_PROMPT_COMMIT_GAP", "5ms"),
                Map.entry("INVENTORY_DEDUPE_RETENTION", "P30D"),
                Map.entry("FLASHSALE_TOPIC_PARTITIONS", "12"),
                Map.entry("FLASHSALE_TOPIC_REPLICATION_FACTOR", "3"),
                Map.entry("FLASHSALE_TOPIC_MIN_INSYNC_REPLICAS", "2"),
                Map.entry("INVENTORY_PAYMENT_WINDOW", "15m"),
                Map.entry("INVENTORY_EXPIRY_CHECK_INTERVAL", "500ms"),
                Map.entry("INVENTORY_STOCK_LEVEL_INTERVAL", "250ms"),
                Map.entry("INVENTORY_INSTANCE", "inventory-blue-1")));

        assertThat(settings).isEqualTo(new InventorySettings("broker-1:9092,broker-2:9092", "inventory-blue",
                Path.of("/var/lib/inventory"), 4, Duration.ofMillis(250), Duration.ofMillis(5), Duration.ofDays(30), 12,
                (short) 3, 2, Duration.ofMinutes(15), Duration.ofMillis(500), Duration.ofMillis(250), "inventory-blue-1"));
    }

    @Test
    void takesAStockLevelIntervalOfZeroToMeanEveryChangeNotTheDefault() throws IOException {
        InventorySettings settings = bind(Map.of("INVENTORY_STOCK_LEVEL_INTERVAL", "0"));

        assertThat(settings.stockLevelInterval()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> InventorySettings.defaults()
                .withStockLevelInterval(Duration.ofMillis(-1))).withMessageContaining("stockLevelInterval");
    }

    @Test
    void refusesSettingsThatCannotRun() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InventorySettings(null, null, null, -1, null, null,
                null, 0, (short) 0, 0, null, null, null, null)).withMessageContaining("numStreamThreads");
        assertThatIllegalArgumentException().isThrownBy(() -> new InventorySettings(null, null, null, 0,
                Duration.ZERO.minusMillis(1), null, null, 0, (short) 0, 0, null, null, null, null))
                .withMessageContaining("commitInterval");
        assertThatIllegalArgumentException().isThrownBy(() -> InventorySettings.defaults()
                .withPaymentWindow(Duration.ofDays(8))).withMessageContaining("paymentWindow");
    }

    @Test
    void servesTheActuatorOnInventoryManagementPortNotOnTheOrderApisPortVariables() throws IOException {
        assertThat(serverPort(Map.of())).isEqualTo(8082);
        assertThat(serverPort(Map.of("INVENTORY_MANAGEMENT_PORT", "9182"))).isEqualTo(9182);
        // Boot's own name, given to this process alone, moves the same single port.
        assertThat(serverPort(Map.of("MANAGEMENT_SERVER_PORT", "9282"))).isEqualTo(9282);
    }

    private static int serverPort(Map<String, Object> environmentVariables) throws IOException {
        return Binder.get(environment(environmentVariables)).bind("server.port", Integer.class).get();
    }

    private static InventorySettings bind(Map<String, Object> environmentVariables) throws IOException {
        return Binder.get(environment(environmentVariables)).bindOrCreate("flashsale.inventory",
                InventorySettings.class);
    }

    private static StandardEnvironment environment(Map<String, Object> environmentVariables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
        for (PropertySource<?> source : new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        return environment;
    }
}
