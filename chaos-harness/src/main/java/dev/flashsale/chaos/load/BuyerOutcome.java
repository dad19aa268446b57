package dev.flashsale.chaos.load;

/**
 * How one buyer's order ended, as the buyer saw it.
 *
 * @param orderId    set when the API answered 202
 * @param apiStatus  the order's status from the last long-poll ({@code ACCEPTED}, {@code REJECTED}, or {@code PENDING}
 *                   if the buyer gave up waiting); null unless acknowledged
 * @param answer     the final HTTP status of the {@code POST}, or 0 if the buyer never got a final one
 */
public record BuyerOutcome(SalePlan.BuyerPlan plan, String productId, int answer, String orderId, String apiStatus,
        String apiReason) {

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
