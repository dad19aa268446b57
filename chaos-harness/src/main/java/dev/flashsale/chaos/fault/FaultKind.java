package dev.flashsale.chaos.fault;

import java.util.Arrays;
import java.util.List;

/** The faults a round injects. */
public enum FaultKind {
    KILL_PROCESSOR("kill -9 the inventory processor, then start it again"),
    KILL_API("kill -9 the order API, then start it again"),
    RESTART_BROKER("stop the broker with SIGTERM, then start it on the same log directory"),
    REBALANCE("a second processor instance joins, and leaves a few seconds later"),
    RESTART_POSTGRES("stop PostgreSQL, then start it on the same data"),
    CUT_POSTGRES("PostgreSQL unreachable from the order API for a few seconds (connections reset, new ones refused)"),
    RESEND("acknowledged orders sent again with the same Idempotency-Key"),
    CLOCK_FORWARD("the inventory processor's wall clock steps 10 minutes forward, and back into place after a while"),
    CLOCK_BACK("the inventory processor's wall clock steps 10 minutes back, and forward into place after a while"),
    KILL_LEADER("kill -9 the broker leading the hot product's order-requests partition, then start it on the same log"
            + " directory", 3),
    KILL_COORDINATOR("kill -9 the broker coordinating the inventory processor's transactions, then start it on the"
            + " same log directory", 3),
    PAUSE_BROKERS("SIGSTOP a follower of the hot partition past replica.lag.time.max.ms (the ISR shrinks to min ISR),"
            + " then the other follower too (below min ISR: no order may be acknowledged), then SIGCONT both", 3),
    // The two partitions would mean as much with one broker, but the one-broker CI round has no time left for them.
    PARTITION_PROCESSOR("a second processor instance joins; the first is partitioned from every broker (blackholed)"
            + " past its session timeout, until the group has moved on without it, then healed; it must be fenced and"
            + " come back; the second leaves", 3),
    PARTITION_API("the order API partitioned from every broker (blackholed) for a few seconds while the harness sends"
            + " orders of its own (none may be acknowledged), then healed", 3);

    private final String description;
    private final int minimumBrokers;

    FaultKind(String description) {
        this(description, 1);
    }

    /** @param minimumBrokers the fewest brokers it means anything with: losing a leader needs another to take over */
    FaultKind(String description, int minimumBrokers) {
        this.description = description;
        this.minimumBrokers = minimumBrokers;
    }

    public String description() {
        return description;
    }

    /** The kinds a run with this many brokers injects. */
    public static List<FaultKind> forBrokers(int brokers) {
        return Arrays.stream(values()).filter(kind -> kind.minimumBrokers <= brokers).toList();
    }
}
