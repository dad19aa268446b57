package dev.flashsale.benchmark.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * BASELINE, not flashsale: the lock-based checkout the old store proposed, for {@code bin/bench} to measure flashsale
 * against. The same {@code POST /api/orders} contract, answered synchronously by decrementing stock in PostgreSQL
 * (schema {@code bench_baseline}), under {@code /for-update} ({@code SELECT … FOR UPDATE}, then {@code UPDATE}) and
 * {@code /conditional} ({@code UPDATE … WHERE available >= ?}). Started by the bench as its own process.
 */
@SpringBootApplication
public class BaselineCheckoutApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaselineCheckoutApplication.class, args);
    }
}
