package dev.flashsale.api;

/**
 * The real PostgreSQL every database test uses: the {@code test} database that
 * {@link TestDatabaseEnvironmentPostProcessor} finds or starts, unless {@code TEST_DATABASE_URL} (and
 * {@code TEST_DATABASE_LIBPQ_URL}, {@code TEST_DATABASE_USER}, {@code TEST_DATABASE_PASSWORD}) say otherwise. Flyway
 * creates the {@code flashsale} schema in it.
 */
public final class TestDatabase {

    public static final String URL = "spring.datasource.url=${TEST_DATABASE_URL}";
    /** The same database as a libpq URL, to go through the conversion the application does at start-up. */
    public static final String LIBPQ_URL = "DATABASE_URL=${TEST_DATABASE_LIBPQ_URL}";
    public static final String USER = "spring.datasource.username=${TEST_DATABASE_USER:postgres}";
    public static final String PASSWORD = "spring.datasource.password=${TEST_DATABASE_PASSWORD:}";

    private TestDatabase() {
    }
}
