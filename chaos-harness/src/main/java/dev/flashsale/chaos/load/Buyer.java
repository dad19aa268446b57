package dev.flashsale.chaos.load;

import dev.flashsale.chaos.load.SaleCounters.RetryCause;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A buyer as a careful client behaves: one Idempotency-Key for its order, the same request sent again after a
 * timeout, a connection failure, a 429 or a 5xx until a final answer (202, or a 4xx such as 409 sold out); then a
 * long-poll of the order until it is decided.
 */
final class Buyer {

    /**
     * Shorter than the API's publish timeout (5 s), so that a buyer sometimes gives up while its first attempt still
     * waits for Kafka and sends the twin the Idempotency-Key exists for.
     */
    static final Duration POST_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration LONG_POLL = Duration.ofSeconds(5);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

    private final ApiClient api;
    private final SaleCounters counters;
    private final Duration giveUpAfter;

    Buyer(ApiClient api, SaleCounters counters, Duration giveUpAfter) {
        this.api = api;
        this.counters = counters;
        this.giveUpAfter = giveUpAfter;
    }

    /** Places the order; {@code acknowledged} hears of the order ID as soon as the 202 arrives. */
    BuyerOutcome buy(SalePlan.BuyerPlan plan, String productId, java.util.function.Consumer<BuyerOutcome> acknowledged)
            throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        Answer answer = place(plan, productId, deadline);
        if (answer == null) {
            return new BuyerOutcome(plan, productId, 0, null, null, null);
        }
        if (answer.status() != 202) {
            if (answer.status() != 409) {
                counters.breach("POST /api/orders answered " + answer.status() + " to " + plan.subject() + ": "
                        + answer.body());
            }
            return new BuyerOutcome(plan, productId, answer.status(), null, null, null);
        }
        String orderId = answer.field("orderId");
        acknowledged.accept(new BuyerOutcome(plan, productId, 202, orderId, "PENDING", null));
        return follow(plan, productId, orderId, deadline);
    }

    /** The final answer to the order's POST, or null if none came before the deadline. */
    Answer place(SalePlan.BuyerPlan plan, String productId, long deadline) throws InterruptedException {
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            try {
                Answer answer = api.placeOrder(plan.subject(), plan.idempotencyKey(), productId, plan.quantity(),
                        POST_TIMEOUT);
                counters.answered(answer.status());
                if (answer.status() == 429) {
                    counters.retried(RetryCause.RATE_LIMITED);
                } else if (answer.status() == 503) {
                    if (answer.retryAfter() == null) {
                        counters.breach("503 without Retry-After: " + answer.body());
                    }
                    counters.retried(RetryCause.UNAVAILABLE_503);
                } else if (answer.isServerError()) {
                    counters.breach("POST /api/orders answered " + answer.status() + ": " + answer.body());
                    counters.retried(RetryCause.SERVER_ERROR);
                } else {
                    return answer;
                }
                pause(attempt++, answer.retryAfter());
            } catch (HttpConnectTimeoutException e) {
                counters.retried(RetryCause.CONNECTION);
                pause(attempt++, null);
            } catch (HttpTimeoutException e) {
                counters.retried(RetryCause.TIMEOUT);
                pause(attempt++, null);
            } catch (IOException e) {
                counters.retried(RetryCause.CONNECTION);
                pause(attempt++, null);
            }
        }
        return null;
    }

    private BuyerOutcome follow(SalePlan.BuyerPlan plan, String productId, String orderId, long deadline)
            throws InterruptedException {
        String status = "PENDING";
        String reason = null;
        int attempt = 0;
        while ("PENDING".equals(status) && System.nanoTime() < deadline) {
            try {
                Answer answer = api.order(plan.subject(), orderId, LONG_POLL);
                if (answer.status() == 200) {
                    status = answer.field("status");
                    reason = answer.field("reason");
                    attempt = 0;
                    continue;
                }
                if (answer.status() == 404) {
                    counters.breach("GET /api/orders/" + orderId + " answered 404 after its 202");
                } else if (answer.status() != 503) {
                    counters.breach("GET /api/orders/" + orderId + " answered " + answer.status() + ": "
                            + answer.body());
                }
                pause(attempt++, answer.retryAfter());
            } catch (IOException e) {
                pause(attempt++, null);
            }
        }
        return new BuyerOutcome(plan, productId, 202, orderId, status, reason);
    }

    /** Exponential from 100 ms with jitter, at most 2 s; Retry-After when given, also at most 2 s. */
    private static void pause(int attempt, Duration retryAfter) throws InterruptedException {
        long millis;
        if (retryAfter != null) {
            millis = Math.min(retryAfter.toMillis(), MAX_PAUSE.toMillis());
        } else {
            long base = Math.min(100L << Math.min(attempt, 5), MAX_PAUSE.toMillis());
            millis = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        }
        Thread.sleep(Math.max(millis, 50));
    }
}
