package dev.flashsale.chaos.fault;

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
    CLOCK_BACK("the inventory processor's wall clock steps 10 minutes back, and forward into place after a while");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
