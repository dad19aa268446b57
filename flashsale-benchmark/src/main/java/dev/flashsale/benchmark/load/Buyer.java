package dev.flashsale.benchmark.load;

import dev.flashsale.benchmark.load.LoadPlan.Open;
import io.gatling.javaapi.core.Session;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The session functions of one buyer: who they are, when they were meant to arrive, and what each answer means. A
 * {@code 409} is a rejection the API made without an order (sold out); any other non-2xx is not an order at all.
 */
final class Buyer {

    /** How long one read of a pending order may wait on the server for its decision, where it can wait. */
    static final String LONG_POLL = "10s";
    /** The submission's {@code Prefer} header when it asks to wait for the decision: as long as a long-poll. */
    static final String PREFER_WAIT = "wait=10";

    private static final String[] PER_BUYER = { "buyer", "orderId", "state", "code", "pollCode", "deadline",
            "backoff" };
    private static final long MAX_BACKOFF_MILLIS = 500;

    private final LoadPlan plan;
    private final LoadRecorder recorder;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MIN_VALUE);
    private final long intervalNanos;

    Buyer(LoadPlan plan, LoadRecorder recorder) {
        this.plan = plan;
        this.recorder = recorder;
        this.intervalNanos = plan.model() instanceof Open open ? Math.round(1e9 / open.perSecond()) : 0;
    }

    boolean more() {
        return next.get() < plan.buyers();
    }

    /** Closed model: the next buyer, or none when all have bought. */
    Session claim(Session session) {
        Session cleared = session.removeAll(PER_BUYER);
        long index = next.getAndIncrement();
        return index < plan.buyers() ? identify(cleared, index, System.nanoTime()) : cleared;
    }

    /**
     * Open model: this user is the next buyer, meant to arrive {@code index} intervals after the first; latency counts
     * from then, so a user that Gatling itself starts late still shows the delay.
     */
    Session arrive(Session session) {
        long now = System.nanoTime();
        firstArrival.compareAndSet(Long.MIN_VALUE, now);
        long index = next.getAndIncrement();
        long intended = Math.min(now, firstArrival.get() + index * intervalNanos);
        return identify(session, index, intended);
    }

    private Session identify(Session session, long index, long intendedNanos) {
        if (plan.requests() == LoadPlan.Requests.READ_ONLY) {
            LoadPlan.PlacedOrder order = plan.reads().get((int) index);
            return session.set("buyer", index)
                    .set("customer", order.customerId())
                    .set("product", order.productId())
                    .set("orderId", order.orderId())
                    .set("authorization", authorization(order.customerId()))
                    .set("intended", intendedNanos);
        }
        String customer = plan.customerPrefix() + index;
        String product = plan.demand().productFor(index);
        return session.set("buyer", index)
                .set("customer", customer)
                .set("product", product)
                .set("authorization", authorization(customer))
                .set("body", "{\"customerId\":\"" + customer + "\",\"items\":[{\"productId\":\"" + product
                        + "\",\"quantity\":1}]}")
                .set("intended", intendedNanos);
    }

    private String authorization(String customer) {
        return plan.tokens().map(tokens -> "Bearer " + tokens.buyer(customer)).orElse("");
    }

    Session beforeSubmit(Session session) {
        long now = System.nanoTime();
        recorder.sent(now);
        return session.set("sent", now);
    }

    Session afterSubmit(Session session) {
        long now = System.nanoTime();
        int code = session.contains("code") ? session.getInt("code") : 0;
        long intended = session.getLong("intended");
        recorder.answered(code, intended, session.getLong("sent"), now);
        String product = session.getString("product");
        if (code == 409) {
            recorder.decided(null, product, false, intended, now);
            return session;
        }
        if (code < 200 || code > 299 || !session.contains("orderId")) {
            return session;
        }
        String orderId = session.getString("orderId");
        recorder.acknowledged(orderId, product, session.getString("customer"));
        String state = session.contains("state") ? session.getString("state") : "PENDING";
        if (!"PENDING".equals(state)) {
            recorder.decided(orderId, product, "ACCEPTED".equals(state), intended, now);
            return session.set("state", state);
        }
        return session.set("state", "PENDING").set("deadline", now + plan.finalTimeout().toNanos())
                .set("backoff", plan.pollInterval().toMillis());
    }

    /**
     * The answer to the one read of a {@link LoadPlan.Requests#READ_ONLY} run: recorded as a request answered (its
     * latency from the intended send), and as a final status when it showed one.
     */
    Session afterRead(Session session) {
        long now = System.nanoTime();
        int code = session.contains("code") ? session.getInt("code") : 0;
        long intended = session.getLong("intended");
        recorder.answered(code, intended, session.getLong("sent"), now);
        String state = session.contains("state") ? session.getString("state") : "PENDING";
        if (code == 200 && !"PENDING".equals(state)) {
            recorder.decided(session.getString("orderId"), session.getString("product"), "ACCEPTED".equals(state),
                    intended, now);
        }
        return session;
    }

    boolean awaitingDecision(Session session) {
        return session.contains("state") && "PENDING".equals(session.getString("state"))
                && session.contains("deadline");
    }

    Session afterPoll(Session session) {
        long now = System.nanoTime();
        String state = session.contains("state") ? session.getString("state") : "PENDING";
        if (!"PENDING".equals(state)) {
            recorder.decided(session.getString("orderId"), session.getString("product"), "ACCEPTED".equals(state),
                    session.getLong("intended"), now);
            return session;
        }
        if (now > session.getLong("deadline")) {
            recorder.gaveUp(session.getString("orderId"), session.getString("customer"));
            return session.remove("deadline");
        }
        return session.set("backoff", Math.min(MAX_BACKOFF_MILLIS, session.getLong("backoff") * 2));
    }

    /**
     * The pause before the next read of a pending order: {@code pollInterval}, doubling up to half a second, so that
     * buyers of an API without long-polling do not flood it with reads.
     */
    java.time.Duration backoff(Session session) {
        return java.time.Duration.ofMillis(session.getLong("backoff"));
    }
}
