package dev.flashsale.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What {@code bin/chaos} was asked to do.
 *
 * @param extraFaults faults per round beyond one of each kind, of kinds drawn at random
 * @param giveUpAfter how long a buyer keeps retrying and waiting before it counts as never answered
 * @param keep        keep the broker's, PostgreSQL's and the processors' data after a run without violations
 * @param brokers     Kafka nodes: 1, or 3 as in production (replication factor 3, min.insync.replicas 2)
 */
public record ChaosOptions(int rounds, long seed, int buyers, int products, Duration sale, int extraFaults,
        int concurrency, Duration giveUpAfter, Path workDirectory, boolean keep, int brokers) {

    static final String USAGE = """
            usage: bin/chaos [--rounds N] [--seed S] [--buyers B] [--products P] [--sale SECONDS]
                             [--extra-faults F] [--concurrency C] [--give-up SECONDS] [--work-dir DIR] [--keep]
                             [--brokers 1|3]

            Runs flash sales against the system as separate processes (broker, PostgreSQL, inventory processor,
            order API) on ports and in a directory of their own, injects faults at moments drawn from the seed, and
            checks the invariants after each round. Exits 1 if any was violated.

              --rounds N        sales, one after the other on the same system (default 1)
              --seed S          draws the sales and the fault schedules; printed at the start (default: random)
              --buyers B        buyers per round, each ordering 1 or 2 units of one product (default 400)
              --products P      products per round; stock is 4/5 of the units demanded (default 3)
              --sale SECONDS    the span over which buyers arrive; faults fall in its first 3/4 (default 90)
              --extra-faults F  faults per round beyond one of each kind (default 0)
              --concurrency C   buyers in flight at most (default 96)
              --give-up SECONDS how long a buyer retries and waits before it counts as never answered (default 180)
              --work-dir DIR    where runs keep their data and logs (default .local/chaos)
              --keep            keep the data of a run without violations (logs are always kept)
              --brokers N       Kafka nodes, 1 or 3; three as in production (replication factor 3, min ISR 2)
                                add the broker-loss faults (default: 3 with more than one round, else 1)
            """;

    private static final java.util.Set<String> VALUED = java.util.Set.of("--rounds", "--seed", "--buyers",
            "--products", "--sale", "--extra-faults", "--concurrency", "--give-up", "--work-dir", "--brokers");

    static ChaosOptions defaults(Path root) {
        return new ChaosOptions(1, ThreadLocalRandom.current().nextLong(1, 1_000_000), 400, 3, Duration.ofSeconds(90),
                0, 96, Duration.ofSeconds(180), root.resolve(".local/chaos"), false, 0);
    }

    static ChaosOptions parse(String[] args, Path root) {
        ChaosOptions options = defaults(root);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--keep")) {
                ChaosOptions o = options;
                options = new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale, o.extraFaults,
                        o.concurrency, o.giveUpAfter, o.workDirectory, true, o.brokers);
                continue;
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            ChaosOptions o = options;
            options = switch (name) {
                case "--rounds" -> new ChaosOptions(positive(name, value), o.seed, o.buyers, o.products, o.sale,
                        o.extraFaults, o.concurrency, o.giveUpAfter, o.workDirectory, o.keep, o.brokers);
                case "--seed" -> new ChaosOptions(o.rounds, number(name, value), o.buyers, o.products, o.sale,
                        o.extraFaults, o.concurrency, o.giveUpAfter, o.workDirectory, o.keep, o.brokers);
                case "--buyers" -> new ChaosOptions(o.rounds, o.seed, positive(name, value), o.products, o.sale,
                        o.extraFaults, o.concurrency, o.giveUpAfter, o.workDirectory, o.keep, o.brokers);
                case "--products" -> new ChaosOptions(o.rounds, o.seed, o.buyers, positive(name, value), o.sale,
                        o.extraFaults, o.concurrency, o.giveUpAfter, o.workDirectory, o.keep, o.brokers);
                case "--sale" -> new ChaosOptions(o.rounds, o.seed, o.buyers, o.products,
                        Duration.ofSeconds(positive(name, value)), o.extraFaults, o.concurrency, o.giveUpAfter,
                        o.workDirectory, o.keep, o.brokers);
                case "--extra-faults" -> new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale,
                        (int) nonNegative(name, value), o.concurrency, o.giveUpAfter, o.workDirectory, o.keep,
                        o.brokers);
                case "--concurrency" -> new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale,
                        o.extraFaults, positive(name, value), o.giveUpAfter, o.workDirectory, o.keep, o.brokers);
                case "--give-up" -> new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale,
                        o.extraFaults, o.concurrency, Duration.ofSeconds(positive(name, value)), o.workDirectory,
                        o.keep, o.brokers);
                case "--work-dir" -> new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale,
                        o.extraFaults, o.concurrency, o.giveUpAfter, Path.of(value).toAbsolutePath(), o.keep,
                        o.brokers);
                case "--brokers" -> new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale,
                        o.extraFaults, o.concurrency, o.giveUpAfter, o.workDirectory, o.keep, brokers(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            };
        }
        if (options.brokers == 0) {
            ChaosOptions o = options;
            options = new ChaosOptions(o.rounds, o.seed, o.buyers, o.products, o.sale, o.extraFaults, o.concurrency,
                    o.giveUpAfter, o.workDirectory, o.keep, o.rounds > 1 ? 3 : 1);
        }
        return options;
    }

    private static int brokers(String value) {
        if (!value.equals("1") && !value.equals("3")) {
            throw new IllegalArgumentException("--brokers must be 1 or 3, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static long nonNegative(String name, String value) {
        long number = number(name, value);
        if (number < 0 || number > 1000) {
            throw new IllegalArgumentException(name + " must be 0..1000, not " + value);
        }
        return number;
    }

    private static int positive(String name, String value) {
        long number = number(name, value);
        if (number < 1 || number > 100_000) {
            throw new IllegalArgumentException(name + " must be 1..100000, not " + value);
        }
        return (int) number;
    }

    /** The command line that repeats this run. */
    String reproduce() {
        return "bin/chaos --rounds " + rounds + " --seed " + seed + " --buyers " + buyers + " --products " + products
                + " --sale " + sale.toSeconds() + " --extra-faults " + extraFaults + " --brokers " + brokers;
    }

    /** The random stream of one purpose in one round: rounds differ, purposes never share draws. */
    java.util.Random random(int round, int purpose) {
        return new java.util.Random(seed * 1_000_003L + round * 31L + purpose);
    }
}
