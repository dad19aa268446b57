package dev.flashsale.api.order;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Requests waiting for the order aggregator's answer to their command, by command ID, as futures rather than
 * threads. Completed by whoever learns of the answer first: the lifecycle listener of this instance
 * ({@link OrderLifecycleProjection}) or {@link CommandRecheck}, for answers another instance consumed.
 */
@Component
class CommandWaiters implements MeterBinder {

    private final Map<UUID, CompletableFuture<CommandOutcome>> waiting = new ConcurrentHashMap<>();

    /** A future completed with the answer; cancelling it stops waiting and forgets it. */
    CompletableFuture<CommandOutcome> register(UUID commandId) {
        CompletableFuture<CommandOutcome> waiter = new CompletableFuture<>();
        waiting.put(commandId, waiter);
        waiter.whenComplete((outcome, failure) -> waiting.remove(commandId, waiter));
        return waiter;
    }

    /** Call it only once the answer is committed to the read model, which the waiting request reads next. */
    void answered(UUID commandId, CommandOutcome outcome) {
        CompletableFuture<CommandOutcome> waiter = waiting.remove(commandId);
        if (waiter != null) {
            waiter.complete(outcome);
        }
    }

    Set<UUID> waitingCommandIds() {
        return Set.copyOf(waiting.keySet());
    }

    int count() {
        return waiting.size();
    }

    /** {@code flashsale_command_waiting}: bound by Boot when metrics are on. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flashsale.command.waiting", this, CommandWaiters::count)
                .description("Payments and cancellations waiting for the order aggregator's answer")
                .register(registry);
    }
}
