package dev.flashsale.chaos.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * One round's sale, drawn from the seed: a few products with less stock than the demand for them, and buyers who each
 * want 1 or 2 units of one product and arrive at a moment spread over the sale.
 */
public record SalePlan(int round, List<Integer> stock, List<BuyerPlan> buyers) {

    /** What a buyer wants and when it arrives, relative to the sale's start. */
    public record BuyerPlan(String subject, String idempotencyKey, int product, int quantity, Duration arrival) {
    }

    /**
     * Share of the demanded units that is in stock: the sale sells out late, so orders still reach Kafka and the
     * processor while most faults hit, and the last buyers are refused.
     */
    private static final double STOCK_SHARE = 0.8;

    public static SalePlan draw(Random random, int round, int buyerCount, int productCount, Duration sale) {
        List<BuyerPlan> buyers = new ArrayList<>();
        int[] demand = new int[productCount];
        for (int index = 0; index < buyerCount; index++) {
            int product = random.nextInt(productCount);
            int quantity = 1 + random.nextInt(2);
            demand[product] += quantity;
            String subject = "chaos-r" + round + "-b" + index;
            buyers.add(new BuyerPlan(subject, "k-" + subject, product, quantity,
                    Duration.ofMillis((long) (random.nextDouble() * sale.toMillis()))));
        }
        buyers.sort(Comparator.comparing(BuyerPlan::arrival));
        List<Integer> stock = new ArrayList<>();
        for (int units : demand) {
            stock.add(Math.max(1, (int) (units * STOCK_SHARE)));
        }
        return new SalePlan(round, List.copyOf(stock), List.copyOf(buyers));
    }
}
