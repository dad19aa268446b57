package dev.flashsale.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring Data JDBC slice on the test PostgreSQL ({@link TestDatabase}), migrated by Flyway, with no broker: for the
 * repositories, projections and writers a class names in its {@code @Import}. Classes that import the same beans share
 * one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = { TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD })
public @interface PostgresJdbcTest {
}
