package dev.flashsale.api.ops;

import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static dev.flashsale.api.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.KafkaTestSupport;
import dev.flashsale.api.TestEvents;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * {@code GET /api/sale/summary} on the real broker and PostgreSQL: only for operators, counting the decisions and
 * sold-out answers that went through, and the lag of the processor's consumer group (no processor runs here: the test
 * commits the group's offsets as the processor would).
 */
@WholeOrderApiTest
class SaleSummaryIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvcTester mvc;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Test
    void answersOnlyATokenWithScopeAdmin() {
        assertProblem(mvc.get().uri("/api/sale/summary").exchange(), HttpStatus.UNAUTHORIZED);
        assertProblem(mvc.get().uri("/api/sale/summary").header(HttpHeaders.AUTHORIZATION, bearer(buyer("c-1")))
                .exchange(), HttpStatus.FORBIDDEN);
        assertThat(summary()).hasStatusOk().hasHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Test
    void countsTheDecisionsAndSoldOutAnswersThatWentThrough() throws Exception {
        String productId = createProduct();
        Map<String, Number> before = counts();
        Instant requested = Instant.now().minusMillis(200);

        // Given: one order accepted and one rejected, as the order aggregator writes them, and the product sold out.
        decide(OrderStatusChanged.accepted(OrderId.random(), new CustomerId("c-sum"), requested.plusMillis(40),
                requested.plusSeconds(600), requested));
        decide(OrderStatusChanged.rejected(OrderId.random(), new CustomerId("c-sum"), requested.plusMillis(60),
                RejectionReason.OUT_OF_STOCK, new ProductId(productId), requested));
        KafkaTestSupport.send(bootstrapServers, Topics.STOCK_LEVELS, productId,
                TestEvents.stockLevel(productId, 0, 1_000));
        // Orders placed before this instance saw the level are 202; the first 409 ends the wait.
        await().atMost(PATIENCE).until(() -> order(productId) == HttpStatus.CONFLICT.value());

        // Then
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Number> after = counts();
            assertThat(increase(before, after, "accepted")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "rejected")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "soldOut")).isEqualTo(1);
            assertThat(increase(before, after, "latencyCount")).isGreaterThanOrEqualTo(2);
            assertThat(increase(before, after, "latencyTotal")).isPositive();
        });
    }

    @Test
    void reportsTheRequestsThatTheProcessorsGroupHasNotCommittedYet() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            String productId = createProduct();
            order(productId);
            order(productId);
            Map<TopicPartition, Long> ends = endOffsets(admin);
            long requests = ends.values().stream().mapToLong(Long::longValue).sum();

            // Given: the processor's group has committed on one partition, at its start; then everywhere, at the end.
            commit(admin, Map.of(new TopicPartition(Topics.ORDER_REQUESTS.name(), 0), 0L));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lag()).isEqualTo(requests));
            commit(admin, ends);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(lag()).isZero());
            assertThat(requests).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void isDescribedInTheOpenApiDocument() {
        String operation = "$.paths['/api/sale/summary'].get";

        assertThat(mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson()
                .extractingPath(operation + ".responses").asMap().containsKeys("200", "401", "403");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath(operation + ".security[*]").asArray().isNotEmpty();
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.components.schemas.SaleSummary.properties").asMap()
                .containsKeys("at", "accepted", "rejected", "soldOut", "decisionLatency", "processorLag");
    }

    @Test
    void servesTheSalePageWithoutATokenAndKeepsTheApiClosed() {
        assertThat(mvc.get().uri("/").exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/index.html")).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
                .bodyText().contains("/sale/app.js");
        for (String asset : List.of("/sale/app.js", "/sale/api.js", "/sale/buyer.js", "/sale/operator.js",
                "/sale/session.js", "/sale/format.js", "/sale/sale.css")) {
            assertThat(mvc.get().uri(asset)).as(asset).hasStatusOk();
        }
        assertProblem(mvc.get().uri("/sale/missing.js").exchange(), HttpStatus.NOT_FOUND);
        assertProblem(mvc.get().uri("/api/orders/{id}", "8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37").exchange(),
                HttpStatus.UNAUTHORIZED);
    }

    private MvcTestResult summary() {
        return mvc.get().uri("/api/sale/summary").header(HttpHeaders.AUTHORIZATION, bearer(admin("ops"))).exchange();
    }

    private Map<String, Number> counts() throws Exception {
        String json = summary().getResponse().getContentAsString();
        return Map.of("accepted", JsonPath.<Number>read(json, "$.accepted"),
                "rejected", JsonPath.<Number>read(json, "$.rejected"),
                "soldOut", JsonPath.<Number>read(json, "$.soldOut"),
                "latencyCount", JsonPath.<Number>read(json, "$.decisionLatency.count"),
                "latencyTotal", JsonPath.<Number>read(json, "$.decisionLatency.totalMillis"));
    }

    private static double increase(Map<String, Number> before, Map<String, Number> after, String count) {
        return after.get(count).doubleValue() - before.get(count).doubleValue();
    }

    private Long lag() throws Exception {
        Number lag = JsonPath.read(summary().getResponse().getContentAsString(), "$.processorLag");
        return lag == null ? null : lag.longValue();
    }

    private void decide(OrderStatusChanged change) {
        KafkaTestSupport.send(bootstrapServers, Topics.ORDER_LIFECYCLE, change.orderId().value(), change);
    }

    private String createProduct() throws Exception {
        MvcTestResult product = mvc.post().uri("/api/products").header(HttpHeaders.AUTHORIZATION, bearer(admin("ops")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Summed\", \"price\": 100, \"stock\": 5}")
                .exchange();
        assertThat(product).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(product.getResponse().getContentAsString(), "$.id");
    }

    private int order(String productId) {
        return mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(buyer(uniqueId("c"))))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange().getResponse().getStatus();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.ORDER_REQUESTS.name())).allTopicNames().get()
                .get(Topics.ORDER_REQUESTS.name()).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.ORDER_REQUESTS.name(), p),
                        p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static void commit(Admin admin, Map<TopicPartition, Long> offsets) throws Exception {
        admin.alterConsumerGroupOffsets(KafkaTestSupport.PROCESSOR_APPLICATION_ID, offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue()))))
                .all().get();
    }
}
