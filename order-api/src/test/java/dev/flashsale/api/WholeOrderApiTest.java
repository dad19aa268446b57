package dev.flashsale.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole order-api application on a random port and through MockMvc, with its Prometheus metrics, on an in-process
 * KRaft broker and the test PostgreSQL ({@link TestDatabase}), accepting {@link TestTokens}.
 *
 * <p>Spring reuses a test context only for classes whose configuration is identical, and each context starts its own
 * broker. Every class that needs the running application should carry this annotation and add as little as it can:
 * classes that add nothing share one context and one broker, and classes that add the same thing (such as the
 * end-to-end tests' {@code @Import(InventoryProcessorBesideTheApi.class)}) share another. Anything else a class adds
 * costs a context and a broker of its own.
 *
 * <p>Because the broker and the application outlive a test class, tests find their records and rows by the products,
 * customers and orders they created, and count metrics as the change they caused.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@AutoConfigureMetrics
@EmbeddedKafka(partitions = 6, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        // Results are written in transactions, as the processor does with exactly-once; one broker must host them.
        brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@TestPropertySource(properties = { TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD,
        TestTokens.SECRET_PROPERTY,
        // The buckets live as long as the shared context, so one class's buyers would drain them for the next, and
        // the fuzzer places hundreds of orders per buyer. The limit itself is OrderRateLimitTest's.
        "flashsale.rate-limit.burst=1000", "flashsale.rate-limit.orders-per-second=1000",
        // A status stream's heartbeat within a test's patience, and a bound on open streams a test can reach.
        "flashsale.status-streams.heartbeat=200ms", "flashsale.status-streams.max-open=3",
        // The sale summary's lag is the processor's, where one runs beside the API (the end-to-end tests).
        "flashsale.sale-summary.processor-application-id=" + KafkaTestSupport.PROCESSOR_APPLICATION_ID })
public @interface WholeOrderApiTest {
}
