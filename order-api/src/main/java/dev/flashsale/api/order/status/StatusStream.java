package dev.flashsale.api.order.status;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.queue.DecisionProgressView;
import dev.flashsale.api.order.queue.LinePlace;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    static final String POSITION = "position";

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
    private final DecisionProgressView progress;

    /** The status of the last event the client has; read by the waiter when a change comes. */
    private volatile OrderStatus seen;
    private volatile OrderWatch watch;
    /** The order while it is pending, for its place in line; null once it is not. */
    private volatile Order pending;
    /** The places in line the client has, by product; guarded by this. */
    private Map<String, Long> placesSent = Map.of();

    /**
     * @param seen    the status of the client's last event ({@code Last-Event-ID}), or null for a new client
     * @param onClose told once, when the stream has ended for whatever reason
     */
    StatusStream(OrderService orders, CustomerId buyer, String orderId, OrderStatus seen, Executor executor,
            Consumer<StatusStream> onClose, DecisionProgressView progress) {
        this.orders = orders;
        this.progress = progress;
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
        Order current = next.current();
        if (!current.isPending() && !decidedSent()) {
            return;
        }
        List<LinePlace> places = progress.placesOf(current);
        for (StatusEvent event : StatusEvent.since(current, seen, places)) {
            if (!sendStatus(event)) {
                return;
            }
            if (event.placeInLine() != null) {
                sent(event.placeInLine());
            }
            seen = event.status();
        }
        if (!next.isWaiting()) {
            pending = null;
            end();
            return;
        }
        pending = current.isPending() ? current : null;
        progressed();
        next.whenChanged(this::wake, executor);
    }

    /**
     * Sends a {@code position} event if the processor's progress moved one of the order's places in line forward
     * since the client's last; never a place further back than one sent.
     */
    void progressed() {
        if (pending == null || closed.get()) {
            return;
        }
        synchronized (this) {
            // Read again under the lock: the decision may have been sent meanwhile.
            Order order = pending;
            if (order == null) {
                return;
            }
            List<LinePlace> places = progress.placesOf(order);
            boolean forward = false;
            List<LinePlace> kept = new ArrayList<>(places.size());
            for (LinePlace place : places) {
                Long before = placesSent.get(place.productId());
                forward |= before == null || place.position() < before;
                kept.add(before == null || place.position() <= before ? place
                        : new LinePlace(place.productId(), before, place.estimatedWaitSeconds()));
            }
            if (forward && sendPlaces(kept)) {
                sent(kept);
            }
        }
    }

    /**
     * A client that was given places in line sees them reach 0 just before the decision, whether or not the
     * processor's progress came first. False if the client is gone.
     */
    private synchronized boolean decidedSent() {
        pending = null;
        if (placesSent.isEmpty() || placesSent.values().stream().allMatch(position -> position == 0)) {
            return true;
        }
        List<LinePlace> zeros = placesSent.keySet().stream().map(product -> new LinePlace(product, 0, null)).toList();
        if (!sendPlaces(zeros)) {
            return false;
        }
        sent(zeros);
        return true;
    }

    private boolean sendPlaces(List<LinePlace> places) {
        return send(SseEmitter.event().name(POSITION).data(new PlaceInLineEvent(orderId, places),
                MediaType.APPLICATION_JSON));
    }

    private synchronized void sent(List<LinePlace> places) {
        Map<String, Long> positions = new HashMap<>(placesSent);
        places.forEach(place -> positions.put(place.productId(), place.position()));
        placesSent = positions;
    }

    private boolean sendStatus(StatusEvent event) {
        return send(SseEmitter.event().id(StatusEventId.of(event.status())).name(EVENT)
                .data(event, MediaType.APPLICATION_JSON));
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
