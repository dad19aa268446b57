package dev.flashsale.chaos.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a {@link SalePlan}: every buyer arrives at its moment (or later, when all workers are busy retrying) on a pool
 * of {@code concurrency} threads.
 */
public final class Sale {

    /** Probe buyers are numbered across the run, so that no two share a key. */
    private static final AtomicInteger PROBES = new AtomicInteger();
    /** The hot product is the one most asked of by the buyers arriving this close to now. */
    private static final Duration HOT_SPAN = Duration.ofMinutes(1);

    private final ApiClient api;
    private final SalePlan plan;
    private final List<String> productIds;
    private final SaleCounters counters = new SaleCounters();
    private final Buyer buyer;
    private final ExecutorService workers;
    private final Map<String, BuyerOutcome> acknowledged = new ConcurrentHashMap<>();
    private final List<Future<BuyerOutcome>> outcomes = new ArrayList<>();
    private final AtomicInteger arrived = new AtomicInteger();
    private final LongAdder unitsPaid = new LongAdder();
    private volatile long start;

    /**
     * How far the sale has come: buyers arrived, orders acknowledged (202), units in orders their buyers saw PAID.
     */
    public record Progress(int arrived, int acknowledged, long unitsPaid) {
    }

    public Sale(ApiClient api, SalePlan plan, List<String> productIds, Duration giveUpAfter, int concurrency) {
        this.api = api;
        this.plan = plan;
        this.productIds = List.copyOf(productIds);
        this.buyer = new Buyer(api, counters, giveUpAfter);
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "buyer");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        start = System.nanoTime();
        for (SalePlan.BuyerPlan each : plan.buyers()) {
            outcomes.add(workers.submit(() -> {
                long wait = start + each.arrival().toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                arrived.incrementAndGet();
                BuyerOutcome outcome = buyer.buy(each, productIds.get(each.product()),
                        acknowledgement -> acknowledged.put(acknowledgement.plan().subject(), acknowledgement));
                if ("PAID".equals(outcome.apiStatus())) {
                    unitsPaid.add(each.quantity());
                }
                return outcome;
            }));
        }
        workers.shutdown();
    }

    public Progress progress() {
        return new Progress(arrived.get(), acknowledged.size(), unitsPaid.sum());
    }

    /** Every buyer's outcome, once each has a final one or gave up. */
    public List<BuyerOutcome> await() throws InterruptedException {
        List<BuyerOutcome> all = new ArrayList<>();
        for (Future<BuyerOutcome> outcome : outcomes) {
            try {
                all.add(outcome.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a buyer failed", e.getCause());
            }
        }
        return all;
    }

    /**
     * A client that did not hear its 202 (or doubts it) sends the very same request again: {@code count}
     * acknowledged orders, picked by {@code random}, are re-sent with their Idempotency-Key. Each must be answered
     * 202 with its original order ID. Returns how many were re-sent.
     */
    public int resendAcknowledged(Random random, int count, Duration giveUpAfter) throws InterruptedException {
        List<BuyerOutcome> candidates = new ArrayList<>(acknowledged.values());
        candidates.sort(Comparator.comparing(o -> o.plan().subject()));
        int sent = 0;
        for (int i = 0; i < count && !candidates.isEmpty(); i++) {
            BuyerOutcome original = candidates.remove(random.nextInt(candidates.size()));
            Answer again = buyer.place(original.plan(), original.productId(), System.nanoTime()
                    + giveUpAfter.toNanos());
            sent++;
            if (again == null) {
                counters.breach("re-sent order " + original.orderId() + " got no final answer");
            } else if (again.status() != 202 || !original.orderId().equals(again.field("orderId"))) {
                counters.breach("re-sent order " + original.orderId() + " with its Idempotency-Key answered "
                        + again.status() + " " + again.body());
            }
        }
        return sent;
    }

    /**
     * Sends {@code count} new orders of one unit of {@code productId} at once, each once with a key of its own, and
     * records every answer as a first attempt: while the brokers cannot take a write safely, each must be refused.
     * Their client timeout is longer than the API's publish timeout, so that they hear the API's answer; the buyers'
     * own first attempts, which give up sooner, rarely do. Returns how many got an answer.
     */
    public int probe(String productId, int count, Duration timeout) throws InterruptedException {
        List<Thread> probes = new ArrayList<>();
        AtomicInteger answered = new AtomicInteger();
        for (int index = 0; index < count; index++) {
            String subject = "chaos-r" + plan.round() + "-probe-" + PROBES.incrementAndGet();
            Thread probe = new Thread(() -> {
                long sentAt = System.nanoTime();
                try {
                    Answer answer = api.placeOrder(subject, "k-" + subject, productId, 1, timeout);
                    counters.firstAttempt(new SaleCounters.FirstAttempt(subject, sentAt, System.nanoTime(),
                            answer.status()));
                    if (answer.status() == 503 && answer.retryAfter() == null) {
                        counters.breach("POST /api/orders: 503 without Retry-After: " + answer.body());
                    }
                    answered.incrementAndGet();
                } catch (java.io.IOException e) {
                    // no answer in time: nothing to judge
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "probe");
            probe.start();
            probes.add(probe);
        }
        for (Thread probe : probes) {
            probe.join();
        }
        return answered.get();
    }

    /**
     * The product most units are asked of by the buyers arriving within {@link #HOT_SPAN} of now (in a round, nearly
     * all of them; in a soak, the current wave's), or by all once none arrives so close: its partition is the one
     * whose loss hurts the sale most now.
     */
    public String hotProduct() {
        Duration now = Duration.ofNanos(System.nanoTime() - start);
        List<SalePlan.BuyerPlan> near = plan.buyers().stream()
                .filter(buyer -> buyer.arrival().minus(now).abs().compareTo(HOT_SPAN) <= 0).toList();
        int[] demand = new int[productIds.size()];
        (near.isEmpty() ? plan.buyers() : near).forEach(buyer -> demand[buyer.product()] += buyer.quantity());
        int hottest = 0;
        for (int index = 1; index < demand.length; index++) {
            if (demand[index] > demand[hottest]) {
                hottest = index;
            }
        }
        return productIds.get(hottest);
    }

    public SaleCounters counters() {
        return counters;
    }

    public ApiClient api() {
        return api;
    }
}
