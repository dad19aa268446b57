package dev.flashsale.api.order.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every {@code flashsale.long-poll.recheck-interval}, answers the requests waiting for answers that the read model
 * shows: answers another instance consumed ({@link Waiters#recheck}). A subclass says which query finds them and how
 * a row becomes an answer.
 *
 * @param <K> what a request waits for, such as an order ID
 * @param <V> the answer
 */
public abstract class Recheck<K, V> {

    private final Waiters<K, V> waiters;
    private final JdbcClient jdbc;
    private final String query;
    private final String keysParameter;

    /**
     * @param query         finds the answers of the keys it is given, one row each
     * @param keysParameter the query's parameter for the keys, as in {@code IN (:orderIds)}
     */
    Recheck(Waiters<K, V> waiters, JdbcClient jdbc, String query, String keysParameter) {
        this.waiters = waiters;
        this.jdbc = jdbc;
        this.query = query;
        this.keysParameter = keysParameter;
    }

    @Scheduled(fixedDelayString = "${flashsale.long-poll.recheck-interval}")
    public void recheck() {
        waiters.recheck(this::answered);
    }

    abstract K key(ResultSet row) throws SQLException;

    abstract V answer(ResultSet row) throws SQLException;

    private Map<K, V> answered(List<K> keys) {
        Map<K, V> answered = new HashMap<>();
        jdbc.sql(query).param(keysParameter, keys).query(row -> {
            answered.put(key(row), answer(row));
        });
        return answered;
    }
}
