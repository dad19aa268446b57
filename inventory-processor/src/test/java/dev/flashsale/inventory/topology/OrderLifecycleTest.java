package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.cancellation;
import static dev.flashsale.inventory.InventoryEvents.cartLine;
import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.payment;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static dev.flashsale.inventory.InventoryEvents.stockedWithLimitAndWindow;
import static dev.flashsale.inventory.InventoryEvents.stockedWithWindow;
import static dev.flashsale.inventory.InventoryEvents.windowSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.EventJson;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PaymentDeadlinePassed;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.ReleaseCause;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import dev.flashsale.inventory.InventoryEvents;
import dev.flashsale.inventory.InventorySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order aggregator on the whole topology: line results and buyers' commands in, the order's status out, and its
 * units back on the product side when the order is rejected, cancelled or expires.
 */
class OrderLifecycleTest {

    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    private static final Instant DECIDED_AT = InventoryTestDriver.DECIDED_AT;

    @TempDir
    Path stateDir;

    private InventoryTestDriver inventory;

    @BeforeEach
    void startDriver() {
        inventory = new InventoryTestDriver(settings());
    }

    @AfterEach
    void closeDriver() {
        inventory.close();
    }

    private InventorySettings settings() {
        return InventorySettings.defaults().withApplicationId("order-lifecycle-test").withStateDir(stateDir)
                .withPaymentWindow(DEFAULT_WINDOW);
    }

    @Test
    void acceptsACartWhenEveryLineIsReservedWithTheDeadlineOfItsShortestWindow() {
        inventory.adjust(stockedWithWindow("a", 5, Duration.ofMinutes(15)),
                stockedWithWindow("b", 5, Duration.ofMinutes(5)), stocked("c", 5));

        inventory.request(cartLine("a", "cart", "ann", 1, 3), cartLine("b", "cart", "ann", 2, 3));
        assertThat(inventory.lifecycle()).isEmpty();
        inventory.request(cartLine("c", "cart", "ann", 1, 3));

        assertThat(inventory.lifecycleRecords()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("cart");
            assertThat(record.value()).isInstanceOfSatisfying(OrderStatusChanged.class, accepted -> {
                assertThat(accepted.status()).isEqualTo(OrderStatus.ACCEPTED);
                assertThat(accepted.customerId()).isEqualTo(new CustomerId("ann"));
                assertThat(accepted.occurredAt()).isEqualTo(DECIDED_AT);
                assertThat(accepted.paymentDeadline()).isEqualTo(DECIDED_AT.plus(Duration.ofMinutes(5)));
                // The order's request time, so consumers can measure the time to the whole order's decision.
                assertThat(accepted.requestedAt()).isEqualTo(InventoryEvents.REQUESTED_AT);
            });
            assertThat(EventHeaders.get(record.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("OrderStatusChanged");
        });
        assertThat(inventory.deadlineKeys())
                .containsExactly(InventoryStores.deadlineKey(DECIDED_AT.plus(Duration.ofMinutes(5)), "cart"));
        assertThat(inventory.releases()).isEmpty();
        assertThat(inventory.counter(OrderLifecycleProcessor.METRICS_ENTITY,
                OrderAggregator.statusSensor(OrderStatus.ACCEPTED))).isEqualTo(1.0);
    }

    @Test
    void rejectsACartWithALineOutOfStockAndPutsTheOtherLinesBackOnSale() {
        inventory.adjust(stocked("a", 5), stocked("b", 0), stocked("c", 5));

        inventory.request(cartLine("a", "cart", "ann", 2, 3), cartLine("b", "cart", "ann", 1, 3),
                cartLine("c", "cart", "ann", 3, 3));
        inventory.publishStockLevels();

        assertThat(inventory.lifecycle()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                rejected -> {
                    assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
                    assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
                    assertThat(rejected.rejectedProductId()).isEqualTo(new ProductId("b"));
                    assertThat(rejected.requestedAt()).isEqualTo(InventoryEvents.REQUESTED_AT);
                });
        // "c" was reserved after the order was rejected: released as it arrived.
        assertThat(inventory.releaseRecords()).extracting(TestRecord::key).containsExactly("a", "c");
        assertThat(inventory.releases()).extracting(release -> release.productId().value(), UnitsReleased::quantity,
                        UnitsReleased::cause)
                .containsExactly(tuple("a", 2, ReleaseCause.ORDER_REJECTED), tuple("c", 3, ReleaseCause.ORDER_REJECTED));
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(inventory.available("b")).isZero();
        assertThat(inventory.available("c")).isEqualTo(5);
        assertThat(lastLevel("a")).isEqualTo(5);
        assertThat(lastLevel("c")).isEqualTo(5);
        assertThat(inventory.held("a", "ann")).isZero();
        assertThat(inventory.deadlineKeys()).isEmpty();
    }

    @Test
    void releasesEachLineExactlyOnceEvenWhenTheReleaseIsPublishedAgain() {
        inventory.adjust(stocked("a", 5), stocked("b", 0));
        inventory.request(cartLine("a", "cart", "ann", 2, 2), cartLine("b", "cart", "ann", 1, 2));
        List<UnitsReleased> releases = inventory.releases();

        releases.forEach(release -> inventory.request(release));
        inventory.publishStockLevels();

        assertThat(releases).hasSize(1);
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(inventory.levels()).filteredOn(level -> level.productId().value().equals("a"))
                .extracting(StockLevel::available, StockLevel::version).containsExactly(tuple(5, 1L), tuple(5, 3L));
    }

    @Test
    void cancelsAnAcceptedOrderAndFreesItsUnitsAndTheCustomersAllowance() {
        inventory.adjust(stockedWithLimitAndWindow("console", 3, 1, Duration.ofMinutes(5)));
        inventory.request(orderLine("console", "first", "ann", 1), orderLine("console", "second", "ann", 1));
        CancellationRequested cancel = cancellation("first", "ann");

        inventory.command(cancel);
        inventory.request(orderLine("console", "third", "ann", 1));

        assertThat(inventory.lifecycle("first")).extracting(event -> ((OrderStatusChanged) event).status(),
                        event -> ((OrderStatusChanged) event).commandId())
                .containsExactly(tuple(OrderStatus.ACCEPTED, null), tuple(OrderStatus.CANCELLED, cancel.eventId()));
        assertThat(inventory.statuses("second")).containsExactly(OrderStatus.REJECTED);
        assertThat(inventory.statuses("third")).containsExactly(OrderStatus.ACCEPTED);
        assertThat(inventory.releases()).singleElement()
                .satisfies(release -> assertThat(release.cause()).isEqualTo(ReleaseCause.CANCELLED));
        assertThat(inventory.available("console")).isEqualTo(2);
        assertThat(inventory.held("console", "ann")).isEqualTo(1);
        assertThat(inventory.deadlineKeys()).containsExactly(
                InventoryStores.deadlineKey(DECIDED_AT.plus(Duration.ofMinutes(5)), "third"));
    }

    @Test
    void cancelsAnOrderBeforeItsLineResultsAndReleasesTheLinesAsTheyArrive() {
        inventory.adjust(stocked("a", 5), stocked("b", 5));
        CancellationRequested cancel = cancellation("cart", "ann");

        inventory.command(cancel);
        inventory.request(cartLine("a", "cart", "ann", 1, 2), cartLine("b", "cart", "ann", 2, 2));

        assertThat(inventory.lifecycle()).singleElement().isInstanceOfSatisfying(OrderStatusChanged.class,
                cancelled -> {
                    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
                    assertThat(cancelled.commandId()).isEqualTo(cancel.eventId());
                });
        assertThat(inventory.releases()).extracting(release -> release.productId().value(), UnitsReleased::cause)
                .containsExactly(tuple("a", ReleaseCause.CANCELLED), tuple("b", ReleaseCause.CANCELLED));
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(inventory.available("b")).isEqualTo(5);
    }

    @Test
    void refusesToCancelAPaidOrder() {
        inventory.adjust(stocked("a", 5));
        inventory.request(orderLine("a", "order-1", "ann", 1));
        PaymentSubmitted pay = payment("order-1", "ann");
        CancellationRequested cancel = cancellation("order-1", "ann");

        inventory.command(pay, cancel);

        assertThat(inventory.lifecycle("order-1")).hasSize(3).element(1)
                .isInstanceOfSatisfying(OrderStatusChanged.class, paid -> {
                    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
                    assertThat(paid.commandId()).isEqualTo(pay.eventId());
                    assertThat(paid.paymentReference()).isEqualTo(pay.paymentReference());
                    assertThat(paid.amount()).isEqualTo(pay.amount());
                });
        assertThat(inventory.lifecycle("order-1").get(2)).isEqualTo(refusal(cancel, OrderStatus.PAID));
        assertThat(inventory.releases()).isEmpty();
        assertThat(inventory.available("a")).isEqualTo(4);
        assertThat(inventory.deadlineKeys()).isEmpty();
    }

    @Test
    void forgetsAnOrderTheRetentionAfterItIsOverAndNotBeforeEveryLineIsHeardOf() {
        Duration retention = settings().dedupeRetention();
        inventory.adjust(stocked("a", 5));
        inventory.request(orderLine("a", "paid", "ann", 1), orderLine("a", "unpaid", "bob", 1));
        inventory.command(payment("paid", "ann"), cancellation("early", "cid"));

        // Expired after ten minutes, so over ten minutes later than the paid one.
        inventory.advanceWallClock(DEFAULT_WINDOW);
        assertThat(inventory.statuses("unpaid")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
        inventory.advanceWallClock(retention.minus(DEFAULT_WINDOW).minusSeconds(1));
        assertThat(inventory.order("paid")).isNotNull();
        inventory.advanceWallClock(Duration.ofSeconds(1));
        assertThat(inventory.order("paid")).isNull();
        assertThat(inventory.order("unpaid")).isNotNull();
        inventory.advanceWallClock(DEFAULT_WINDOW);
        assertThat(inventory.order("unpaid")).isNull();

        // Cancelled before its line was decided: kept until that line comes and is released, however long it takes.
        assertThat(inventory.order("early")).isNotNull();
        inventory.request(orderLine("a", "early", "cid", 2));
        assertThat(inventory.releases()).filteredOn(release -> release.orderId().value().equals("early"))
                .singleElement().satisfies(release -> assertThat(release.quantity()).isEqualTo(2));
        inventory.advanceWallClock(retention);
        assertThat(inventory.order("early")).isNull();
        assertThat(inventory.counter(OrderLifecycleProcessor.METRICS_ENTITY, OrderLifecycleProcessor.FORGOTTEN))
                .isEqualTo(3.0);
    }

    @Test
    void forgetsOrdersByPurgeEntriesThatAreStillOnlyInTheStoreCache() {
        Duration retention = settings().dedupeRetention();
        inventory.adjust(stocked("a", 5));
        inventory.request(orderLine("a", "paid", "ann", 1), orderLine("a", "cancelled", "bob", 1));
        inventory.command(payment("paid", "ann"), cancellation("cancelled", "bob"));
        String paidPurge = InventoryStores.deadlineKey(DECIDED_AT.plus(retention), "paid");
        String cancelledPurge = InventoryStores.deadlineKey(DECIDED_AT.plus(retention), "cancelled");
        assertThat(inventory.keys(InventoryStores.ORDER_PURGES)).containsExactly(cancelledPurge, paidPurge);
        KeyValueStore<String, String> purges = inventory.store(InventoryStores.ORDER_PURGES);

        // Not committed yet when the check scans the index: a put and a delete only the cache knows of.
        purges.delete(paidPurge);
        purges.delete(cancelledPurge);
        purges.put(InventoryStores.deadlineKey(DECIDED_AT, "cancelled"), "cancelled");
        inventory.advanceWallClock(Duration.ofSeconds(1));

        assertThat(inventory.order("cancelled")).isNull();
        assertThat(inventory.order("paid")).isNotNull();
        inventory.advanceWallClock(retention);
        assertThat(inventory.order("paid")).isNotNull();
        assertThat(inventory.keys(InventoryStores.ORDER_PURGES)).isEmpty();
    }

    @Test
    void expiresEachUnpaidOrderOnceAtItsOwnDeadlineAndNeverAPaidOne() {
        inventory.adjust(stockedWithWindow("one", 5, Duration.ofMinutes(1)),
                stockedWithWindow("two", 5, Duration.ofMinutes(2)),
                stockedWithWindow("three", 5, Duration.ofMinutes(3)));
        inventory.request(orderLine("one", "first", "ann", 1), orderLine("two", "second", "bob", 1),
                orderLine("three", "third", "cid", 1));
        inventory.command(payment("second", "bob"));

        inventory.advanceWallClock(Duration.ofSeconds(61));
        assertThat(inventory.deadlineKeys()).containsExactly(
                InventoryStores.deadlineKey(DECIDED_AT.plus(Duration.ofMinutes(3)), "third"));
        inventory.advanceWallClock(Duration.ofSeconds(60));
        inventory.advanceWallClock(Duration.ofSeconds(60));

        assertThat(inventory.statuses("first")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
        assertThat(inventory.statuses("second")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(inventory.statuses("third")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
        assertThat(inventory.releases()).extracting(release -> release.orderId().value())
                .containsExactly("first", "third");
        assertThat(inventory.deadlineKeys()).isEmpty();
    }

    @Test
    void refusesASecondPaymentOfAPaidOrder() {
        inventory.adjust(stocked("a", 5));
        inventory.request(orderLine("a", "order-1", "ann", 1));
        PaymentSubmitted second = payment("order-1", "ann");

        inventory.command(payment("order-1", "ann"), second);

        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(inventory.lifecycle("order-1")).last().isEqualTo(refusal(second, OrderStatus.PAID));
    }

    @Test
    void refusesToPayARejectedOrderOrOneNotDecidedYet() {
        inventory.adjust(stocked("a", 0));
        inventory.request(orderLine("a", "rejected", "ann", 1));
        PaymentSubmitted payRejected = payment("rejected", "ann");
        PaymentSubmitted payUnknown = payment("unheard-of", "ann");

        inventory.command(payRejected, payUnknown);

        assertThat(inventory.lifecycle("rejected")).last().isEqualTo(refusal(payRejected, OrderStatus.REJECTED));
        assertThat(inventory.lifecycle("unheard-of")).containsExactly(refusal(payUnknown, OrderStatus.PENDING));
        assertThat(inventory.order("unheard-of")).isNull();
        assertThat(inventory.counter(OrderLifecycleProcessor.METRICS_ENTITY, OrderLifecycleProcessor.REFUSED))
                .isEqualTo(2.0);
    }

    @Test
    void expiresAnUnpaidOrderAtItsDeadlineOnTheWallClockAndFreesTheAllowance() {
        inventory.adjust(stockedWithLimitAndWindow("a", 5, 1, Duration.ofMinutes(1)));
        inventory.request(orderLine("a", "order-1", "ann", 1));

        inventory.advanceWallClock(Duration.ofSeconds(59));
        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED);
        inventory.advanceWallClock(Duration.ofSeconds(1));

        assertThat(inventory.lifecycle("order-1")).last().isInstanceOfSatisfying(OrderStatusChanged.class,
                expired -> {
                    assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
                    assertThat(expired.occurredAt()).isEqualTo(DECIDED_AT.plus(Duration.ofMinutes(1)));
                });
        assertThat(inventory.releases()).singleElement()
                .satisfies(release -> assertThat(release.cause()).isEqualTo(ReleaseCause.EXPIRED));
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(inventory.held("a", "ann")).isZero();
        assertThat(inventory.deadlineKeys()).isEmpty();

        inventory.request(orderLine("a", "order-2", "ann", 1));
        assertThat(inventory.statuses("order-2")).containsExactly(OrderStatus.ACCEPTED);
        assertThat(inventory.counter(OrderLifecycleProcessor.METRICS_ENTITY, OrderLifecycleProcessor.RELEASED))
                .isEqualTo(1.0);
    }

    @Test
    void expiresAnOverdueOrderWhenItsProposalComesBackThroughTheOrderCommands() {
        acceptTwoUnitsWithAOneMinuteWindow();

        inventory.advanceWallClock(Duration.ofMinutes(1));

        Instant deadline = DECIDED_AT.plus(Duration.ofMinutes(1));
        assertThat(inventory.writtenCommands()).singleElement().satisfies(written -> {
            assertThat(written.key()).isEqualTo("order-1");
            assertThat(written.value()).isEqualTo(PaymentDeadlinePassed.of(new OrderId("order-1"), deadline,
                    deadline));
        });
        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
        assertThat(inventory.releases()).singleElement().satisfies(release -> assertThat(release.eventId())
                .isEqualTo(OrderProgress.releaseId(new OrderId("order-1"), new ProductId("a"))));
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(inventory.counter(OrderLifecycleProcessor.METRICS_ENTITY, OrderLifecycleProcessor.EXPIRY_PROPOSED))
                .isEqualTo(1.0);
    }

    @Test
    void keepsAnOrderPaidWhenAProposalToExpireItComesAfterThePayment() {
        // As an instance that lost the partition writes it from its stale state once it is back.
        acceptTwoUnitsWithAOneMinuteWindow();
        inventory.command(payment("order-1", "ann"));
        inventory.advanceWallClock(Duration.ofMinutes(2));

        inventory.command(overdue("order-1", Duration.ofMinutes(1)));

        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(inventory.lifecycle("order-1")).hasSize(2);
        assertThat(inventory.releases()).isEmpty();
        assertThat(inventory.available("a")).isEqualTo(3);
        assertThat(inventory.writtenCommands()).isEmpty();
        assertThat(staleProposals()).isEqualTo(1.0);
        assertThat(inventory.deadLetters()).isEmpty();
    }

    @Test
    void ignoresAProposalToExpireBeforeTheDeadlineByItsOwnClock() {
        acceptTwoUnitsWithAOneMinuteWindow();

        inventory.command(overdue("order-1", Duration.ofMinutes(1)));

        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED);
        assertThat(inventory.releases()).isEmpty();
        assertThat(inventory.deadlineKeys()).hasSize(1);
        assertThat(staleProposals()).isEqualTo(1.0);
        inventory.advanceWallClock(Duration.ofMinutes(1));
        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
    }

    @Test
    void changesNothingWhenAProposalToExpireComesAgainAfterTheOrderExpired() {
        acceptTwoUnitsWithAOneMinuteWindow();
        inventory.advanceWallClock(Duration.ofMinutes(1));

        inventory.command(inventory.writtenCommands().get(0).value());

        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
        assertThat(inventory.releases()).hasSize(1);
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(staleProposals()).isEqualTo(1.0);
    }

    @Test
    void expiresAnOrderPaidAfterItsDeadlineBeforeTheCheckRanAndTellsThePayer() {
        inventory.close();
        inventory = new InventoryTestDriver(new InventorySettings(null, "late-payment-test", stateDir, 1, null, null,
                null, 0, (short) 0, 0, DEFAULT_WINDOW, Duration.ofHours(1), null, null));
        inventory.adjust(stockedWithWindow("a", 5, Duration.ofMinutes(1)));
        inventory.request(orderLine("a", "order-1", "ann", 1));
        inventory.advanceWallClock(Duration.ofMinutes(2));
        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED);
        PaymentSubmitted late = payment("order-1", "ann");

        inventory.command(late);

        assertThat(inventory.lifecycle("order-1")).hasSize(3);
        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
        assertThat(inventory.lifecycle("order-1")).last().isEqualTo(refusal(late, OrderStatus.EXPIRED));
        assertThat(inventory.available("a")).isEqualTo(5);
        assertThat(inventory.deadlineKeys()).isEmpty();
    }

    @Test
    void dropsACommandThatIsSentAgainAfterItDecidedTheOrder() {
        inventory.adjust(stocked("a", 5), stocked("b", 5));
        inventory.request(orderLine("a", "paid", "ann", 1), orderLine("b", "cancelled", "ann", 1));
        PaymentSubmitted pay = payment("paid", "ann");
        CancellationRequested cancel = cancellation("cancelled", "ann");

        inventory.command(pay, cancel, pay, cancel);

        assertThat(inventory.statuses("paid")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(inventory.statuses("cancelled")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.CANCELLED);
        assertThat(inventory.lifecycle()).hasSize(4);
        assertThat(inventory.releases()).hasSize(1);
        assertThat(inventory.counter(OrderLifecycleProcessor.COMMANDS_ENTITY, Intake.DUPLICATE_DROPPED))
                .isEqualTo(2.0);
    }

    @Test
    void ignoresASecondResultForALineItHasHeardOf() {
        // Two partitions, and an order on the other one than its product: its results come through their topic.
        inventory.close();
        inventory = new InventoryTestDriver(settings(), 2);
        String orderId = IntStream.range(1, 100).mapToObj(i -> "order-" + i)
                .filter(id -> !OrderPartitions.decidedWhole(new OrderId(id), new ProductId("a"), 2))
                .findFirst().orElseThrow();
        OrderAccepted line = oldStyleAccepted(orderId, "a");

        inventory.result(line);
        inventory.result(line);

        assertThat(inventory.statuses(orderId)).containsExactly(OrderStatus.ACCEPTED);
        assertThat(inventory.counter(OrderLifecycleProcessor.RESULTS_ENTITY, Intake.DUPLICATE_DROPPED))
                .isEqualTo(1.0);
    }

    @Test
    void acceptsAnOrderReservedBeforePaymentDeadlinesWithoutADeadlineAndNeverExpiresIt() {
        inventory.result(oldStyleAccepted("old", "a"));

        inventory.advanceWallClock(Duration.ofDays(8));
        inventory.command(payment("old", "ann"));

        assertThat(inventory.lifecycle("old")).first().isInstanceOfSatisfying(OrderStatusChanged.class,
                accepted -> assertThat(accepted.paymentDeadline()).isNull());
        assertThat(inventory.statuses("old")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(inventory.deadlineKeys()).isEmpty();
        assertThat(inventory.releases()).isEmpty();
    }

    @Test
    void givesOnlyOrdersAcceptedAfterAPaymentWindowChangeTheNewWindow() {
        inventory.adjust(stockedWithWindow("a", 5, Duration.ofMinutes(10)));
        inventory.request(orderLine("a", "before", "ann", 1));

        inventory.adjust(windowSet("a", Duration.ofMinutes(1)));
        inventory.request(orderLine("a", "after", "bob", 1));
        inventory.advanceWallClock(Duration.ofMinutes(2));

        assertThat(inventory.lifecycle()).filteredOn(event -> ((OrderStatusChanged) event).paymentDeadline() != null)
                .extracting(event -> event.orderId().value(), event -> ((OrderStatusChanged) event).paymentDeadline())
                .containsExactly(tuple("before", DECIDED_AT.plus(Duration.ofMinutes(10))),
                        tuple("after", DECIDED_AT.plus(Duration.ofMinutes(1))));
        assertThat(inventory.statuses("before")).containsExactly(OrderStatus.ACCEPTED);
        assertThat(inventory.statuses("after")).containsExactly(OrderStatus.ACCEPTED, OrderStatus.EXPIRED);
    }

    @Test
    void deadLettersPoisonOnOrderCommandsAndOrderResultsAndDecidesTheNextRecord() {
        inventory.adjust(stocked("a", 5));
        String commands = Topics.ORDER_COMMANDS.name();
        String results = Topics.ORDER_RESULTS.name();
        byte[] paymentJson = EventJson.MAPPER.writeValueAsBytes(payment("order-1", "ann"));

        inventory.pipeRaw(commands, bytes("order-1"), bytes("{\"orderId\": "), typed("PaymentSubmitted"));
        inventory.pipeRaw(commands, bytes("order-2"), paymentJson, typed("PaymentSubmitted"));
        inventory.pipeRaw(commands, bytes("order-1"), paymentJson, typed("OrderAccepted"));
        inventory.pipeRaw(results, bytes("order-1"), paymentJson, typed("PaymentSubmitted"));
        inventory.pipeRaw(results, bytes("order-9"),
                EventJson.MAPPER.writeValueAsBytes(oldStyleAccepted("order-1", "a")), typed("OrderAccepted"));
        inventory.request(orderLine("a", "order-1", "ann", 1));

        assertThat(inventory.deadLetters()).extracting(
                        letter -> EventHeaders.get(letter.headers(), EventHeaders.DLQ_SOURCE_TOPIC),
                        letter -> EventHeaders.get(letter.headers(), EventHeaders.DLQ_REASON))
                .containsExactly(tuple(commands, PoisonReason.UNREADABLE.name()),
                        tuple(commands, PoisonReason.KEY_MISMATCH.name()),
                        tuple(commands, PoisonReason.UNKNOWN_EVENT_TYPE.name()),
                        tuple(results, PoisonReason.UNKNOWN_EVENT_TYPE.name()),
                        tuple(results, PoisonReason.KEY_MISMATCH.name()));
        assertThat(inventory.deadLetters().get(1).key()).isEqualTo(bytes("order-2"));
        assertThat(EventHeaders.get(inventory.deadLetters().get(1).headers(), EventHeaders.DLQ_ERROR))
                .contains("orderId");
        assertThat(inventory.statuses("order-1")).containsExactly(OrderStatus.ACCEPTED);
        assertThat(inventory.counter(OrderLifecycleProcessor.COMMANDS_ENTITY, Intake.DEAD_LETTERED)).isEqualTo(3.0);
    }

    private Integer lastLevel(String product) {
        return inventory.levels().stream().filter(level -> level.productId().value().equals(product))
                .reduce((first, second) -> second).map(StockLevel::available).orElseThrow();
    }

    /** A refusal compared whole, but for the eventId it is given. */
    private OrderCommandRefused refusal(dev.flashsale.events.OrderCommand command, OrderStatus status) {
        OrderCommandRefused any = inventory.lifecycle().stream().filter(OrderCommandRefused.class::isInstance)
                .map(OrderCommandRefused.class::cast).filter(refused -> refused.commandId().equals(command.eventId()))
                .findFirst().orElseThrow(() -> new AssertionError("no refusal of " + command));
        return new OrderCommandRefused(any.eventId(), command.orderId(), command.customerId(), command.eventId(),
                OrderCommandRefused.Kind.of(command), status, any.occurredAt());
    }

    /** Order {@code order-1}: two units of product {@code a}, of 5, accepted with a one-minute payment window. */
    private void acceptTwoUnitsWithAOneMinuteWindow() {
        inventory.adjust(stockedWithWindow("a", 5, Duration.ofMinutes(1)));
        inventory.request(orderLine("a", "order-1", "ann", 2));
    }

    /** Proposals to expire that found the order not due. */
    private double staleProposals() {
        return inventory.counter(OrderLifecycleProcessor.METRICS_ENTITY, OrderLifecycleProcessor.EXPIRY_STALE);
    }

    /** A proposal to expire the order, due {@code window} after the driver's start, as another instance writes it. */
    private static PaymentDeadlinePassed overdue(String orderId, Duration window) {
        Instant deadline = DECIDED_AT.plus(window);
        return PaymentDeadlinePassed.of(new OrderId(orderId), deadline, deadline);
    }

    /** An acceptance as the processor wrote it before carts and payment deadlines. */
    private static OrderAccepted oldStyleAccepted(String orderId, String productId) {
        return new OrderAccepted(UUID.randomUUID(), new OrderId(orderId), new CustomerId("ann"),
                new ProductId(productId), 1, InventoryEvents.REQUESTED_AT, InventoryEvents.REQUESTED_AT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers typed(String eventType) {
        Headers headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.EVENT_TYPE, eventType);
        return headers;
    }
}
