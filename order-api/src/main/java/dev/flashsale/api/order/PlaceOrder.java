package dev.flashsale.api.order;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A buyer's request to order, as the web layer has validated it.
 *
 * @param customerId     the authenticated buyer
 * @param idempotencyKey the client's retry key, or null
 */
public record PlaceOrder(CustomerId customerId, String idempotencyKey, List<Line> lines) {

    /** @throws DuplicateProductException if two lines name the same product: a cart has one line per product */
    public PlaceOrder {
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(lines);
        Map<ProductId, Integer> seen = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            Integer first = seen.putIfAbsent(lines.get(index).productId(), index);
            if (first != null) {
                throw new DuplicateProductException(index, first);
            }
        }
    }

    /**
     * SHA-256, in hex, of the request's canonical form: buyer and lines, by product ID. Two bodies that differ only in
     * whitespace, field order, the order of their lines or an omitted {@code customerId} (which defaults to the buyer)
     * ask for the same thing and have the same fingerprint; the key is not part of it. By product, not as sent,
     * because a rebuild of the read model finds a cart's lines in no particular order (they are on the partitions of
     * their products) and must compute the same fingerprint; for one line, the form is what it was before carts.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder("v1\n").append(customerId.value()).append('\n');
        List<Line> byProduct = lines.stream()
                .sorted(Comparator.comparing((Line line) -> line.productId().value()))
                .toList();
        for (Line line : byProduct) {
            canonical.append(line.productId().value()).append('\t').append(line.quantity()).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public record Line(ProductId productId, int quantity) {

        public Line {
            Objects.requireNonNull(productId, "productId");
        }
    }
}
