package dev.flashsale.api.order;

public record OrderLine(String productId, int quantity) {
}
