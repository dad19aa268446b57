package dev.flashsale.api.order.queue;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.events.DecisionProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * The processor's latest progress on every partition of the order requests, as this instance learnt it from
 * {@code flashsale.decision-progress} (every instance reads all of it), and the places in line it gives. Keeps the
 * highest offset seen per partition, so that a place it gives never goes up, whatever order the records come in.
 */
@Component
public class DecisionProgressView {

    /**
     * The processor publishes every interval (100 ms by default) while a partition has requests to decide: a progress
     * this old behind a pending request means it is not deciding them, and any wait estimated from it would be wrong.
     */
    static final Duration STALLED_AFTER = Duration.ofSeconds(5);

    private final Map<Integer, DecisionProgress> latest = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    DecisionProgressView(Clock clock) {
        this.clock = clock;
    }

    /** Takes in progress read from the topic, and tells the listeners if a partition moved on. */
    void apply(List<DecisionProgress> progress) {
        boolean moved = false;
        for (DecisionProgress next : progress) {
            DecisionProgress kept = latest.merge(next.partition(), next,
                    (current, candidate) -> candidate.nextOffset() > current.nextOffset() ? candidate : current);
            moved |= kept == next;
        }
        if (moved) {
            listeners.forEach(Runnable::run);
        }
    }

    /** The latest progress of a partition of the order requests; empty until the processor reported on it. */
    public Optional<DecisionProgress> of(int partition) {
        return Optional.ofNullable(latest.get(partition));
    }

    /** Told, on the feed's thread, after progress moved a partition on; must return quickly. */
    public void onProgress(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * The place in line of each of a pending order's lines whose request offset and partition progress are known;
     * none for an order that is not pending.
     */
    public List<LinePlace> placesOf(Order order) {
        if (!order.isPending()) {
            return List.of();
        }
        List<LinePlace> places = new ArrayList<>(order.lines().size());
        for (OrderLine line : order.lines()) {
            DecisionProgress progress = line.requested() == null ? null
                    : latest.get(line.requested().partition());
            if (progress != null) {
                long position = progress.undecidedUpTo(line.requested().offset());
                places.add(new LinePlace(line.productId().value(), position, estimatedWait(progress, position)));
            }
        }
        return places;
    }

    private Double estimatedWait(DecisionProgress progress, long position) {
        boolean stalled = progress.occurredAt().plus(STALLED_AFTER).isBefore(clock.instant());
        if (position == 0 || stalled || progress.decisionsPerSecond() <= 0) {
            return null;
        }
        // Tenths of a second: finer would only show the noise of the rate.
        return Math.ceil(position / progress.decisionsPerSecond() * 10) / 10;
    }
}
