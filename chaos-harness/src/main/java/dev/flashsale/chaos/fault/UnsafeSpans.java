package dev.flashsale.chaos.fault;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The spans of a round in which fewer brokers could take a write than {@code min.insync.replicas} asks for, or the
 * order API could reach none: no order may be acknowledged with a request sent and answered inside one. Recorded by
 * the fault that causes them.
 */
public final class UnsafeSpans {

    /**
     * @param from {@link System#nanoTime()} once the brokers were unable to take a write
     * @param to   when the first of them was able to again
     */
    public record Span(long from, long to) {

        public boolean contains(long sentAt, long answeredAt) {
            return sentAt >= from && answeredAt <= to;
        }
    }

    private final Queue<Span> spans = new ConcurrentLinkedQueue<>();

    void add(Span span) {
        spans.add(span);
    }

    public List<Span> all() {
        return List.copyOf(spans);
    }
}
