package dev.flashsale.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.testpostgres.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** A database given to the tests from outside wins over the one they would choose themselves. */
class TestDatabaseEnvironmentPostProcessorTest {

    private final TestDatabaseEnvironmentPostProcessor processor = new TestDatabaseEnvironmentPostProcessor();

    @Test
    void fillsInOnlyWhatTheEnvironmentDoesNotGive() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("TEST_DATABASE_URL", "jdbc:postgresql://db.ci:6543/ci")
                .withProperty("spring.datasource.url", "${TEST_DATABASE_URL}")
                .withProperty("DATABASE_URL", "${TEST_DATABASE_LIBPQ_URL}");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.ci:6543/ci");
        assertThat(environment.getProperty("DATABASE_URL"))
                .isEqualTo(TestPostgres.forThisJvm().libpqUrl() + "?ApplicationName=order-api-test");
    }

    @Test
    void choosesNothingWhenTheEnvironmentGivesBoth() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("TEST_DATABASE_URL", "jdbc:postgresql://db.ci:6543/ci")
                .withProperty("TEST_DATABASE_LIBPQ_URL", "postgres://ci@db.ci:6543/ci");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources()
                .contains(TestDatabaseEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("TEST_DATABASE_URL")).isEqualTo("jdbc:postgresql://db.ci:6543/ci");
    }
}
