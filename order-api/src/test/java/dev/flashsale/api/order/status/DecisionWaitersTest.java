package dev.flashsale.api.order.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DecisionWaitersTest {

    private static final Decision ACCEPTED = new Decision(OrderStatus.ACCEPTED, null, Instant.EPOCH);
    private static final Decision PAID = new Decision(OrderStatus.PAID, null, Instant.EPOCH);

    private final DecisionWaiters waiters = new DecisionWaiters(3);

    @Test
    void completesEveryWaiterOfTheOrderAndForgetsThem() {
        CompletableFuture<Decision> first = waiters.register("o-1");
        CompletableFuture<Decision> second = waiters.register("o-1");
        CompletableFuture<Decision> other = waiters.register("o-2");

        waiters.complete("o-1", ACCEPTED);

        assertThat(first).isCompletedWithValue(ACCEPTED);
        assertThat(second).isCompletedWithValue(ACCEPTED);
        assertThat(other).isNotDone();
        assertThat(waiters.keys()).containsExactly("o-2");
    }

    @Test
    void forgetsAWaiterThatStoppedWaiting() {
        CompletableFuture<Decision> waiter = waiters.register("o-1");

        waiter.cancel(false);

        assertThat(waiters.count()).isZero();
        assertThat(waiters.keys()).isEmpty();
    }

    @Test
    void refusesAWaiterPastTheBoundUntilOneIsDone() {
        CompletableFuture<Decision> first = waiters.register("o-1");
        waiters.register("o-2");
        waiters.register("o-2");

        assertThat(waiters.register("o-3")).isNull();
        assertThat(waiters.count()).isEqualTo(3);

        first.cancel(false);
        waiters.complete("o-2", ACCEPTED);

        assertThat(waiters.count()).isZero();
        assertThat(waiters.register("o-3")).isNotNull();
        assertThat(waiters.keys()).containsExactly("o-3");
    }

    @Test
    void recheckAnswersTheWaitersTheReadModelShowsDecidedAskingForAChunkAtATime() {
        Waiters<Integer, String> many = new Waiters<>(5_000);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int key = 0; key < 2_500; key++) {
            futures.add(many.register(key));
        }
        List<Integer> chunkSizes = new ArrayList<>();

        many.recheck(keys -> {
            chunkSizes.add(keys.size());
            return keys.stream().filter(key -> key % 2 == 0).collect(Collectors.toMap(key -> key, key -> "done"));
        });

        assertThat(chunkSizes).containsExactlyInAnyOrder(1_000, 1_000, 500);
        assertThat(futures.get(0)).isCompletedWithValue("done");
        assertThat(futures.get(1)).isNotDone();
        assertThat(many.count()).isEqualTo(1_250);
    }

    @Test
    void decisionWithoutWaitersChangesNothing() {
        waiters.complete("o-9", ACCEPTED);

        assertThat(waiters.count()).isZero();
    }

    @Test
    void followerIsWokenOnlyByAChangePastTheStatusItHasSeenWhenTheChangeComes() {
        AtomicReference<OrderStatus> seen = new AtomicReference<>();
        CompletableFuture<Decision> follower = waiters.followPast("o-1", seen::get);
        seen.set(OrderStatus.ACCEPTED);

        waiters.complete("o-1", ACCEPTED);

        assertThat(follower).isNotDone();
        assertThat(waiters.keys()).containsExactly("o-1");

        waiters.complete("o-1", PAID);

        assertThat(follower).isCompletedWithValue(PAID);
        assertThat(waiters.keys()).isEmpty();
    }

    @Test
    void followerWithNothingSeenIsWokenByAnyChange() {
        CompletableFuture<Decision> follower = waiters.followPast("o-1", () -> null);

        waiters.complete("o-1", ACCEPTED);

        assertThat(follower).isCompletedWithValue(ACCEPTED);
    }

    @Test
    void followersAreNotCountedAgainstTheBoundOfWaitingRequests() {
        for (int i = 0; i < 5; i++) {
            waiters.followPast("o-1", () -> null);
        }

        assertThat(waiters.count()).isZero();
        assertThat(waiters.register("o-2")).isNotNull();
    }

    @Test
    void recheckFindingTheStatusAFollowerHasSeenLeavesItWaiting() {
        CompletableFuture<Decision> follower = waiters.followPast("o-1", () -> OrderStatus.ACCEPTED);
        CompletableFuture<Decision> longPoll = waiters.register("o-1");

        waiters.recheck(keys -> Map.of("o-1", ACCEPTED));

        assertThat(longPoll).isCompletedWithValue(ACCEPTED);
        assertThat(follower).isNotDone();
        assertThat(waiters.keys()).containsExactly("o-1");
    }
}
