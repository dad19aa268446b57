package dev.flashsale.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.chaos.load.BuyerOutcome;
import dev.flashsale.chaos.load.SalePlan.AfterAccepted;
import dev.flashsale.chaos.load.SalePlan.BuyerPlan;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.ReleaseCause;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.UnitsReleased;
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

    /**
     * Stock 4: o-1 (2 units) paid, o-2 (1 unit) cancelled and o-3 (1 unit) expired, both released; o-4 rejected;
     * b-5 refused sold out. Available 2: the units of the cancelled and the expired order are back on sale.
     */
    private final Map<String, Integer> stock = Map.of(PRODUCT, 4);
    private final List<BuyerOutcome> outcomes = new ArrayList<>(List.of(
            acknowledged("o-1", 2, "PAID", null, "PAID"),
            acknowledged("o-2", 1, "CANCELLED", null, "CANCELLED"),
            acknowledged("o-3", 1, "EXPIRED", null, null),
            acknowledged("o-4", 1, "REJECTED", "OUT_OF_STOCK", null),
            new BuyerOutcome(plan("b-5", 1), PRODUCT, 409, null, null, null)));
    private final Map<String, List<OrderResult>> decisions = new HashMap<>(Map.of(
            "o-1", new ArrayList<>(List.of(accepted("o-1", 2))),
            "o-2", new ArrayList<>(List.of(accepted("o-2", 1))),
            "o-3", new ArrayList<>(List.of(accepted("o-3", 1))),
            "o-4", new ArrayList<>(List.of(rejected("o-4", 1)))));
    private final Map<String, List<OrderStatusChanged>> changes = new HashMap<>(Map.of(
            "o-1", new ArrayList<>(List.of(acceptedChange("o-1"), paid("o-1", 200, "psp-buyer-o-1"))),
            "o-2", new ArrayList<>(List.of(acceptedChange("o-2"), change("o-2", OrderStatus.CANCELLED))),
            "o-3", new ArrayList<>(List.of(acceptedChange("o-3"), change("o-3", OrderStatus.EXPIRED))),
            "o-4", new ArrayList<>(List.of(rejectedChange("o-4")))));
    private final List<UnitsReleased> releases = new ArrayList<>(List.of(
            released("o-2", 1, ReleaseCause.CANCELLED),
            released("o-3", 1, ReleaseCause.EXPIRED)));
    private final Map<String, StockLevel> levels = new HashMap<>(Map.of(PRODUCT, level(2, 7)));
    private final Map<String, OrderState> apiFinal = new HashMap<>(Map.of(
            "o-1", new OrderState("PAID", null),
            "o-2", new OrderState("CANCELLED", null),
            "o-3", new OrderState("EXPIRED", null),
            "o-4", new OrderState("REJECTED", "OUT_OF_STOCK")));
    private final Map<String, OrderState> readOrders = new HashMap<>(apiFinal);
    private final Map<String, Integer> readStock = new HashMap<>(Map.of(PRODUCT, 2));
    private final List<String> breaches = new ArrayList<>();

    @Test
    void aConsistentSaleViolatesNothing() {
        assertThat(violated()).isEmpty();
    }

    @Test
    void findsOversoldUnits() {
        decisions.put("o-5", List.of(accepted("o-5", 3)));
        changes.put("o-5", List.of(acceptedChange("o-5"), paid("o-5", 300, "psp-buyer-o-5")));
        outcomes.add(acknowledged("o-5", 3, "PAID", null, "PAID"));
        apiFinal.put("o-5", new OrderState("PAID", null));
        readOrders.put("o-5", new OrderState("PAID", null));

        assertThat(violated()).containsOnlyKeys("oversold (accepted - released units > stock)",
                "stock != accepted - released units + last stock level");
    }

    @Test
    void findsAnAcknowledgedOrderTheLogNeverDecided() {
        decisions.remove("o-3");
        changes.remove("o-3");
        releases.removeIf(released -> released.orderId().value().equals("o-3"));
        apiFinal.put("o-3", new OrderState("PENDING", null));
        readOrders.put("o-3", new OrderState("PENDING", null));

        assertThat(violated()).containsOnlyKeys("acknowledged, no decision in order-results (lost)",
                "acknowledged, no final status from the API (lost)",
                "order without a final status in order-lifecycle");
    }

    @Test
    void findsAnOrderDecidedTwice() {
        decisions.get("o-4").add(accepted("o-4", 1));

        assertThat(violated()).containsOnlyKeys("order ID decided twice in order-results");
    }

    @Test
    void findsAnOrderThatNeverReachedAFinalStatus() {
        changes.get("o-3").remove(1);
        releases.removeIf(released -> released.orderId().value().equals("o-3"));
        levels.put(PRODUCT, level(1, 6));
        readStock.put(PRODUCT, 1);
        outcomes.set(2, acknowledged("o-3", 1, "ACCEPTED", null, null));
        apiFinal.put("o-3", new OrderState("ACCEPTED", null));
        readOrders.put("o-3", new OrderState("ACCEPTED", null));

        assertThat(violated()).containsOnlyKeys("order without a final status in order-lifecycle",
                "acknowledged, no final status from the API (lost)");
    }

    @Test
    void findsAnOrderWithTwoFinalStatuses() {
        changes.get("o-1").add(1, change("o-1", OrderStatus.EXPIRED));

        assertThat(violated()).containsOnlyKeys("order with more than one final status in order-lifecycle");
    }

    @Test
    void findsUnitsReleasedTwice() {
        releases.add(released("o-2", 1, ReleaseCause.CANCELLED));

        assertThat(violated()).containsOnlyKeys("units released twice for one order and product",
                "released != reserved lines of REJECTED, CANCELLED, EXPIRED orders",
                "stock != accepted - released units + last stock level",
                "accepted - released units != units of PAID (and ACCEPTED) orders");
    }

    @Test
    void findsUnitsReleasedForAPaidOrderEvenWhenTheStockAddsUp() {
        releases.add(released("o-1", 2, ReleaseCause.EXPIRED));
        levels.put(PRODUCT, level(4, 8));
        readStock.put(PRODUCT, 4);

        assertThat(violated()).containsOnlyKeys("released != reserved lines of REJECTED, CANCELLED, EXPIRED orders",
                "accepted - released units != units of PAID (and ACCEPTED) orders");
    }

    @Test
    void findsAnExpiredOrderThatKeptItsUnits() {
        releases.removeIf(released -> released.orderId().value().equals("o-3"));
        levels.put(PRODUCT, level(1, 6));
        readStock.put(PRODUCT, 1);

        assertThat(violated()).containsOnlyKeys("released != reserved lines of REJECTED, CANCELLED, EXPIRED orders",
                "accepted - released units != units of PAID (and ACCEPTED) orders");
    }

    @Test
    void findsABuyerToldPaidWhoseOrderWasPaidWithAnotherReference() {
        changes.get("o-1").set(1, paid("o-1", 200, "psp-someone-else"));

        assertThat(violated()).containsOnlyKeys("buyer told PAID/CANCELLED/EXPIRED, log says otherwise");
    }

    @Test
    void findsABuyerToldCancelledWhoseOrderExpired() {
        changes.get("o-2").set(1, change("o-2", OrderStatus.EXPIRED));
        outcomes.set(1, acknowledged("o-2", 1, "EXPIRED", null, "CANCELLED"));
        apiFinal.put("o-2", new OrderState("EXPIRED", null));
        readOrders.put("o-2", new OrderState("EXPIRED", null));

        assertThat(violated()).containsOnlyKeys("buyer told PAID/CANCELLED/EXPIRED, log says otherwise");
    }

    @Test
    void findsAnApiThatDisagreesWithTheLog() {
        apiFinal.put("o-3", new OrderState("PAID", null));

        assertThat(violated()).containsOnlyKeys("API status differs from the log's");
    }

    @Test
    void findsAReadModelBehindTheLog() {
        readOrders.put("o-1", new OrderState("ACCEPTED", null));
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
        changes.put("o-ghost", List.of(rejectedChange("o-ghost")));

        assertThat(violated()).isEmpty();
    }

    private Map<String, Long> violated() {
        Map<String, Long> violated = new HashMap<>();
        new Invariants(stock, outcomes, new LogSnapshot(decisions, levels, changes, releases), apiFinal, readOrders,
                readStock, breaches).check().stream().filter(check -> check.violations() > 0)
                .forEach(check -> violated.put(check.name(), check.violations()));
        return violated;
    }

    private static BuyerPlan plan(String subject, int quantity) {
        return new BuyerPlan(subject, "k-" + subject, 0, quantity, Duration.ZERO, AfterAccepted.PAY, Duration.ZERO);
    }

    private static BuyerOutcome acknowledged(String orderId, int quantity, String status, String reason,
            String told) {
        return new BuyerOutcome(plan("buyer-" + orderId, quantity), PRODUCT, 202, orderId, status, reason, told);
    }

    private static OrderAccepted accepted(String orderId, int quantity) {
        return new OrderAccepted(UUID.randomUUID(), new OrderId(orderId), customer(orderId),
                new ProductId(PRODUCT), quantity, NOW, NOW);
    }

    private static OrderRejected rejected(String orderId, int quantity) {
        return new OrderRejected(UUID.randomUUID(), new OrderId(orderId), customer(orderId),
                new ProductId(PRODUCT), quantity, RejectionReason.OUT_OF_STOCK, NOW, NOW);
    }

    private static OrderStatusChanged acceptedChange(String orderId) {
        return OrderStatusChanged.accepted(new OrderId(orderId), customer(orderId), NOW, NOW.plusSeconds(5));
    }

    private static OrderStatusChanged rejectedChange(String orderId) {
        return OrderStatusChanged.rejected(new OrderId(orderId), customer(orderId), NOW, RejectionReason.OUT_OF_STOCK,
                new ProductId(PRODUCT));
    }

    private static OrderStatusChanged paid(String orderId, long amount, String reference) {
        return new OrderStatusChanged(UUID.randomUUID(), new OrderId(orderId), customer(orderId), OrderStatus.PAID,
                NOW, null, null, null, UUID.randomUUID(), reference, amount);
    }

    /** CANCELLED or EXPIRED. */
    private static OrderStatusChanged change(String orderId, OrderStatus status) {
        return new OrderStatusChanged(UUID.randomUUID(), new OrderId(orderId), customer(orderId), status, NOW, null,
                null, null, null, null, null);
    }

    private static UnitsReleased released(String orderId, int quantity, ReleaseCause cause) {
        return new UnitsReleased(UUID.randomUUID(), new OrderId(orderId), customer(orderId), new ProductId(PRODUCT),
                quantity, cause, NOW);
    }

    private static CustomerId customer(String orderId) {
        return new CustomerId("buyer-" + orderId);
    }

    private static StockLevel level(int available, long version) {
        return new StockLevel(new ProductId(PRODUCT), available, version, NOW);
    }
}
