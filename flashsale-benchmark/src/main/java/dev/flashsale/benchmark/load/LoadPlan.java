package dev.flashsale.benchmark.load;

import dev.flashsale.tokens.LocalTokens;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One load run: who buys what, against which system, in which load model. Gatling creates the simulation itself, by
 * class name and without arguments, so the plan reaches it through {@link #install}: one run at a time per JVM.
 *
 * @param label         the system and variant, as printed in the report
 * @param baseUrl       the system's base URL; {@code /api/orders} is appended
 * @param demand        which product each buyer orders
 * @param buyers        distinct buyers, each ordering one unit once
 * @param model         closed (a fixed number of buyers in flight) or open (a fixed arrival rate)
 * @param requests      what each buyer sends: an order read until final (a buyer), the order only, or one read of an
 *                      order placed earlier
 * @param reads         the orders read, one per buyer, for {@link Requests#READ_ONLY}; empty otherwise
 * @param customerPrefix prefix of the customer IDs, unique per run so that runs never share a customer
 * @param tokens        bearer tokens, when the system authenticates buyers
 * @param pollInterval  pause between two reads of an order that is still {@code PENDING}
 * @param finalTimeout  how long a buyer waits for a final status before it counts the order as without one
 */
public record LoadPlan(
        String label,
        String baseUrl,
        Demand demand,
        long buyers,
        LoadModel model,
        Requests requests,
        List<PlacedOrder> reads,
        String customerPrefix,
        Optional<LocalTokens> tokens,
        Duration pollInterval,
        Duration finalTimeout) {

    private static volatile Installed installed;

    public LoadPlan {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(requests, "requests");
        reads = List.copyOf(reads);
        if (buyers < 1) {
            throw new IllegalArgumentException("buyers must be positive but was " + buyers);
        }
        if (requests == Requests.READ_ONLY && reads.size() < buyers) {
            throw new IllegalArgumentException(buyers + " buyers but " + reads.size() + " orders to read");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * A buyer's plan: each buyer orders, then reads the order until it is final.
     *
     * @param requests {@link Requests#ORDER_AND_AWAIT}, or {@link Requests#ORDER_WAITING_AND_AWAIT} for a submission
     *                 that asks to wait for the decision, the fewest requests to a final status an API offers
     */
    public static LoadPlan buyers(String label, String baseUrl, Demand demand, long buyers, LoadModel model,
            Requests requests, String customerPrefix, Optional<LocalTokens> tokens, Duration pollInterval,
            Duration finalTimeout) {
        return new LoadPlan(label, baseUrl, demand, buyers, model, requests, List.of(), customerPrefix, tokens,
                pollInterval, finalTimeout);
    }

    /** What each virtual user sends. */
    public enum Requests {
        /** {@code POST /api/orders}, then long-polled reads until the order is final: a buyer. */
        ORDER_AND_AWAIT,
        /**
         * {@code POST /api/orders} with {@code Prefer: wait=10} (answered with the decided order where the API
         * supports it, ignored where it does not), then long-polled reads while it is still pending.
         */
        ORDER_WAITING_AND_AWAIT,
        /** {@code POST /api/orders} only: what taking an order costs, without the reads. */
        ORDER_ONLY,
        /** One long-polled {@code GET /api/orders/{id}} of an order placed earlier: what answering a read costs. */
        READ_ONLY
    }

    /** An order the system acknowledged, with its buyer (whose token may read it) and its product. */
    public record PlacedOrder(String orderId, String customerId, String productId) {
    }

    /** The load model of a run. */
    public sealed interface LoadModel permits Closed, Open {
    }

    /** {@code concurrency} buyers in flight; the next one starts when one has its final status. */
    public record Closed(int concurrency) implements LoadModel {
    }

    /**
     * Buyers arrive at {@code perSecond}, whatever the system answers; latency is measured from each buyer's intended
     * arrival time, so a stall shows in full instead of slowing the arrivals (coordinated omission).
     */
    public record Open(double perSecond) implements LoadModel {

        public Duration duration(long buyers) {
            return Duration.ofNanos((long) Math.ceil(buyers / perSecond * 1e9));
        }
    }

    static Installed installed() {
        Installed current = installed;
        if (current == null) {
            throw new IllegalStateException("no load plan installed: run the simulation through LoadRunner");
        }
        return current;
    }

    static void install(LoadPlan plan, LoadRecorder recorder) {
        installed = plan == null ? null : new Installed(plan, recorder);
    }

    record Installed(LoadPlan plan, LoadRecorder recorder) {
    }
}
