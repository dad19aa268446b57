package dev.flashsale.inventory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;

/**
 * Refuses to start on a cluster without the Kafka 4 transaction protocol ({@code transaction.version} 2, KIP-890).
 * <p>
 * Exactly-once here leans on it. Under version 2 the coordinator bumps the producer epoch with every transaction, so
 * a write of an earlier transaction that arrives late (its commit timed out on the client, the client went on) is
 * fenced by the broker instead of landing in the next transaction and leaving it hanging; a commit that timed out
 * therefore need not, and must not, be followed by an abort to be safe. Kafka Streams closes and re-creates its own
 * producers after an indefinite error (fenced, or a transaction timeout) and never reuses them, but it cannot make an
 * older cluster safe. A processor on such a cluster could decide an order twice, which is worse than not running: so
 * it fails at start-up, naming the feature and the command that finalizes it, instead of logging and going on.
 */
final class TransactionProtocolCheck {

    static final String FEATURE = "transaction.version";
    static final short REQUIRED = 2;

    private TransactionProtocolCheck() {
    }

    /** @throws IllegalStateException if the cluster has not finalized {@value #FEATURE} at {@value #REQUIRED} or above */
    static short verify(Admin admin, Duration timeout) {
        Map<String, FinalizedVersionRange> finalized;
        try {
            finalized = admin.describeFeatures().featureMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .finalizedFeatures();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the cluster's features", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the cluster's finalized features within " + timeout
                    + " to check " + FEATURE, e);
        }
        problem(finalized).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        return finalized.get(FEATURE).maxVersionLevel();
    }

    /** Why the cluster's finalized features cannot run this processor, if they cannot. */
    static Optional<String> problem(Map<String, FinalizedVersionRange> finalized) {
        FinalizedVersionRange range = finalized.get(FEATURE);
        short level = range == null ? 0 : range.maxVersionLevel();
        if (level >= REQUIRED) {
            return Optional.empty();
        }
        return Optional.of("The Kafka cluster has " + FEATURE + "=" + level + "; the inventory processor needs "
                + REQUIRED + " or above (the Kafka 4 transaction protocol, KIP-890) for exactly-once without hanging "
                + "transactions. Upgrade the cluster to Kafka 4 and finalize it: kafka-features.sh "
                + "--bootstrap-server <broker> upgrade --feature " + FEATURE + "=" + REQUIRED);
    }
}
