package dev.flashsale.api.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.OrderStatus;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DecisionWaitersTests {

    private static final Decision ACCEPTED = new Decision(OrderStatus.ACCEPTED, null, Instant.EPOCH);

    private final DecisionWaiters waiters = new DecisionWaiters(3);

    @Test
    void completesEveryWaiterOfTheOrderAndForgetsThem() {
        CompletableFuture<Decision> first = waiters.register("o-1");
        CompletableFuture<Decision> second = waiters.register("o-1");
        CompletableFuture<Decision> other = waiters.register("o-2");

        waiters.decided("o-1", ACCEPTED);

        assertThat(first).isCompletedWithValue(ACCEPTED);
        assertThat(second).isCompletedWithValue(ACCEPTED);
        assertThat(other).isNotDone();
        assertThat(waiters.waitingOrderIds()).containsExactly("o-2");
    }

    @Test
    void forgetsAWaiterThatStoppedWaiting() {
        CompletableFuture<Decision> waiter = waiters.register("o-1");

        waiter.cancel(false);

        assertThat(waiters.count()).isZero();
        assertThat(waiters.waitingOrderIds()).isEmpty();
    }

    @Test
    void refusesAWaiterPastTheBoundUntilOneIsDone() {
        CompletableFuture<Decision> first = waiters.register("o-1");
        waiters.register("o-2");
        waiters.register("o-2");

        assertThat(waiters.register("o-3")).isNull();
        assertThat(waiters.count()).isEqualTo(3);

        first.cancel(false);
        waiters.decided("o-2", ACCEPTED);

        assertThat(waiters.count()).isZero();
        assertThat(waiters.register("o-3")).isNotNull();
        assertThat(waiters.waitingOrderIds()).containsExactly("o-3");
    }

    @Test
    void decisionWithoutWaitersChangesNothing() {
        waiters.decided("o-9", ACCEPTED);

        assertThat(waiters.count()).isZero();
    }
}
