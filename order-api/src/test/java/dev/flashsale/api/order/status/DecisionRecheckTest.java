package dev.flashsale.api.order.status;

import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.PostgresJdbcTest;
import dev.flashsale.events.OrderStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The recheck's query on the real PostgreSQL: decisions another instance consumed reach this one's waiters. */
@PostgresJdbcTest
class DecisionRecheckTest {

    private static final Instant PLACED_AT = Instant.parse("2025-11-26T21:26:00.000001Z");
    private static final Instant PAID_AT = PLACED_AT.plusSeconds(30);

    @Autowired
    JdbcClient jdbc;

    @Test
    void answersTheWaitersOfOrdersTheReadModelShowsDecidedAndLeavesPendingOnesWaiting() {
        String paid = uniqueId("o");
        String pending = uniqueId("o");
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, published, created_at, updated_at,
                                    payment_reference, paid_amount)
                VALUES (?, 'c-1', 'PAID', TRUE, ?, ?, 'pay-1', 1500), (?, 'c-1', 'PENDING', TRUE, ?, ?, NULL, NULL)
                """).params(paid, utc(PLACED_AT), utc(PAID_AT), pending, utc(PLACED_AT), utc(PLACED_AT)).update();
        DecisionWaiters waiters = new DecisionWaiters(10);
        var decided = waiters.register(paid);
        var waiting = waiters.register(pending);

        new DecisionRecheck(waiters, jdbc).recheck();

        assertThat(decided).isCompletedWithValue(
                new Decision(OrderStatus.PAID, null, PAID_AT, null, null, "pay-1", 1500L));
        assertThat(waiting).isNotDone();
    }

    private static Object utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
