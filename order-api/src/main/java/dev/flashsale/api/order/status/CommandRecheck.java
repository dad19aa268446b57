package dev.flashsale.api.order.status;

import dev.flashsale.api.order.CommandOutcome;
import dev.flashsale.events.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers the payments and cancellations waiting for commands that the read model shows answered. */
@Component
public class CommandRecheck extends Recheck<UUID, CommandOutcome> {

    private static final String ANSWERED = """
            SELECT t.command_id, TRUE AS applied, t.status FROM order_transitions t
             WHERE t.command_id IN (:commandIds)
            UNION ALL
            SELECT r.command_id, FALSE AS applied, r.current_status FROM refused_commands r
             WHERE r.command_id IN (:commandIds)
            """;

    public CommandRecheck(CommandWaiters waiters, JdbcClient jdbc) {
        super(waiters, jdbc, ANSWERED, "commandIds");
    }

    @Override
    UUID key(ResultSet row) throws SQLException {
        return row.getObject("command_id", UUID.class);
    }

    @Override
    CommandOutcome answer(ResultSet row) throws SQLException {
        return new CommandOutcome(row.getBoolean("applied"), OrderStatus.valueOf(row.getString(3)));
    }
}
