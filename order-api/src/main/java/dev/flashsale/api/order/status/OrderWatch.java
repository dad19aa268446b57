package dev.flashsale.api.order.status;

import dev.flashsale.api.order.Order;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An order as it stands now, and the means to hear of its decision (or, when followed, its next change), with or
 * without holding a thread.
 */
public final class OrderWatch {

    private final Order current;
    private final CompletableFuture<Decision> decision;

    private OrderWatch(Order current, CompletableFuture<Decision> decision) {
        this.current = current;
        this.decision = decision;
    }

    /** An order that needs no waiting or may not wait: decided, read without a wait, or too many waiting. */
    public static OrderWatch settled(Order order) {
        return new OrderWatch(order, null);
    }

    public static OrderWatch pending(Order order, CompletableFuture<Decision> decision) {
        return new OrderWatch(order, decision);
    }

    public Order current() {
        return current;
    }

    /** False if the order was decided already: {@link #current()} is the answer. */
    public boolean isWaiting() {
        return decision != null;
    }

    /** Runs the action with the decided order, on the thread that learns of the decision. */
    public void whenDecided(Consumer<Order> action) {
        if (decision != null) {
            decision.thenAccept(verdict -> action.accept(current.decided(verdict)));
        }
    }

    /** Runs the action on the executor once the order changed; never if it cannot change or was cancelled. */
    public void whenChanged(Runnable action, Executor executor) {
        if (decision != null) {
            decision.thenRunAsync(action, executor);
        }
    }

    /**
     * Waits on the calling thread for the decision, at most {@code timeout}.
     *
     * @return the decided order; empty if it was not decided in time, or the order needs no waiting
     */
    public Optional<Order> awaitDecision(Duration timeout) throws InterruptedException {
        if (decision == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(current.decided(decision.get(timeout.toNanos(), TimeUnit.NANOSECONDS)));
        } catch (TimeoutException | CancellationException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for order " + current.orderId() + " failed", e.getCause());
        }
    }

    /** Stops waiting, such as when the request timed out or its client went away. */
    public void cancel() {
        if (decision != null) {
            decision.cancel(false);
        }
    }
}
