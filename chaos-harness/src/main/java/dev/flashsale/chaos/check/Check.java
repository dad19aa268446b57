package dev.flashsale.chaos.check;

import java.util.List;

/**
 * One invariant as a round found it.
 *
 * @param figure     what was measured, for the table
 * @param violations how many times it was broken; anything above 0 fails the run
 * @param examples   a few of the offending orders or products, to start an investigation from
 * @param eventual   whether it may still pass later, as the log, the read model and the API catch up after the sale
 */
public record Check(String name, String figure, long violations, List<String> examples, boolean eventual) {

    public static Check of(String name, String figure, List<String> offenders) {
        return new Check(name, figure, offenders.size(), offenders.stream().limit(5).toList(), false);
    }

    /** A check that may fail only because the system has not caught up yet. */
    public static Check eventually(String name, String figure, List<String> offenders) {
        return new Check(name, figure, offenders.size(), offenders.stream().limit(5).toList(), true);
    }

    public static Check info(String name, String figure) {
        return new Check(name, figure, 0, List.of(), false);
    }
}
