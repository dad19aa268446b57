package dev.flashsale.chaos.check;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The order API's PostgreSQL read model, read straight from the server (not through the proxy). */
public final class ReadModel {

    private final String jdbcUrl;

    public ReadModel(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public Map<String, OrderState> orders(Collection<String> orderIds) throws SQLException {
        Map<String, OrderState> rows = new HashMap<>();
        query("SELECT order_id, status, reason FROM flashsale.orders WHERE order_id = ANY (?)", orderIds,
                result -> rows.put(result.getString(1), new OrderState(result.getString(2), result.getString(3))));
        return rows;
    }

    public Map<String, Integer> available(Collection<String> productIds) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        query("SELECT id, available FROM flashsale.products WHERE id = ANY (?)", productIds,
                result -> rows.put(result.getString(1), result.getInt(2)));
        return rows;
    }

    private interface Row {
        void take(ResultSet result) throws SQLException;
    }

    private void query(String sql, Collection<String> ids, Row row) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("varchar", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    row.take(result);
                }
            }
        }
    }
}
