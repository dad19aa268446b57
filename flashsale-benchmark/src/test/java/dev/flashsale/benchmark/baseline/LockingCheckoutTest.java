package dev.flashsale.benchmark.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import com.zaxxer.hikari.HikariDataSource;
import dev.flashsale.testpostgres.TestPostgres;

/**
 * The baseline must be a correct checkout, or flashsale would be compared with a broken one. Real PostgreSQL:
 * {@code TEST_DATABASE_URL} when set, else 127.0.0.1:5432 when it answers, else an embedded one ({@link TestPostgres}).
 */
class LockingCheckoutTest {

    private static HikariDataSource dataSource;
    private static LockingCheckout checkout;

    @BeforeAll
    static void connect() {
        dataSource = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(Optional.ofNullable(System.getenv("TEST_DATABASE_URL"))
                        .orElseGet(() -> TestPostgres.forThisJvm().jdbcUrl()))
                .username(TestPostgres.USER).password("").build();
        dataSource.setMaximumPoolSize(16);
        checkout = new LockingCheckout(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        checkout.createSchema();
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @ParameterizedTest
    @EnumSource(Locking.class)
    void sellsExactlyTheStockToConcurrentBuyers(Locking locking) throws Exception {
        LockingCheckout.Product product = checkout.stock("hot", 100, 20);

        ExecutorService buyers = Executors.newFixedThreadPool(16);
        List<Future<Optional<LockingCheckout.Order>>> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String customer = "c-" + i;
            orders.add(buyers.submit(() -> checkout.place(locking, customer, product.id(), 1)));
        }
        long accepted = 0;
        for (Future<Optional<LockingCheckout.Order>> order : orders) {
            if (order.get().orElseThrow().status().equals("ACCEPTED")) {
                accepted++;
            }
        }
        buyers.shutdown();

        assertThat(accepted).isEqualTo(20);
        assertThat(checkout.product(product.id()).orElseThrow().available()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Locking.class)
    void placesNothingForAnUnknownProduct(Locking locking) {
        assertThat(checkout.place(locking, "c-1", "no-such-product", 1)).isEmpty();
    }
}
