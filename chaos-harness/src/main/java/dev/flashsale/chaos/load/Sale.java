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

/**
 * Runs a {@link SalePlan}: every buyer arrives at its moment (or later, when all workers are busy retrying) on a pool
 * of {@code concurrency} threads.
 */
public final class Sale {

    private final ApiClient api;
    private final SalePlan plan;
    private final List<String> productIds;
    private final SaleCounters counters = new SaleCounters();
    private final Buyer buyer;
    private final ExecutorService workers;
    private final Map<String, BuyerOutcome> acknowledged = new ConcurrentHashMap<>();
    private final List<Future<BuyerOutcome>> outcomes = new ArrayList<>();

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
        long start = System.nanoTime();
        for (SalePlan.BuyerPlan each : plan.buyers()) {
            outcomes.add(workers.submit(() -> {
                long wait = start + each.arrival().toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                return buyer.buy(each, productIds.get(each.product()),
                        outcome -> acknowledged.put(outcome.plan().subject(), outcome));
            }));
        }
        workers.shutdown();
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

    /** The product most units are asked of: its partition is the one whose loss hurts the sale most. */
    public String hotProduct() {
        int[] demand = new int[productIds.size()];
        plan.buyers().forEach(buyer -> demand[buyer.product()] += buyer.quantity());
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
