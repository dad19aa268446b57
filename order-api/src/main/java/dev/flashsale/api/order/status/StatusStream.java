package dev.flashsale.api.order.status;

import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.OrderWatch;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderStatus;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of one order's status. Holds no thread: between changes it is a waiter of the long-poll's
 * ({@link OrderService#follow}), woken by whoever learns of the change (this instance's lifecycle listener, or the
 * recheck of the read model for changes another instance consumed), and each wake reads the order again and sends
 * every status the client has not seen, so that changes that came together or were learnt late are all sent, in
 * order. Any failure ends the stream: the client reconnects with {@code Last-Event-ID} and misses nothing.
 */
final class StatusStream {

    static final String EVENT = "status";

    /** Streams end with their order's final status, or when a heartbeat finds the client gone. */
    private static final long NO_TIMEOUT = 0;

    private static final Logger log = LoggerFactory.getLogger(StatusStream.class);

    private final SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final OrderService orders;
    private final CustomerId buyer;
    private final String orderId;
    private final Executor executor;
    private final Consumer<StatusStream> onClose;

    /** The status of the last event the client has; read by the waiter when a change comes. */
    private volatile OrderStatus seen;
    private volatile OrderWatch watch;

    /**
     * @param seen    the status of the client's last event ({@code Last-Event-ID}), or null for a new client
     * @param onClose told once, when the stream has ended for whatever reason
     */
    StatusStream(OrderService orders, CustomerId buyer, String orderId, OrderStatus seen, Executor executor,
            Consumer<StatusStream> onClose) {
        this.orders = orders;
        this.buyer = buyer;
        this.orderId = orderId;
        this.seen = seen;
        this.executor = executor;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onError(failure -> close());
        emitter.onTimeout(this::close);
    }

    SseEmitter emitter() {
        return emitter;
    }

    /**
     * Sends what the client has not seen yet and listens for the next change; on the request's thread the first time,
     * so that an unknown order or another buyer's is answered 404 before the stream starts.
     *
     * @throws dev.flashsale.api.order.OrderNotFoundException if the buyer has no such order
     */
    void catchUp() {
        if (closed.get()) {
            return;
        }
        OrderWatch next = orders.follow(buyer, orderId, () -> seen);
        watch = next;
        if (closed.get()) {
            next.cancel();
            return;
        }
        for (StatusEvent event : StatusEvent.since(next.current(), seen)) {
            if (!send(SseEmitter.event().id(StatusEventId.of(event.status())).name(EVENT)
                    .data(event, MediaType.APPLICATION_JSON))) {
                return;
            }
            seen = event.status();
        }
        if (!next.isWaiting()) {
            end();
            return;
        }
        next.whenChanged(this::wake, executor);
    }

    /** An empty comment line: keeps the connection through idle-closing proxies and finds clients that left. */
    void heartbeat() {
        send(SseEmitter.event().comment(""));
    }

    private void wake() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.warn("Status stream of order {} ended: {}", orderId,
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
            end();
        }
    }

    /** False if the client is gone; the stream is closed then. */
    private boolean send(SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            // The container reports the failed write too; closing here stops this stream's work at once.
            close();
            return false;
        }
    }

    /** Ends the stream as after a final status; its client reconnects with Last-Event-ID if the order is not final. */
    void end() {
        emitter.complete();
        // Completed before Spring MVC took the emitter, it calls no callback: the first read found the order final.
        close();
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            OrderWatch current = watch;
            if (current != null) {
                current.cancel();
            }
            onClose.accept(this);
        }
    }
}
