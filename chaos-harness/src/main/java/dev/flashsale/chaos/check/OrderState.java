package dev.flashsale.chaos.check;

import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import java.util.Set;

/** An order's status and rejection reason, as the read model or the API shows it, or as the log decided it. */
public record OrderState(String status, String reason) {

    private static final Set<String> FINAL = Set.of("REJECTED", "PAID", "CANCELLED", "EXPIRED");

    public static OrderState of(OrderResult decision) {
        return decision instanceof OrderRejected rejected ? new OrderState("REJECTED", rejected.reason().name())
                : new OrderState("ACCEPTED", null);
    }

    /** REJECTED, PAID, CANCELLED or EXPIRED: nothing will change it any more. */
    public boolean isFinal() {
        return FINAL.contains(status);
    }

    @Override
    public String toString() {
        return reason == null ? status : status + "/" + reason;
    }
}
