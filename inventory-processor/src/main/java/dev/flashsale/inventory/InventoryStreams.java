package dev.flashsale.inventory;

import dev.flashsale.events.TopicProvisioner;
import dev.flashsale.events.Topics;
import dev.flashsale.inventory.topology.InventoryTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the {@link KafkaStreams} instance: creates the topics, starts the streams when the context is ready and closes
 * them when it shuts down, so that the last transaction is committed or aborted before the process exits. Local state
 * is kept across restarts on purpose: wiping it would replay every changelog on each start.
 * <p>
 * Its metrics, the topology's own sensors among them, are bound to Micrometer; a stream that reaches {@code ERROR}
 * (every thread dead) marks the application's liveness broken, so an orchestrator restarts the process.
 */
class InventoryStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InventoryStreams.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /*
     * The topology's sensors appear when its tasks start, after the first rebalance; the binder looks for new metrics
     * this often (its default is a minute).
     */
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(10);

    private final InventorySettings settings;
    private final Topology topology;
    private final Time time;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private ScheduledExecutorService metricsRefresh;

    /** @param time what the topology's deadlines and wall-clock punctuations run on ({@link SteadyTime}) */
    InventoryStreams(InventorySettings settings, Topology topology, Time time, MeterRegistry meters,
            ApplicationEventPublisher events) {
        this.settings = settings;
        this.topology = topology;
        this.time = time;
        this.meters = meters;
        this.events = events;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        prepareCluster();
        KafkaStreams created = new KafkaStreams(topology, InventoryTopology.streamsProperties(settings), time);
        created.setStateListener((newState, oldState) -> {
            log.info("Inventory streams {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR) {
                AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            }
        });
        created.setUncaughtExceptionHandler(e -> {
            // Bad data never reaches here (it is dead-lettered); this is a broker or state failure worth a retry.
            log.error("Stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metricsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "inventory-streams-metrics");
            thread.setDaemon(true);
            return thread;
        });
        streamsMetrics = new KafkaStreamsMetrics(created, List.of(), metricsRefresh, METRICS_REFRESH);
        streamsMetrics.bindTo(meters);
        created.start();
        streams = created;
        log.info("Inventory streams started: application {} on {}", settings.applicationId(),
                settings.bootstrapServers());
    }

    /** Creates the topics, and refuses a cluster without the transaction protocol exactly-once relies on. */
    private void prepareCluster() {
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TOPIC_TIMEOUT.toMillis()));
        try {
            short transactionVersion = TransactionProtocolCheck.verify(admin, TOPIC_TIMEOUT);
            log.info("Kafka cluster has {}={}", TransactionProtocolCheck.FEATURE, transactionVersion);
            int partitions = TopicProvisioner.ensure(admin, Topics.ALL, settings.topicPartitions(),
                    settings.replicationFactor(), settings.minInsyncReplicas(), TOPIC_TIMEOUT.toMillis());
            if (partitions != settings.topicPartitions()) {
                // The topology finds an order's partition by this count; a wrong one would decide an order in two
                // tasks at once.
                throw new IllegalStateException("The flashsale topics have " + partitions + " partitions, but "
                        + "FLASHSALE_TOPIC_PARTITIONS (flashsale.inventory.topic-partitions) is "
                        + settings.topicPartitions() + "; set it to " + partitions);
            }
        } finally {
            // Without a bound, close waits for calls still retrying against an unreachable broker.
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public synchronized void stop() {
        if (streams == null) {
            return;
        }
        // Leaving the group hands the partitions over at once; otherwise a restarted instance waits out the session
        // timeout of its own former member before it gets them back.
        if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            log.warn("Inventory streams did not close within {}", CLOSE_TIMEOUT);
        }
        streamsMetrics.close();
        metricsRefresh.shutdownNow();
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The running instance, for tests and diagnostics; {@code null} when stopped. */
    KafkaStreams streams() {
        return streams;
    }

    /** The state of the streams; {@code NOT_RUNNING} before the start and after the stop. */
    KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }
}
