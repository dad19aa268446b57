package dev.flashsale.api.rebuild;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The beans of the rebuild mode ({@link RebuildCommand}); absent from the running API. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(RebuildCommand.PROPERTY)
class RebuildConfig {

    /**
     * Starts every rebuild from an empty work schema, migrated as the live one was: a work schema left by a run that
     * failed or was refused is dropped first, so running the rebuild again is always safe.
     */
    @Bean
    FlywayMigrationStrategy migrateAFreshWorkSchema() {
        return flyway -> {
            String[] schemas = flyway.getConfiguration().getSchemas();
            if (schemas.length != 1 || !schemas[0].equals(RebuildCommand.WORK_SCHEMA)) {
                // Never drop anything but the work schema, whatever the configuration says.
                throw new IllegalStateException("the rebuild migrates only " + RebuildCommand.WORK_SCHEMA
                        + ", not " + String.join(", ", schemas));
            }
            JdbcClient.create(flyway.getConfiguration().getDataSource())
                    .sql("DROP SCHEMA IF EXISTS " + RebuildCommand.WORK_SCHEMA + " CASCADE").update();
            flyway.migrate();
        };
    }
}
