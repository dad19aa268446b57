package dev.flashsale.chaos.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which faults a round injects and when, drawn from the seed alone: the same seed gives the same kinds in the same
 * order at the same offsets from the sale's start. Every kind comes at least once, then {@code extra} more of kinds
 * drawn at random; the moments are drawn within the first {@value #WINDOW_SHARE} of the sale so that the system
 * recovers while buyers are still arriving. A soak's faults are {@linkplain #spread spread} over the whole of it.
 */
public final class FaultSchedule {

    static final double WINDOW_SHARE = 0.75;

    /**
     * The shortest share of a soak one fault gets: it falls in the first third, so at least a minute passes before the
     * next one, which covers a broker's kill and its replicas catching up on this machine when it is not overloaded.
     */
    public static final Duration SOAK_SLOT = Duration.ofSeconds(90);

    private FaultSchedule() {
    }

    public static List<PlannedFault> draw(Random random, Duration sale, int extra) {
        return draw(random, sale, extra, List.of(FaultKind.values()));
    }

    /** As {@link #draw(Random, Duration, int)}, of the given kinds only (those the run's brokers allow). */
    public static List<PlannedFault> draw(Random random, Duration sale, int extra, List<FaultKind> allowed) {
        List<FaultKind> kinds = new ArrayList<>(allowed);
        Collections.shuffle(kinds, random);
        for (int i = 0; i < extra; i++) {
            kinds.add(allowed.get(random.nextInt(allowed.size())));
        }
        long window = (long) (sale.toMillis() * WINDOW_SHARE);
        List<Long> moments = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            moments.add(1000 + (long) (random.nextDouble() * Math.max(1, window - 1000)));
        }
        Collections.sort(moments);
        List<PlannedFault> faults = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            faults.add(new PlannedFault(Duration.ofMillis(moments.get(i)), kinds.get(i), hold(random)));
        }
        faults.sort(Comparator.comparing(PlannedFault::at));
        return List.copyOf(faults);
    }

    /**
     * A soak's faults: the soak cut into as many equal slots of at least {@link #SOAK_SLOT} as fit, one fault in the
     * first third of each, so they are spread over the whole soak with two thirds of a slot to recover after each.
     * The kinds cycle through {@code allowed}, shuffled anew each cycle: every kind comes once before any comes twice.
     */
    public static List<PlannedFault> spread(Random random, Duration soak, List<FaultKind> allowed) {
        int count = (int) (soak.toMillis() / SOAK_SLOT.toMillis());
        long slot = soak.toMillis() / Math.max(1, count);
        List<FaultKind> kinds = new ArrayList<>();
        while (kinds.size() < count) {
            List<FaultKind> cycle = new ArrayList<>(allowed);
            Collections.shuffle(cycle, random);
            kinds.addAll(cycle);
        }
        List<PlannedFault> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long at = i * slot + 1000 + (long) (random.nextDouble() * (slot / 3 - 1000));
            faults.add(new PlannedFault(Duration.ofMillis(at), kinds.get(i), hold(random)));
        }
        return List.copyOf(faults);
    }

    /** How long a fault with a length of its own lasts: 2 to 6 s. */
    private static Duration hold(Random random) {
        return Duration.ofMillis(2000 + random.nextInt(4000));
    }
}
