package dev.flashsale.api.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;

class DatabaseUrlEnvironmentPostProcessorTest {

    private final DatabaseUrlEnvironmentPostProcessor processor = new DatabaseUrlEnvironmentPostProcessor();

    @Test
    void convertsLibpqUrlWithCredentialsToJdbc() {
        MockEnvironment environment = environment("postgres://shop:s3cret@db.internal:6543/flashsale");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("DATABASE_URL")).isEqualTo("jdbc:postgresql://db.internal:6543/flashsale");
        assertThat(environment.getProperty("DATABASE_USER")).isEqualTo("shop");
        assertThat(environment.getProperty("DATABASE_PASSWORD")).isEqualTo("s3cret");
    }

    @Test
    void keepsQueryParametersAndDecodesEscapedCredentials() {
        MockEnvironment environment = environment(
                "postgresql://app%40corp:p%3Aa+ss%2Fw@10.0.0.5/orders?sslmode=require&connectTimeout=5");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("DATABASE_URL"))
                .isEqualTo("jdbc:postgresql://10.0.0.5/orders?sslmode=require&connectTimeout=5");
        assertThat(environment.getProperty("DATABASE_USER")).isEqualTo("app@corp");
        assertThat(environment.getProperty("DATABASE_PASSWORD")).isEqualTo("p:a+ss/w");
    }

    @Test
    void leavesExplicitUserAndPasswordAlone() {
        MockEnvironment environment = environment("postgres://fromurl:urlpass@localhost/db")
                .withProperty("DATABASE_USER", "explicit")
                .withProperty("DATABASE_PASSWORD", "explicit-pass");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("DATABASE_URL")).isEqualTo("jdbc:postgresql://localhost/db");
        assertThat(environment.getProperty("DATABASE_USER")).isEqualTo("explicit");
        assertThat(environment.getProperty("DATABASE_PASSWORD")).isEqualTo("explicit-pass");
    }

    @Test
    void convertsUrlWithoutCredentialsOrHost() {
        MockEnvironment environment = environment("postgres:///test");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("DATABASE_URL")).isEqualTo("jdbc:postgresql://localhost/test");
        assertThat(environment.containsProperty("DATABASE_USER")).isFalse();
    }

    @Test
    void leavesJdbcUrlUntouched() {
        MockEnvironment environment = environment("jdbc:postgresql://localhost:5432/postgres");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(DatabaseUrlEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
                .isFalse();
    }

    @Test
    void feedsTheConvertedUrlToTheDataSourcePlaceholder() {
        MockEnvironment environment = environment("postgres://u:p@h:1/d")
                .withProperty("spring.datasource.url", "${DATABASE_URL:jdbc:postgresql://localhost:5432/postgres}");
        ConfigurationPropertySources.attach(environment);

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(Binder.get(environment).bind("spring.datasource.url", String.class).get())
                .isEqualTo("jdbc:postgresql://h:1/d");
    }

    @Test
    void refusesMalformedUrlWithoutEchoingIt() {
        MockEnvironment environment = environment("postgres://u:secret@host:notaport/db");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> processor.postProcessEnvironment(environment, new SpringApplication()))
                .withMessageNotContaining("secret");
    }

    private static MockEnvironment environment(String databaseUrl) {
        return new MockEnvironment().withProperty("DATABASE_URL", databaseUrl);
    }
}
