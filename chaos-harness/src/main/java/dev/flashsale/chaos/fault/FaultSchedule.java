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
 * recovers while buyers are still arriving.
 */
public final class FaultSchedule {

    static final double WINDOW_SHARE = 0.75;

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
            Duration hold = Duration.ofMillis(2000 + random.nextInt(4000));
            faults.add(new PlannedFault(Duration.ofMillis(moments.get(i)), kinds.get(i), hold));
        }
        faults.sort(Comparator.comparing(PlannedFault::at));
        return List.copyOf(faults);
    }
}
