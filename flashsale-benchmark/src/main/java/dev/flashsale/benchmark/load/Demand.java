package dev.flashsale.benchmark.load;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which product each buyer orders: one product, or products ranked by popularity with Zipf-like weights
 * {@code 1/rank^exponent}, so that the first is hot and the tail is cold. Deterministic for a seed: buyer {@code i}
 * always picks the same product, so two systems under test see the same demand.
 */
public final class Demand {

    private final List<String> products;
    private final double[] cumulative;
    private final long seed;

    private Demand(List<String> products, double[] cumulative, long seed) {
        this.products = List.copyOf(products);
        this.cumulative = cumulative;
        this.seed = seed;
    }

    public static Demand single(String productId) {
        return new Demand(List.of(productId), new double[] { 1.0 }, 0);
    }

    public static Demand zipf(List<String> productsByRank, double exponent, long seed) {
        if (productsByRank.isEmpty()) {
            throw new IllegalArgumentException("no products");
        }
        double[] weights = weights(productsByRank.size(), exponent);
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        cumulative[cumulative.length - 1] = 1.0; // no buyer may fall past the last product by rounding
        return new Demand(productsByRank, cumulative, seed);
    }

    /** Normalised weights {@code 1/rank^exponent}, rank 1 first. */
    static double[] weights(int products, double exponent) {
        double[] weights = new double[products];
        double total = 0;
        for (int rank = 1; rank <= products; rank++) {
            weights[rank - 1] = 1.0 / Math.pow(rank, exponent);
            total += weights[rank - 1];
        }
        for (int i = 0; i < products; i++) {
            weights[i] /= total;
        }
        return weights;
    }

    public List<String> products() {
        return products;
    }

    public String productFor(long buyer) {
        if (products.size() == 1) {
            return products.get(0);
        }
        double u = new SplittableRandom(seed ^ (buyer * 0x9E3779B97F4A7C15L)).nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return products.get(low);
    }
}
