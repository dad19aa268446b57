package dev.flashsale.api.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.PostgresJdbcTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The API's connections plan every statement for the tables as they are when it runs. A generic plan cached on a
 * connection made while the read model was empty would otherwise be kept, sequential scans and all, for as long as
 * nothing analyzes the tables.
 */
@PostgresJdbcTest
class StatementPlansTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void plansEveryStatementAnewOnEveryConnection() {
        String mode = jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class).single();

        assertThat(mode).isEqualTo("force_custom_plan");
    }

    @Test
    void aStatementFirstRunOnAnEmptyTableReadsByIndexOnceTheTableHasGrown() {
        // The test's transaction keeps one connection, where the driver prepares the statement once and reuses it.
        jdbc.sql("CREATE TEMPORARY TABLE grown (id varchar(64) PRIMARY KEY, n integer)").update();
        String lookup = "SELECT g.n FROM grown g JOIN unnest(?::varchar[]) AS r (id) ON g.id = r.id";
        for (int run = 0; run < 10; run++) {
            // Past the five custom plans after which PostgreSQL would settle on a generic one.
            jdbc.sql(lookup).param(new String[] { "a", "b" }).query(Integer.class).list();
        }
        jdbc.sql("INSERT INTO grown SELECT 'id-' || i, i FROM generate_series(1, 50000) i").update();
        long scansBefore = sequentialScansOfGrown();

        List<Integer> found = jdbc.sql(lookup).param(new String[] { "id-7", "id-9" }).query(Integer.class).list();

        assertThat(found).containsExactlyInAnyOrder(7, 9);
        assertThat(sequentialScansOfGrown()).isEqualTo(scansBefore);
    }

    private long sequentialScansOfGrown() {
        return jdbc.sql("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'grown'").query(Long.class)
                .single();
    }
}
