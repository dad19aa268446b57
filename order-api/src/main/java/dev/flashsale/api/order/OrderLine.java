package dev.flashsale.api.order;

import org.springframework.data.relational.core.mapping.Table;

@Table("order_lines")
public record OrderLine(String productId, int quantity) {
}
