package dev.flashsale.chaos.check;

import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;

/** An order's status and rejection reason, as the read model or the API shows it, or as the log decided it. */
public record OrderState(String status, String reason) {

    public static OrderState of(OrderResult decision) {
        return decision instanceof OrderRejected rejected ? new OrderState("REJECTED", rejected.reason().name())
                : new OrderState("ACCEPTED", null);
    }

    public boolean isFinal() {
        return "ACCEPTED".equals(status) || "REJECTED".equals(status);
    }

    @Override
    public String toString() {
        return reason == null ? status : status + "/" + reason;
    }
}
