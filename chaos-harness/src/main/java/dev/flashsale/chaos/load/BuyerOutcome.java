package dev.flashsale.chaos.load;

/**
 * How one buyer's order ended, as the buyer saw it.
 *
 * @param orderId    set when the API answered 202
 * @param apiStatus  the order's last status the buyer saw: final ({@code REJECTED}, {@code PAID}, {@code CANCELLED},
 *                   {@code EXPIRED}), or {@code PENDING} or {@code ACCEPTED} if it gave up waiting; null unless
 *                   acknowledged
 * @param answer     the final HTTP status of the {@code POST}, or 0 if the buyer never got a final one
 * @param told       the status the answer to its payment or cancellation named: 200's {@code status} or 409's
 *                   {@code currentStatus}; null if it sent none or got no such answer (202: not decided in time)
 */
public record BuyerOutcome(SalePlan.BuyerPlan plan, String productId, int answer, String orderId, String apiStatus,
        String apiReason, String told) {

    public BuyerOutcome(SalePlan.BuyerPlan plan, String productId, int answer, String orderId, String apiStatus,
            String apiReason) {
        this(plan, productId, answer, orderId, apiStatus, apiReason, null);
    }

    public boolean acknowledged() {
        return orderId != null;
    }

    public boolean soldOut() {
        return answer == 409;
    }

    /** The sale was over for this buyer before any final answer: the system did not come back in time. */
    public boolean unanswered() {
        return answer == 0;
    }

    /** A 4xx other than 409 for a well-formed order: none of them should ever happen. */
    public boolean refused() {
        return answer >= 400 && answer != 409;
    }
}
