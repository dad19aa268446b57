package dev.flashsale.chaos.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * One round's sale, drawn from the seed: a few products with less stock than the demand for them and a short payment
 * window each, and buyers who each want 1 or 2 units of one product, arrive at a moment spread over the sale and, once
 * their order is accepted, pay for it, cancel it or let it expire.
 */
public record SalePlan(int round, List<Integer> stock, List<Duration> paymentWindows, List<BuyerPlan> buyers) {

    /** What a buyer does with its accepted order. */
    public enum AfterAccepted { PAY, CANCEL, LET_EXPIRE }

    /**
     * What a buyer wants and when it arrives, relative to the sale's start; then what it does once its order is
     * accepted, after hesitating for {@code hesitation}.
     */
    public record BuyerPlan(String subject, String idempotencyKey, int product, int quantity, Duration arrival,
            AfterAccepted then, Duration hesitation) {

        /** The same on every attempt, so that a payment sent again is recognised as this buyer's own. */
        public String paymentReference() {
            return "psp-" + subject;
        }
    }

    /**
     * Share of the demanded units that is in stock: a little less than the paying half of the buyers want, since the
     * units of cancelled and expired orders go back on sale. The sale sells out late, so orders still reach Kafka and
     * the processor while most faults hit, and the last buyers are refused.
     */
    private static final double STOCK_SHARE = 0.4;

    /**
     * Payment windows from 5 to 8 s: short enough that unpaid orders expire, and their units go back on sale, while
     * the sale and its faults go on; long enough that a payment usually makes it when no fault is in the way.
     */
    private static final int MIN_WINDOW_SECONDS = 5;
    private static final int MAX_WINDOW_SECONDS = 8;

    /** At most this long between seeing the order accepted and paying or cancelling: some payments race the expiry. */
    private static final Duration MAX_HESITATION = Duration.ofSeconds(3);

    /** How long a soak's wave of products is on sale: long enough to sell out late, short enough to come often. */
    public static final Duration WAVE = Duration.ofMinutes(5);

    public static SalePlan draw(Random random, int round, int buyerCount, int productCount, Duration sale) {
        return draw(random, round, "chaos-r" + round, buyerCount, productCount, sale);
    }

    /**
     * A soak's sale: buyers arriving at {@code rate} a second for {@code soak}, and {@code productsPerWave} products
     * for each {@link #WAVE} of it, drawn as one round's sale each. A wave's buyers ask for that wave's products only,
     * so each wave sells out late in it and refuses its last buyers: selling out and refusing go on all along rather
     * than ending in the first minutes. Buyers are named {@code chaos-w<wave>-b<index>}.
     */
    public static SalePlan inWaves(Random random, Duration soak, int rate, int productsPerWave) {
        List<Integer> stock = new ArrayList<>();
        List<Duration> windows = new ArrayList<>();
        List<BuyerPlan> buyers = new ArrayList<>();
        for (int wave = 0; WAVE.multipliedBy(wave).compareTo(soak) < 0; wave++) {
            Duration start = WAVE.multipliedBy(wave);
            Duration length = soak.minus(start).compareTo(WAVE) < 0 ? soak.minus(start) : WAVE;
            SalePlan one = draw(random, 1, "chaos-w" + (wave + 1), (int) (rate * length.toSeconds()),
                    productsPerWave, length);
            int firstProduct = stock.size();
            one.buyers().forEach(b -> buyers.add(new BuyerPlan(b.subject(), b.idempotencyKey(),
                    firstProduct + b.product(), b.quantity(), start.plus(b.arrival()), b.then(), b.hesitation())));
            stock.addAll(one.stock());
            windows.addAll(one.paymentWindows());
        }
        return new SalePlan(1, List.copyOf(stock), List.copyOf(windows), List.copyOf(buyers));
    }

    private static SalePlan draw(Random random, int round, String prefix, int buyerCount, int productCount,
            Duration sale) {
        List<BuyerPlan> buyers = new ArrayList<>();
        int[] demand = new int[productCount];
        for (int index = 0; index < buyerCount; index++) {
            int product = random.nextInt(productCount);
            int quantity = 1 + random.nextInt(2);
            demand[product] += quantity;
            String subject = prefix + "-b" + index;
            Duration arrival = Duration.ofMillis((long) (random.nextDouble() * sale.toMillis()));
            double choice = random.nextDouble();
            AfterAccepted then = choice < 0.5 ? AfterAccepted.PAY
                    : choice < 0.75 ? AfterAccepted.CANCEL : AfterAccepted.LET_EXPIRE;
            Duration hesitation = Duration.ofMillis((long) (random.nextDouble() * MAX_HESITATION.toMillis()));
            buyers.add(new BuyerPlan(subject, "k-" + subject, product, quantity, arrival, then, hesitation));
        }
        buyers.sort(Comparator.comparing(BuyerPlan::arrival));
        List<Integer> stock = new ArrayList<>();
        List<Duration> windows = new ArrayList<>();
        for (int units : demand) {
            stock.add(Math.max(1, (int) (units * STOCK_SHARE)));
            windows.add(Duration.ofSeconds(
                    MIN_WINDOW_SECONDS + random.nextInt(MAX_WINDOW_SECONDS - MIN_WINDOW_SECONDS + 1)));
        }
        return new SalePlan(round, List.copyOf(stock), List.copyOf(windows), List.copyOf(buyers));
    }
}
