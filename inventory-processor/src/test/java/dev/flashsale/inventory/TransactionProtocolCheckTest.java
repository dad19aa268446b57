package dev.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig
@EmbeddedKafka
class TransactionProtocolCheckTest {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void acceptsTheEmbeddedKraftBrokerWhichFinalizesTheKafka4TransactionProtocol() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {

            short level = TransactionProtocolCheck.verify(admin, Duration.ofSeconds(30));

            assertThat(level).isGreaterThanOrEqualTo(TransactionProtocolCheck.REQUIRED);
        }
    }

    @Test
    void acceptsVersionTwoAndLater() {
        assertThat(TransactionProtocolCheck.problem(finalized(2))).isEmpty();
        assertThat(TransactionProtocolCheck.problem(finalized(3))).isEmpty();
    }

    @Test
    void refusesTheOldProtocolNamingTheFeatureAndTheFix() {
        assertThat(TransactionProtocolCheck.problem(finalized(1))).hasValueSatisfying(message -> assertThat(message)
                .contains("transaction.version=1", "needs 2", "kafka-features.sh", "--feature transaction.version=2"));
    }

    @Test
    void refusesAClusterThatHasNotFinalizedTheFeatureAtAll() {
        assertThat(TransactionProtocolCheck.problem(Map.of())).hasValueSatisfying(message -> assertThat(message)
                .contains("transaction.version=0"));
    }

    @Test
    void failsTheStartWhenTheBrokerCannotBeAsked() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                500))) {

            assertThatThrownBy(() -> TransactionProtocolCheck.verify(admin, Duration.ofMillis(1_500)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction.version");
        }
    }

    private static Map<String, FinalizedVersionRange> finalized(int level) {
        return Map.of(TransactionProtocolCheck.FEATURE, new FinalizedVersionRange((short) 1, (short) level));
    }
}
