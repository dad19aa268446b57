package dev.flashsale.api.product.web;

record StockReplenishmentView(String productId, int delta) {
}
