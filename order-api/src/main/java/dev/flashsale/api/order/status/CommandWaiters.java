package dev.flashsale.api.order.status;

import dev.flashsale.api.order.CommandOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Payments and cancellations waiting for the order aggregator's answer, by command ID. Completed by the lifecycle
 * listener of this instance ({@code OrderLifecycleProjection}) or {@link CommandRecheck}. Not bounded: a command
 * waits at most {@code flashsale.commands.answer-timeout}, and buyers send few of them.
 */
@Component
public class CommandWaiters extends Waiters<UUID, CommandOutcome> implements MeterBinder {

    public CommandWaiters() {
        super(Integer.MAX_VALUE);
    }

    /** {@code flashsale_command_waiting}: bound by Boot when metrics are on. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flashsale.command.waiting", this, CommandWaiters::count)
                .description("Payments and cancellations waiting for the order aggregator's answer")
                .register(registry);
    }
}
