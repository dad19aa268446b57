package dev.flashsale.inventory.topology;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderCommand;
import dev.flashsale.events.OrderCommandEvent;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PaymentDeadlinePassed;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The order aggregator: hears every line result of an order and every command on it, on the order's partition, and
 * decides the whole order's status there, one record at a time. A payment racing an expiry or a cancellation racing
 * the last line result therefore has one winner, and each reserved line is released exactly once: the line is marked
 * released in the order's stored progress in the same exactly-once transaction that sends its {@link UnitsReleased}
 * to the product's partition.
 * <p>
 * The expiry check runs on a wall-clock punctuator, not a stream-time one. Stream time only advances when records
 * arrive on the task's partitions: after a sale's last order, with no new traffic, a stream-time punctuation would
 * never fire and unpaid units would stay held for good. Deadlines are stored as absolute instants, so a task that
 * moves to another instance, or restarts after a crash, finds every overdue order at its first punctuation.
 * <p>
 * The check only proposes: it sends a {@link PaymentDeadlinePassed} per overdue order to the order commands, and the
 * order expires when that is read back, if the stored order is still due then ({@link OrderAggregator#expire}). Under
 * exactly-once v2 a transaction that carries only punctuation output commits no consumer offsets, so the group
 * coordinator never checks its generation, and each stream thread has its own transactional ID, so the partition's
 * new owner does not fence it either: an instance cut off from the brokers past its session timeout can still commit
 * it once it is back. Expiring from its stale state, it could expire an order the new owner has seen paid, and put
 * the units back on sale to be sold twice. A record read back commits its offset, so its transaction aborts on an
 * instance no longer in the group. Each check proposes at most {@value #MAX_EXPIRIES_PER_CHECK} orders and leaves the
 * rest to the next: a backlog (a long outage, a big sale's deadlines falling in one second) must not hold the task
 * past its transaction timeout.
 */
final class OrderLifecycleProcessor implements Processor<byte[], byte[], String, Outcome> {

    static final String METRICS_ENTITY = OrderAggregator.METRICS_ENTITY;
    static final String RESULTS_ENTITY = "order-results";
    static final String COMMANDS_ENTITY = "order-commands";
    static final String REFUSED = OrderAggregator.REFUSED;
    static final String RELEASED = OrderAggregator.RELEASED;
    static final int MAX_EXPIRIES_PER_CHECK = 500;
    static final String EXPIRY_STALE = OrderAggregator.EXPIRY_STALE;
    static final String EXPIRY_PROPOSED = ExpiryProposals.PROPOSED;
    static final String FORGOTTEN = OrderAggregator.FORGOTTEN;
    static final int MAX_PURGES_PER_CHECK = 1_000;

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycleProcessor.class);

    private final Duration expiryCheckInterval;
    private final Duration retention;
    private final int partitions;
    private final Duration promptCommitGap;
    private PromptCommits promptCommits;
    private ProcessorContext<String, Outcome> context;
    private Intake<OrderResult> results;
    private Intake<OrderCommandEvent> commands;
    private OrderAggregator aggregator;
    private ExpiryProposals expiries;

    /**
     * @param retention  how long an order that is over is remembered before its progress is deleted
     * @param partitions partitions of the order topics, to tell the results its product's task already took in
     * @param promptCommitGap see {@link PromptCommits}: a buyer's payment or cancellation is committed as promptly
     */
    OrderLifecycleProcessor(Duration expiryCheckInterval, Duration retention, int partitions,
            Duration promptCommitGap) {
        this.expiryCheckInterval = expiryCheckInterval;
        this.retention = retention;
        this.partitions = partitions;
        this.promptCommitGap = promptCommitGap;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.results = Intake.keyedByOrder(context, Topics.ORDER_RESULT_SERDE, OrderResult::orderId, RESULTS_ENTITY);
        this.commands = Intake.keyedByOrder(context, Topics.ORDER_COMMAND_SERDE, OrderCommandEvent::orderId,
                COMMANDS_ENTITY);
        this.aggregator = new OrderAggregator(context, retention);
        this.expiries = new ExpiryProposals(context, expiryCheckInterval);
        this.promptCommits = new PromptCommits(context, promptCommitGap);
        context.schedule(expiryCheckInterval, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
            int proposed = expiries.proposeOverdue(aggregator, MAX_EXPIRIES_PER_CHECK);
            if (proposed > 0) {
                // Committed promptly, an overdue order expires about one commit after the check, not one interval.
                promptCommits.decided(context.currentSystemTimeMs());
            }
            if (proposed == MAX_EXPIRIES_PER_CHECK) {
                log.info("Proposed {} expiries in one check; the rest wait for the next", MAX_EXPIRIES_PER_CHECK);
            }
            aggregator.forgetOrdersThatAreLongOver(MAX_PURGES_PER_CHECK);
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String orderId = EventHeaders.get(record.headers(), EventHeaders.ORDER_ID);
        if (orderId != null) {
            MDC.put(OrderRequestProcessor.MDC_ORDER_ID, orderId);
        }
        try {
            RecordMetadata source = context.recordMetadata().orElse(null);
            if (source != null && Topics.ORDER_COMMANDS.name().equals(source.topic())) {
                OrderCommandEvent event = commands.admit(record);
                if (event != null) {
                    OrderRequestProcessor.nameOrder(orderId, event.orderId().value());
                    if (event instanceof OrderCommand command) {
                        decide(record, command);
                    } else if (event instanceof PaymentDeadlinePassed proposal) {
                        expire(record, proposal);
                    }
                }
            } else {
                OrderResult result = results.admit(record);
                if (result != null) {
                    OrderRequestProcessor.nameOrder(orderId, result.orderId().value());
                    take(record, result);
                }
            }
        } finally {
            MDC.remove(OrderRequestProcessor.MDC_ORDER_ID);
        }
    }

    private void take(Record<byte[], byte[]> record, OrderResult result) {
        if (aggregator.takeIfNew(result, record.timestamp())) {
            promptCommits.decided(record.timestamp());
        } else if (!OrderPartitions.decidedWhole(result.orderId(), result.productId(), partitions)) {
            results.dropDuplicate("result of order " + result.orderId() + " for product " + result.productId());
        }
        // Else its product's task took it in when it decided the line: nothing is left to do, and it is no duplicate.
    }

    private void decide(Record<byte[], byte[]> record, OrderCommand command) {
        if (aggregator.hasApplied(command)) {
            commands.dropDuplicate(OrderCommandRefused.Kind.of(command) + " " + command.eventId());
            return;
        }
        aggregator.decide(command, record.timestamp());
        promptCommits.decided(record.timestamp());
    }

    private void expire(Record<byte[], byte[]> record, PaymentDeadlinePassed proposal) {
        expiries.readBack(proposal.orderId());
        if (aggregator.expire(proposal, record.timestamp())) {
            promptCommits.decided(record.timestamp());
        }
    }
}
