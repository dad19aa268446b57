package dev.flashsale.api.order;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A buyer's request to order, as the web layer has validated it.
 *
 * @param customerId     the authenticated buyer
 * @param idempotencyKey the client's retry key, or null
 */
public record PlaceOrder(CustomerId customerId, String idempotencyKey, List<Line> lines) {

    public PlaceOrder {
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(lines);
    }

    /**
     * SHA-256, in hex, of the request's canonical form: buyer and lines, in order. Two bodies that differ only in
     * whitespace, field order or an omitted {@code customerId} (which defaults to the buyer) ask for the same thing
     * and have the same fingerprint; the key is not part of it.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder("v1\n").append(customerId.value()).append('\n');
        for (Line line : lines) {
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
