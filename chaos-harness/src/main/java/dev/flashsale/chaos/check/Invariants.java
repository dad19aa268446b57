package dev.flashsale.chaos.check;

import dev.flashsale.chaos.load.BuyerOutcome;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.UnitsReleased;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The promises of a flash sale, checked after a round against the log, the API and the read model: no unit oversold,
 * no acknowledged order lost or decided twice, every order brought to exactly one final status (REJECTED, PAID,
 * CANCELLED, EXPIRED), units given back exactly once and only by the orders that end without payment, stock conserved
 * (stock = accepted - released units + available, and accepted - released = units of PAID orders), what a buyer was
 * told about its payment or cancellation true in the log, the read model equal to the log.
 *
 * @param stock      each product's initial stock, as created
 * @param apiFinal   each acknowledged order as {@code GET /api/orders/{id}} shows it once the round has settled
 * @param readOrders the read model's rows of the acknowledged and the decided orders
 * @param readStock  the read model's {@code available} per product
 */
public record Invariants(Map<String, Integer> stock, List<BuyerOutcome> outcomes, LogSnapshot log,
        Map<String, OrderState> apiFinal, Map<String, OrderState> readOrders, Map<String, Integer> readStock,
        List<String> contractBreaches) {

    /** The final statuses that give the order's reserved units back. */
    private static final Set<String> RELEASING = Set.of("REJECTED", "CANCELLED", "EXPIRED");

    public List<Check> check() {
        List<Check> checks = new ArrayList<>();
        List<BuyerOutcome> acknowledged = outcomes.stream().filter(BuyerOutcome::acknowledged).toList();
        Set<String> acknowledgedIds = acknowledged.stream().map(BuyerOutcome::orderId).collect(Collectors.toSet());

        Set<String> orders = new TreeSet<>(acknowledgedIds);
        orders.addAll(log.decisions().keySet());

        List<String> oversold = new ArrayList<>();
        long sold = 0;
        long total = 0;
        for (Map.Entry<String, Integer> product : stock.entrySet()) {
            long units = log.acceptedUnits(product.getKey()) - log.releasedUnits(product.getKey());
            sold += units;
            total += product.getValue();
            if (units > product.getValue()) {
                oversold.add(product.getKey() + ": " + units + " sold of " + product.getValue());
            }
        }
        checks.add(Check.of("oversold (accepted - released units > stock)", sold + " of " + total + " units sold",
                oversold));

        List<String> lostInLog = acknowledged.stream().map(BuyerOutcome::orderId)
                .filter(id -> !log.decisions().containsKey(id)).toList();
        checks.add(Check.eventually("acknowledged, no decision in order-results (lost)",
                acknowledged.size() + " acknowledged", lostInLog));

        List<String> lostInApi = acknowledged.stream().map(BuyerOutcome::orderId)
                .filter(id -> apiFinal.get(id) == null || !apiFinal.get(id).isFinal())
                .map(id -> id + " is " + apiFinal.get(id)).toList();
        checks.add(Check.eventually("acknowledged, no final status from the API (lost)",
                apiFinal.values().stream().filter(OrderState::isFinal).count() + " final", lostInApi));

        List<String> apiDiffers = new ArrayList<>();
        for (BuyerOutcome outcome : acknowledged) {
            OrderState truth = log.status(outcome.orderId());
            if (truth == null) {
                continue;
            }
            OrderState finalState = apiFinal.get(outcome.orderId());
            OrderState polled = new OrderState(outcome.apiStatus(), outcome.apiReason());
            if (finalState != null && finalState.isFinal() && !finalState.equals(truth)
                    || polled.isFinal() && !polled.equals(truth)) {
                apiDiffers.add(outcome.orderId() + ": log " + truth + ", API " + finalState + ", buyer saw " + polled);
            }
        }
        checks.add(Check.eventually("API status differs from the log's", "buyer's last GET and final GET",
                apiDiffers));

        List<String> twice = log.decisions().entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " decided " + e.getValue().size() + " times: " + e.getValue().stream()
                        .map(OrderState::of).toList())
                .toList();
        checks.add(Check.of("order ID decided twice in order-results", log.decisions().size() + " decided", twice));

        List<String> notFinal = new ArrayList<>();
        List<String> finalTwice = new ArrayList<>();
        for (String order : orders) {
            List<OrderStatus> finals = log.changes().getOrDefault(order, List.of()).stream()
                    .map(OrderStatusChanged::status).filter(OrderStatus::isFinal).toList();
            if (finals.isEmpty()) {
                notFinal.add(order + " is " + log.status(order));
            } else if (finals.size() > 1) {
                finalTwice.add(order + ": " + finals);
            }
        }
        checks.add(Check.eventually("order without a final status in order-lifecycle", finalCounts(orders),
                notFinal));
        checks.add(Check.of("order with more than one final status in order-lifecycle",
                log.changes().size() + " orders with changes", finalTwice));

        List<String> unconserved = new ArrayList<>();
        List<String> unpaidSold = new ArrayList<>();
        for (Map.Entry<String, Integer> product : stock.entrySet()) {
            String id = product.getKey();
            StockLevel last = log.lastLevels().get(id);
            long accepted = log.acceptedUnits(id);
            long released = log.releasedUnits(id);
            if (last == null || accepted - released + last.available() != product.getValue()) {
                unconserved.add(id + ": stock " + product.getValue() + " != accepted " + accepted + " - released "
                        + released + " + available " + (last == null ? "(no stock level)" : last.available()));
            }
            long held = heldUnits(id);
            if (accepted - released != held) {
                unpaidSold.add(id + ": accepted " + accepted + " - released " + released + " != " + held
                        + " in PAID or still ACCEPTED orders");
            }
        }
        checks.add(Check.eventually("stock != accepted - released units + last stock level",
                stock.size() + " products", unconserved));
        checks.add(Check.eventually("accepted - released units != units of PAID (and ACCEPTED) orders",
                stock.size() + " products", unpaidSold));

        Map<String, Long> releaseCounts = log.releases().stream().collect(Collectors.groupingBy(
                released -> released.orderId().value() + " " + released.productId().value(), TreeMap::new,
                Collectors.counting()));
        List<String> releasedTwice = releaseCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " released " + e.getValue() + " times").toList();
        checks.add(Check.of("units released twice for one order and product", log.releases().size() + " releases",
                releasedTwice));

        checks.add(Check.eventually("released != reserved lines of REJECTED, CANCELLED, EXPIRED orders",
                "per order", wronglyReleased(orders)));

        List<String> toldOtherwise = new ArrayList<>();
        for (BuyerOutcome outcome : acknowledged) {
            if (outcome.told() == null || !new OrderState(outcome.told(), null).isFinal()) {
                continue;
            }
            OrderStatusChanged last = log.lastChange(outcome.orderId());
            String logStatus = last == null ? null : last.status().name();
            if (!outcome.told().equals(logStatus)) {
                toldOtherwise.add(outcome.orderId() + ": buyer told " + outcome.told() + ", log " + logStatus);
            } else if (last.status() == OrderStatus.PAID
                    && !outcome.plan().paymentReference().equals(last.paymentReference())) {
                toldOtherwise.add(outcome.orderId() + ": buyer told PAID with " + outcome.plan().paymentReference()
                        + ", log PAID with " + last.paymentReference());
            }
        }
        checks.add(Check.of("buyer told PAID/CANCELLED/EXPIRED, log says otherwise",
                acknowledged.stream().filter(o -> o.told() != null).count() + " told", toldOtherwise));

        List<String> readModelOrders = new ArrayList<>();
        for (String order : orders) {
            OrderState row = readOrders.get(order);
            OrderState truth = log.status(order);
            boolean known = acknowledgedIds.contains(order) || row != null;
            if (truth != null && known && !truth.equals(row)) {
                readModelOrders.add(order + ": log " + truth + ", read model " + row);
            }
        }
        checks.add(Check.eventually("read model order status != log", readOrders.size() + " rows",
                readModelOrders));

        List<String> readModelStock = new ArrayList<>();
        for (String product : stock.keySet()) {
            StockLevel last = log.lastLevels().get(product);
            Integer row = readStock.get(product);
            if (last == null || row == null || row != last.available()) {
                readModelStock.add(product + ": log " + (last == null ? null : last.available())
                        + ", read model " + row);
            }
        }
        checks.add(Check.eventually("read model available != last stock level", stock.size() + " products",
                readModelStock));

        List<String> unanswered = outcomes.stream().filter(BuyerOutcome::unanswered)
                .map(o -> o.plan().subject()).toList();
        checks.add(Check.of("buyers never answered (system did not recover)", outcomes.size() + " buyers",
                unanswered));

        checks.add(Check.of("contract breaches (5xx but 503, 404 after 202, key replay)",
                "distinct", contractBreaches));

        long ghosts = log.decisions().keySet().stream().filter(id -> !acknowledgedIds.contains(id)).count();
        checks.add(Check.info("decided but never acknowledged to a buyer", ghosts + " (allowed: no 202 was given)"));
        return checks;
    }

    /** Units of the product in orders the log shows PAID or still ACCEPTED: sold, or held until paid or expired. */
    private long heldUnits(String productId) {
        long units = 0;
        for (Map.Entry<String, List<OrderResult>> decided : log.decisions().entrySet()) {
            OrderState status = log.status(decided.getKey());
            if ("PAID".equals(status.status()) || "ACCEPTED".equals(status.status())) {
                units += reserved(decided.getKey()).getOrDefault(productId, 0);
            }
        }
        return units;
    }

    /**
     * The units the order reserved, by product: its decision if accepted. The first decision only, as for the units
     * sold: a buyer's order is one line, and a second decision is reported as such.
     */
    private Map<String, Integer> reserved(String orderId) {
        List<OrderResult> decided = log.decisions().get(orderId);
        return decided != null && decided.get(0) instanceof OrderAccepted accepted
                ? Map.of(accepted.productId().value(), accepted.quantity()) : Map.of();
    }

    /**
     * Orders whose releases are not what their final status requires: a REJECTED, CANCELLED or EXPIRED order gives
     * back exactly the lines it reserved, any other order gives back nothing.
     */
    private List<String> wronglyReleased(Set<String> orders) {
        Map<String, Map<String, Integer>> released = new TreeMap<>();
        for (UnitsReleased release : log.releases()) {
            released.computeIfAbsent(release.orderId().value(), id -> new TreeMap<>())
                    .merge(release.productId().value(), release.quantity(), Integer::sum);
        }
        Set<String> all = new TreeSet<>(orders);
        all.addAll(released.keySet());
        List<String> wrong = new ArrayList<>();
        for (String order : all) {
            OrderState status = log.status(order);
            Map<String, Integer> gaveBack = released.getOrDefault(order, Map.of());
            boolean releases = status != null && RELEASING.contains(status.status());
            Map<String, Integer> expected = releases ? reserved(order) : Map.of();
            if (!gaveBack.equals(expected)) {
                wrong.add(order + " (" + status + "): released " + gaveBack + ", expected " + expected);
            }
        }
        return wrong;
    }

    private String finalCounts(Set<String> orders) {
        Map<String, Long> byStatus = orders.stream().map(log::status).filter(s -> s != null)
                .collect(Collectors.groupingBy(OrderState::status, TreeMap::new, Collectors.counting()));
        return orders.size() + " orders: " + byStatus;
    }
}
