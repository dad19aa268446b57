package dev.flashsale.api.order.status;

import dev.flashsale.api.order.OrderNotFoundException;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.queue.DecisionProgressView;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The status streams open on this instance: at most {@code flashsale.status-streams.max-open}, each given a heartbeat
 * every {@code flashsale.status-streams.heartbeat} by one scheduled task for all of them. A stream holds a connection
 * and a few objects, no thread; waking streams read and send on the application's task executor, never on the
 * listener thread that announced the change.
 */
@Component
@EnableConfigurationProperties(StatusStreamSettings.class)
public class StatusStreams implements MeterBinder, SmartLifecycle {

    private final Set<StatusStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final OrderService orders;
    private final Executor executor;
    private final int maxOpen;
    private final DecisionProgressView progress;
    /** Whether a pass over the streams for new progress is queued and not started yet: one at a time is enough. */
    private final AtomicBoolean progressQueued = new AtomicBoolean();
    private volatile boolean running;

    StatusStreams(OrderService orders, @Qualifier("applicationTaskExecutor") Executor executor,
            StatusStreamSettings settings, DecisionProgressView progress) {
        this.orders = orders;
        this.executor = executor;
        this.maxOpen = settings.maxOpen();
        this.progress = progress;
        progress.onProgress(this::progressed);
    }

    /** The processor moved on: pending streams send their new places in line, off the feed's thread. */
    private void progressed() {
        if (!open.isEmpty() && progressQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                progressQueued.set(false);
                open.forEach(StatusStream::progressed);
            });
        }
    }

    /**
     * A stream of the buyer's order: first what the client has not seen (with nothing seen, the order's status now),
     * then each change, until a final status.
     *
     * @param seen the status of the client's last event ({@code Last-Event-ID}), or null
     * @return empty if the client has the order's final status already: nothing more will come
     * @throws OrderNotFoundException   if the buyer has no such order
     * @throws TooManyStreamsException  if as many streams are open as may be
     */
    public Optional<SseEmitter> open(CustomerId buyer, String orderId, OrderStatus seen) {
        if (seen != null && seen.isFinal()) {
            requireOrder(buyer, orderId);
            return Optional.empty();
        }
        if (count.incrementAndGet() > maxOpen) {
            count.decrementAndGet();
            // Another buyer's order is as absent as when a stream would be free.
            requireOrder(buyer, orderId);
            throw new TooManyStreamsException(maxOpen);
        }
        StatusStream stream = new StatusStream(orders, buyer, orderId, seen, executor, this::closed, progress);
        open.add(stream);
        try {
            stream.catchUp();
        } catch (RuntimeException e) {
            closed(stream);
            throw e;
        }
        return Optional.of(stream.emitter());
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server waits for its requests to finish ({@code server.shutdown} is
     * graceful): an open stream would hold the shutdown for its whole timeout, and its client, reconnecting with
     * {@code Last-Event-ID} to another instance or after the restart, misses nothing. The default phase stops before
     * the web server's.
     */
    @Override
    public void stop() {
        running = false;
        open.forEach(StatusStream::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Scheduled(fixedDelayString = "${flashsale.status-streams.heartbeat}")
    void heartbeat() {
        open.forEach(StatusStream::heartbeat);
    }

    /** How many streams are open now. */
    int count() {
        return count.get();
    }

    /** {@code flashsale_status_streams_open}: bound by Boot when metrics are on. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("flashsale.status_streams.open", this, StatusStreams::count)
                .description("Status streams open (GET /api/orders/{id}/events)")
                .register(registry);
    }

    private void requireOrder(CustomerId buyer, String orderId) {
        orders.find(buyer, orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    private void closed(StatusStream stream) {
        if (open.remove(stream)) {
            count.decrementAndGet();
        }
    }
}
