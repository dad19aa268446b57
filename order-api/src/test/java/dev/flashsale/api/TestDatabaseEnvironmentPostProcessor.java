package dev.flashsale.api;

import dev.flashsale.testpostgres.TestPostgres;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every application the tests start {@code TEST_DATABASE_URL} and {@code TEST_DATABASE_LIBPQ_URL}, which
 * {@link TestDatabase}'s properties point at, from {@link TestPostgres}: {@code 127.0.0.1:5432} when it answers,
 * otherwise an embedded server, chosen on the first application that needs them. They are added last, so the same
 * names given as environment variables or system properties still win, and nothing is chosen or started then.
 *
 * <p>An environment post-processor (registered in the tests' {@code META-INF/spring.factories}) rather than a test
 * context customizer: {@code ReadModelRebuildIT} runs a second application, the rebuild command, that needs the
 * same database.
 */
class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "flashsaleTestDatabase";

    @Override
    public int getOrder() {
        // Before the application's own DatabaseUrlEnvironmentPostProcessor reads DATABASE_URL, which
        // KafkaUnavailableTest sets to ${TEST_DATABASE_LIBPQ_URL}.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> missing = new HashMap<>();
        if (!environment.containsProperty("TEST_DATABASE_URL")) {
            missing.put("TEST_DATABASE_URL", TestPostgres.forThisJvm().jdbcUrl());
        }
        if (!environment.containsProperty("TEST_DATABASE_LIBPQ_URL")) {
            // The query goes through the libpq-to-JDBC conversion too.
            missing.put("TEST_DATABASE_LIBPQ_URL",
                    TestPostgres.forThisJvm().libpqUrl() + "?ApplicationName=order-api-test");
        }
        if (!missing.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, missing));
        }
    }
}
