package dev.flashsale.benchmark.load;

import java.time.Duration;
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
        String customerPrefix,
        Optional<BuyerTokens> tokens,
        Duration pollInterval,
        Duration finalTimeout) {

    private static volatile Installed installed;

    public LoadPlan {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokens, "tokens");
        if (buyers < 1) {
            throw new IllegalArgumentException("buyers must be positive but was " + buyers);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
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
