package dev.flashsale.chaos;

import dev.flashsale.chaos.fault.FaultSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code bin/chaos} was asked to do.
 *
 * @param buyers      buyers per round; in a soak, all of them: {@code rate} times the soak's length
 * @param sale        how long buyers arrive in a round; in a soak, the soak's length ({@code --duration})
 * @param extraFaults faults per round beyond one of each kind, of kinds drawn at random
 * @param giveUpAfter how long a buyer keeps retrying and waiting before it counts as never answered
 * @param keep        keep the broker's, PostgreSQL's and the processors' data after a run without violations
 * @param brokers     Kafka nodes: 1, or 3 as in production (replication factor 3, min.insync.replicas 2)
 * @param rate        buyers a second of a soak ({@code --duration}): one long sale instead of rounds; 0 for rounds
 */
public record ChaosOptions(int rounds, long seed, int buyers, int products, Duration sale, int extraFaults,
        int concurrency, Duration giveUpAfter, Path workDirectory, boolean keep, int brokers, int rate) {

    static final String USAGE = """
            usage: bin/chaos [--rounds N] [--seed S] [--buyers B] [--products P] [--sale SECONDS]
                             [--extra-faults F] [--concurrency C] [--give-up SECONDS] [--work-dir DIR] [--keep]
                             [--brokers 1|3]
                   bin/chaos --duration <N>m|<N>s [--rate R] [--seed S] [--products P] [--concurrency C]
                             [--give-up SECONDS] [--work-dir DIR] [--keep] [--brokers 1|3]

            Runs flash sales against the system as separate processes (broker, PostgreSQL, inventory processor,
            order API) on ports and in a directory of their own, injects faults at moments drawn from the seed, and
            checks the invariants after each round. Exits 1 if any was violated, 2 on bad options.

              --rounds N        sales, one after the other on the same system (default 1)
              --seed S          draws the sales and the fault schedules; printed at the start (default: random)
              --buyers B        buyers per round, each ordering 1 or 2 units of one product (default 400)
              --products P      products per round, or per 5-minute wave of a soak; stock is 2/5 of the units
                                demanded (default 3)
              --sale SECONDS    the span over which buyers arrive; faults fall in its first 3/4 (default 90)
              --extra-faults F  faults per round beyond one of each kind (default 0)
              --concurrency C   buyers in flight at most (default 96; in a soak 60 x the rate, at least 96)
              --give-up SECONDS how long a buyer retries and waits before it counts as never answered (default 180)
              --work-dir DIR    where runs keep their data and logs (default .local/chaos)
              --keep            keep the data of a run without violations (logs are always kept)
              --brokers N       Kafka nodes, 1 or 3; three as in production (replication factor 3, min ISR 2)
                                add the broker-loss and partition faults (default: 3 with more than one
                                round or a soak, else 1)

            A soak is one long sale instead of rounds, checked once at its end:
              --duration D      its length, e.g. 60m or 600s (at least 90s, at most 24h); buyers arrive at a
                                steady rate all along, new products go on sale every 5 minutes, and one fault
                                falls every 90 s or so, cycling through every kind. --rounds, --sale, --buyers and
                                --extra-faults do not combine with it.
              --rate R          buyers arriving a second (default 8)
            """;

    private static final Set<String> VALUED = Set.of("--rounds", "--seed", "--buyers", "--products", "--sale",
            "--extra-faults", "--concurrency", "--give-up", "--work-dir", "--brokers", "--duration", "--rate");

    /** The options a soak sets itself, and why. */
    private static final List<Map.Entry<String, String>> NOT_IN_A_SOAK = List.of(
            Map.entry("--rounds", "a soak is one long sale"),
            Map.entry("--sale", "the soak's sale lasts --duration"),
            Map.entry("--buyers", "a soak's buyers arrive at --rate a second"),
            Map.entry("--extra-faults", "a soak's faults follow from its length, one every 90 s or so"));

    static final int DEFAULT_RATE = 8;
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([ms])");
    private static final Duration LONGEST_SOAK = Duration.ofHours(24);

    static ChaosOptions parse(String[] args, Path root) {
        Map<String, String> given = new HashMap<>();
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--keep")) {
                keep = true;
                continue;
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            given.put(name, args[++i]);
        }
        boolean soak = given.containsKey("--duration");
        if (soak) {
            for (Map.Entry<String, String> option : NOT_IN_A_SOAK) {
                if (given.containsKey(option.getKey())) {
                    throw new IllegalArgumentException(option.getKey() + " does not combine with --duration: "
                            + option.getValue());
                }
            }
        } else if (given.containsKey("--rate")) {
            throw new IllegalArgumentException("--rate is a soak's arrival rate: it needs --duration");
        }
        int rate = soak ? between(given, "--rate", DEFAULT_RATE, 1, 1000) : 0;
        Duration sale = soak ? duration(given.get("--duration"))
                : Duration.ofSeconds(between(given, "--sale", 90, 1, 100_000));
        int rounds = between(given, "--rounds", 1, 1, 100_000);
        int buyers = soak ? (int) (rate * sale.toSeconds()) : between(given, "--buyers", 400, 1, 100_000);
        // A soak's buyers keep arriving while a fault holds the others up: room for a minute of them.
        int concurrency = between(given, "--concurrency", soak ? Math.max(96, 60 * rate) : 96, 1, 100_000);
        int brokers = given.containsKey("--brokers") ? brokers(given.get("--brokers"))
                : rounds > 1 || soak ? 3 : 1;
        long seed = given.containsKey("--seed") ? number("--seed", given.get("--seed"))
                : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        Path workDirectory = given.containsKey("--work-dir") ? Path.of(given.get("--work-dir")).toAbsolutePath()
                : root.resolve(".local/chaos");
        return new ChaosOptions(rounds, seed, buyers, between(given, "--products", 3, 1, 100_000), sale,
                between(given, "--extra-faults", 0, 0, 1000), concurrency,
                Duration.ofSeconds(between(given, "--give-up", 180, 1, 100_000)), workDirectory, keep, brokers, rate);
    }

    /** Whether this run is one long sale with faults spread over it rather than rounds. */
    boolean soak() {
        return rate > 0;
    }

    private static Duration duration(String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--duration must be minutes or seconds, such as 60m or 600s, not '"
                    + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        if (duration.compareTo(FaultSchedule.SOAK_SLOT) < 0 || duration.compareTo(LONGEST_SOAK) > 0) {
            throw new IllegalArgumentException("--duration must be " + FaultSchedule.SOAK_SLOT.toSeconds()
                    + "s (one fault) to 24h, not " + value);
        }
        return duration;
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

    /** The option's value if given, within {@code min..max}; else {@code otherwise}. */
    private static int between(Map<String, String> given, String name, int otherwise, int min, int max) {
        if (!given.containsKey(name)) {
            return otherwise;
        }
        long number = number(name, given.get(name));
        if (number < min || number > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + number);
        }
        return (int) number;
    }

    /** The command line that repeats this run. */
    String reproduce() {
        if (soak()) {
            long seconds = sale.toSeconds();
            return "bin/chaos --duration " + (seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s") + " --rate "
                    + rate + " --seed " + seed + " --products " + products + " --brokers " + brokers;
        }
        return "bin/chaos --rounds " + rounds + " --seed " + seed + " --buyers " + buyers + " --products " + products
                + " --sale " + sale.toSeconds() + " --extra-faults " + extraFaults + " --brokers " + brokers;
    }

    /** The random stream of one purpose in one round: rounds differ, purposes never share draws. */
    Random random(int round, int purpose) {
        return new Random(seed * 1_000_003L + round * 31L + purpose);
    }
}
