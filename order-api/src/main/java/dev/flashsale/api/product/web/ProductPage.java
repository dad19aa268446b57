package dev.flashsale.api.product.web;

import java.util.List;

record ProductPage(List<ProductView> items, int page, int size, long totalItems, int totalPages) {
}
