package dev.flashsale.chaos.check;

import dev.flashsale.chaos.load.BuyerOutcome;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The promises of a flash sale, checked after a round against the log, the API and the read model: no unit oversold,
 * no acknowledged order lost or decided twice, stock conserved, the read model equal to the log.
 *
 * @param stock      each product's initial stock, as created
 * @param apiFinal   each acknowledged order as {@code GET /api/orders/{id}} shows it once the round has settled
 * @param readOrders the read model's rows of the acknowledged and the decided orders
 * @param readStock  the read model's {@code available} per product
 */
public record Invariants(Map<String, Integer> stock, List<BuyerOutcome> outcomes, LogSnapshot log,
        Map<String, OrderState> apiFinal, Map<String, OrderState> readOrders, Map<String, Integer> readStock,
        List<String> contractBreaches) {

    public List<Check> check() {
        List<Check> checks = new ArrayList<>();
        List<BuyerOutcome> acknowledged = outcomes.stream().filter(BuyerOutcome::acknowledged).toList();
        Set<String> acknowledgedIds = acknowledged.stream().map(BuyerOutcome::orderId).collect(Collectors.toSet());

        List<String> oversold = new ArrayList<>();
        long sold = 0;
        long total = 0;
        for (Map.Entry<String, Integer> product : stock.entrySet()) {
            long units = log.acceptedUnits(product.getKey());
            sold += units;
            total += product.getValue();
            if (units > product.getValue()) {
                oversold.add(product.getKey() + ": " + units + " sold of " + product.getValue());
            }
        }
        checks.add(Check.of("oversold (units sold > stock)", sold + " of " + total + " units sold", oversold));

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
            List<OrderResult> decided = log.decisions().get(outcome.orderId());
            if (decided == null) {
                continue;
            }
            OrderState truth = OrderState.of(decided.get(0));
            OrderState finalState = apiFinal.get(outcome.orderId());
            OrderState polled = new OrderState(outcome.apiStatus(), outcome.apiReason());
            if (finalState != null && finalState.isFinal() && !finalState.equals(truth)
                    || polled.isFinal() && !polled.equals(truth)) {
                apiDiffers.add(outcome.orderId() + ": log " + truth + ", API " + finalState + ", long-poll " + polled);
            }
        }
        checks.add(Check.eventually("API status differs from the log's decision", "long-poll and final GET",
                apiDiffers));

        List<String> twice = log.decisions().entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " decided " + e.getValue().size() + " times: " + e.getValue().stream()
                        .map(OrderState::of).toList())
                .toList();
        checks.add(Check.of("order ID decided twice in order-results", log.decisions().size() + " decided", twice));

        List<String> unconserved = new ArrayList<>();
        for (Map.Entry<String, Integer> product : stock.entrySet()) {
            StockLevel last = log.lastLevels().get(product.getKey());
            long accepted = log.acceptedUnits(product.getKey());
            if (last == null || accepted + last.available() != product.getValue()) {
                unconserved.add(product.getKey() + ": stock " + product.getValue() + " != accepted " + accepted
                        + " + available " + (last == null ? "(no stock level)" : last.available()));
            }
        }
        checks.add(Check.of("stock != accepted units + last stock level", stock.size() + " products", unconserved));

        List<String> readModelOrders = new ArrayList<>();
        for (Map.Entry<String, List<OrderResult>> decided : log.decisions().entrySet()) {
            OrderState row = readOrders.get(decided.getKey());
            OrderState truth = OrderState.of(decided.getValue().get(0));
            boolean known = acknowledgedIds.contains(decided.getKey()) || row != null;
            if (known && !truth.equals(row)) {
                readModelOrders.add(decided.getKey() + ": log " + truth + ", read model " + row);
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
}
