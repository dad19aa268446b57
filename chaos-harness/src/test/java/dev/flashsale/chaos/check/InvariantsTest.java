package dev.flashsale.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.chaos.load.BuyerOutcome;
import dev.flashsale.chaos.load.SalePlan.BuyerPlan;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each invariant is broken on purpose in an otherwise consistent sale, and only that one reports it. */
class InvariantsTest {

    private static final Instant NOW = Instant.parse("2026-12-12T00:00:00Z");
    private static final String PRODUCT = "p-1";

    /** Stock 3: o-1 (2 units) and o-2 (1 unit) accepted, o-3 rejected; available 0. */
    private final Map<String, Integer> stock = Map.of(PRODUCT, 3);
    private final List<BuyerOutcome> outcomes = new ArrayList<>(List.of(
            acknowledged("o-1", 2, "ACCEPTED", null),
            acknowledged("o-2", 1, "ACCEPTED", null),
            acknowledged("o-3", 1, "REJECTED", "OUT_OF_STOCK"),
            new BuyerOutcome(plan("b-4", 1), PRODUCT, 409, null, null, null)));
    private final Map<String, List<OrderResult>> decisions = new HashMap<>(Map.of(
            "o-1", new ArrayList<>(List.of(accepted("o-1", 2))),
            "o-2", new ArrayList<>(List.of(accepted("o-2", 1))),
            "o-3", new ArrayList<>(List.of(rejected("o-3", 1)))));
    private final Map<String, StockLevel> levels = new HashMap<>(Map.of(PRODUCT, level(0, 3)));
    private final Map<String, OrderState> apiFinal = new HashMap<>(Map.of(
            "o-1", new OrderState("ACCEPTED", null),
            "o-2", new OrderState("ACCEPTED", null),
            "o-3", new OrderState("REJECTED", "OUT_OF_STOCK")));
    private final Map<String, OrderState> readOrders = new HashMap<>(apiFinal);
    private final Map<String, Integer> readStock = new HashMap<>(Map.of(PRODUCT, 0));
    private final List<String> breaches = new ArrayList<>();

    @Test
    void aConsistentSaleViolatesNothing() {
        assertThat(violated()).isEmpty();
    }

    @Test
    void findsOversoldUnits() {
        decisions.put("o-5", List.of(accepted("o-5", 1)));
        outcomes.add(acknowledged("o-5", 1, "ACCEPTED", null));
        apiFinal.put("o-5", new OrderState("ACCEPTED", null));
        readOrders.put("o-5", new OrderState("ACCEPTED", null));

        assertThat(violated()).containsOnlyKeys("oversold (units sold > stock)",
                "stock != accepted units + last stock level");
    }

    @Test
    void findsAnAcknowledgedOrderTheLogNeverDecided() {
        decisions.remove("o-2");
        levels.put(PRODUCT, level(1, 2));
        readStock.put(PRODUCT, 1);
        apiFinal.put("o-2", new OrderState("PENDING", null));
        readOrders.put("o-2", new OrderState("PENDING", null));

        assertThat(violated()).containsOnlyKeys("acknowledged, no decision in order-results (lost)",
                "acknowledged, no final status from the API (lost)");
    }

    @Test
    void findsAnOrderDecidedTwice() {
        decisions.get("o-3").add(accepted("o-3", 1));

        assertThat(violated()).containsOnlyKeys("order ID decided twice in order-results");
    }

    @Test
    void findsAnApiThatDisagreesWithTheLog() {
        apiFinal.put("o-3", new OrderState("ACCEPTED", null));

        assertThat(violated()).containsOnlyKeys("API status differs from the log's decision");
    }

    @Test
    void findsAReadModelBehindTheLog() {
        readOrders.put("o-1", new OrderState("PENDING", null));
        readStock.put(PRODUCT, 1);

        assertThat(violated()).containsOnlyKeys("read model order status != log",
                "read model available != last stock level");
    }

    @Test
    void findsBuyersNeverAnsweredAndContractBreaches() {
        outcomes.add(new BuyerOutcome(plan("b-6", 1), PRODUCT, 0, null, null, null));
        breaches.add("POST /api/orders answered 500");

        assertThat(violated()).containsOnlyKeys("buyers never answered (system did not recover)",
                "contract breaches (5xx but 503, 404 after 202, key replay)");
    }

    @Test
    void aDecisionNoBuyerWasToldOfIsNoViolation() {
        decisions.put("o-ghost", List.of(rejected("o-ghost", 1)));

        assertThat(violated()).isEmpty();
    }

    private Map<String, Long> violated() {
        Map<String, Long> violated = new HashMap<>();
        new Invariants(stock, outcomes, new LogSnapshot(decisions, levels), apiFinal, readOrders, readStock,
                breaches).check().stream().filter(check -> check.violations() > 0)
                .forEach(check -> violated.put(check.name(), check.violations()));
        return violated;
    }

    private static BuyerPlan plan(String subject, int quantity) {
        return new BuyerPlan(subject, "k-" + subject, 0, quantity, Duration.ZERO);
    }

    private static BuyerOutcome acknowledged(String orderId, int quantity, String status, String reason) {
        return new BuyerOutcome(plan("buyer-" + orderId, quantity), PRODUCT, 202, orderId, status, reason);
    }

    private static OrderAccepted accepted(String orderId, int quantity) {
        return new OrderAccepted(UUID.randomUUID(), new OrderId(orderId), new CustomerId("buyer-" + orderId),
                new ProductId(PRODUCT), quantity, NOW, NOW);
    }

    private static OrderRejected rejected(String orderId, int quantity) {
        return new OrderRejected(UUID.randomUUID(), new OrderId(orderId), new CustomerId("buyer-" + orderId),
                new ProductId(PRODUCT), quantity, RejectionReason.OUT_OF_STOCK, NOW, NOW);
    }

    private static StockLevel level(int available, long version) {
        return new StockLevel(new ProductId(PRODUCT), available, version, NOW);
    }
}
