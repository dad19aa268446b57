package dev.flashsale.api.product;

import dev.flashsale.events.StockLevel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This instance's memory of every product's available units, for answering "sold out" without a round trip to the
 * inventory processor. Fed by every stock level the processor publishes (highest version wins, so replays and
 * reordering never move a product back) and, at start, by the read model. It may lag the processor: that costs, at
 * worst, a refused order for a product that was just restocked, or an order the processor rejects.
 */
@Component
class StockView {

    /** @param version the processor's {@code StockLevel.version}; 0 for stock no level has reported yet */
    record Level(int available, long version) {
    }

    private final Map<String, Level> levels = new ConcurrentHashMap<>();

    void apply(StockLevel level) {
        apply(level.productId().value(), level.available(), level.version());
    }

    /** Keeps the level with the higher version; on a tie, the one already known. */
    void apply(String productId, int available, long version) {
        levels.merge(productId, new Level(available, version),
                (known, candidate) -> candidate.version() > known.version() ? candidate : known);
    }

    /** True only for a product known to have no units left; an unknown product is left to the processor. */
    boolean isSoldOut(String productId) {
        Level level = levels.get(productId);
        return level != null && level.available() == 0;
    }

    void forget(String productId) {
        levels.remove(productId);
    }

    int size() {
        return levels.size();
    }
}
