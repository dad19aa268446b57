package dev.flashsale.chaos.load;

import dev.flashsale.chaos.load.SaleCounters.RetryCause;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A buyer as a careful client behaves: one Idempotency-Key for its order, the same request sent again after a
 * timeout, a connection failure, a 429 or a 5xx until a final answer (202, or a 4xx such as 409 sold out); then a
 * long-poll of the order until it is decided. An accepted order is then paid (the same payment reference on every
 * attempt), cancelled or left to expire, as planned, and followed until its status is final.
 */
final class Buyer {

    /**
     * Shorter than the API's publish timeout (5 s), so that a buyer sometimes gives up while its first attempt still
     * waits for Kafka and sends the twin the Idempotency-Key exists for.
     */
    static final Duration POST_TIMEOUT = Duration.ofSeconds(4);
    /** Longer than the API's wait for the aggregator's answer (10 s), after which it answers 202 itself. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LONG_POLL = Duration.ofSeconds(5);
    /** The long-poll only waits for PENDING to end; an accepted order is asked again after this. */
    private static final Duration POLL_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    private static final Set<String> DECIDED = Set.of("ACCEPTED", "REJECTED", "PAID", "CANCELLED", "EXPIRED");
    private static final Set<String> FINAL = Set.of("REJECTED", "PAID", "CANCELLED", "EXPIRED");

    private final ApiClient api;
    private final SaleCounters counters;
    private final Duration giveUpAfter;

    Buyer(ApiClient api, SaleCounters counters, Duration giveUpAfter) {
        this.api = api;
        this.counters = counters;
        this.giveUpAfter = giveUpAfter;
    }

    /** One HTTP exchange, which may fail without an answer. */
    private interface Call {
        Answer send() throws IOException, InterruptedException;
    }

    /** What the buyer saw of its order last. */
    private record Seen(String status, String reason) {
    }

    /** Places the order; {@code acknowledged} hears of the order ID as soon as the 202 arrives. */
    BuyerOutcome buy(SalePlan.BuyerPlan plan, String productId, java.util.function.Consumer<BuyerOutcome> acknowledged)
            throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        Answer answer = place(plan, productId, deadline, true);
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
        Seen seen = follow(plan, orderId, DECIDED, deadline);
        if (!"ACCEPTED".equals(seen.status())) {
            return new BuyerOutcome(plan, productId, 202, orderId, seen.status(), seen.reason());
        }
        String told = switch (plan.then()) {
            case PAY -> pay(plan, orderId, deadline);
            case CANCEL -> cancel(plan, orderId, deadline);
            case LET_EXPIRE -> null;
        };
        Seen last = follow(plan, orderId, FINAL, deadline);
        return new BuyerOutcome(plan, productId, 202, orderId, last.status(), last.reason(), told);
    }

    /** The final answer to the order's POST, or null if none came before the deadline. */
    Answer place(SalePlan.BuyerPlan plan, String productId, long deadline) throws InterruptedException {
        return place(plan, productId, deadline, false);
    }

    /** @param newKey whether no request with the plan's Idempotency-Key was sent yet: its first answer is recorded */
    private Answer place(SalePlan.BuyerPlan plan, String productId, long deadline, boolean newKey)
            throws InterruptedException {
        boolean[] first = { newKey };
        return untilFinal("POST /api/orders", () -> {
            boolean record = first[0];
            first[0] = false; // a later attempt may find the order this one placed after its answer was lost
            long sentAt = System.nanoTime();
            Answer answer = api.placeOrder(plan.subject(), plan.idempotencyKey(), productId, plan.quantity(),
                    POST_TIMEOUT);
            if (record) {
                counters.firstAttempt(new SaleCounters.FirstAttempt(plan.subject(), sentAt, System.nanoTime(),
                        answer.status()));
            }
            return answer;
        }, deadline);
    }

    /**
     * Pays the order's total with the plan's reference, the same on every attempt; returns the status the answer
     * named (PAID, or the status that refused it), or null for a 202 or no answer.
     */
    private String pay(SalePlan.BuyerPlan plan, String orderId, long deadline) throws InterruptedException {
        Thread.sleep(plan.hesitation().toMillis());
        long total = plan.quantity() * ApiClient.PRICE;
        String what = "POST /api/orders/" + orderId + "/payment";
        Answer answer = untilFinal(what, () -> api.pay(plan.subject(), orderId, total, plan.paymentReference(),
                COMMAND_TIMEOUT), deadline);
        String told = told(what, answer, Set.of("PAID", "EXPIRED"));
        if ("PAID".equals(told) && !plan.paymentReference().equals(answer.field("paymentReference"))) {
            counters.breach(what + " answered " + answer.status() + " PAID with paymentReference "
                    + answer.field("paymentReference") + ", not the buyer's " + plan.paymentReference());
        }
        return told;
    }

    /** Cancels the order; returns the status the answer named (CANCELLED, or EXPIRED), or null as for a payment. */
    private String cancel(SalePlan.BuyerPlan plan, String orderId, long deadline) throws InterruptedException {
        Thread.sleep(plan.hesitation().toMillis());
        String what = "POST /api/orders/" + orderId + "/cancel";
        Answer answer = untilFinal(what, () -> api.cancel(plan.subject(), orderId, COMMAND_TIMEOUT), deadline);
        return told(what, answer, Set.of("CANCELLED", "EXPIRED"));
    }

    /**
     * The status a command's final answer names: 200's status, 409's {@code currentStatus}; {@code expected} lists
     * the ones this buyer can legitimately be told (it alone acts on its order, and only on an accepted one).
     */
    private String told(String what, Answer answer, Set<String> expected) {
        if (answer == null || answer.status() == 202) {
            return null;
        }
        String told = switch (answer.status()) {
            case 200 -> answer.field("status");
            case 409 -> answer.field("currentStatus");
            default -> null;
        };
        if (told == null || !expected.contains(told)) {
            counters.breach(what + " answered " + answer.status() + ": " + answer.body());
        }
        return told;
    }

    /**
     * Sends a request again after a timeout, a connection failure, a 429 or a 5xx until any other answer, which it
     * returns; null if none came before the deadline. A 5xx but 503, and a 503 without Retry-After, break the
     * contract.
     */
    private Answer untilFinal(String what, Call call, long deadline) throws InterruptedException {
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            try {
                Answer answer = call.send();
                counters.answered(answer.status());
                if (answer.status() == 429) {
                    counters.retried(RetryCause.RATE_LIMITED);
                } else if (answer.status() == 503) {
                    if (answer.retryAfter() == null) {
                        counters.breach(what + ": 503 without Retry-After: " + answer.body());
                    }
                    counters.retried(RetryCause.UNAVAILABLE_503);
                } else if (answer.isServerError()) {
                    counters.breach(what + " answered " + answer.status() + ": " + answer.body());
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

    /** Asks for the order (a long-poll while it is PENDING) until its status is one of {@code until}. */
    private Seen follow(SalePlan.BuyerPlan plan, String orderId, Set<String> until, long deadline)
            throws InterruptedException {
        String status = "PENDING";
        String reason = null;
        int attempt = 0;
        while (!until.contains(status) && System.nanoTime() < deadline) {
            try {
                Answer answer = api.order(plan.subject(), orderId, LONG_POLL);
                if (answer.status() == 200) {
                    status = answer.field("status");
                    reason = answer.field("reason");
                    attempt = 0;
                    if (!"PENDING".equals(status) && !until.contains(status)) {
                        Thread.sleep(POLL_PAUSE.toMillis());
                    }
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
        return new Seen(status, reason);
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
