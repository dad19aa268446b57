package dev.flashsale.api.order.status;

import dev.flashsale.api.order.CommandOutcome;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A command sent to the order aggregator, and the means to hear its answer without holding a thread. */
public final class CommandWatch {

    private final UUID commandId;
    private final String orderId;
    private final CompletableFuture<CommandOutcome> outcome;

    public CommandWatch(UUID commandId, String orderId, CompletableFuture<CommandOutcome> outcome) {
        this.commandId = commandId;
        this.orderId = orderId;
        this.outcome = outcome;
    }

    public UUID commandId() {
        return commandId;
    }

    public String orderId() {
        return orderId;
    }

    /** Runs the action with the answer, on the thread that learns of it, once the read model has it. */
    public void whenAnswered(Consumer<CommandOutcome> action) {
        outcome.thenAccept(action);
    }

    /** Stops waiting, such as when the request timed out or its client went away. */
    public void cancel() {
        outcome.cancel(false);
    }
}
