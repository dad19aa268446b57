package dev.flashsale.api.order.status;

import dev.flashsale.api.order.CommandOutcome;
import dev.flashsale.events.OrderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code flashsale.long-poll.recheck-interval}, answers the payments and cancellations waiting for commands that
 * the read model shows answered: answers another instance consumed ({@link Waiters#recheck}).
 */
@Component
public class CommandRecheck {

    private static final String ANSWERED = """
            SELECT t.command_id, TRUE AS applied, t.status FROM order_transitions t
             WHERE t.command_id IN (:commandIds)
            UNION ALL
            SELECT r.command_id, FALSE AS applied, r.current_status FROM refused_commands r
             WHERE r.command_id IN (:commandIds)
            """;

    private final CommandWaiters waiters;
    private final NamedParameterJdbcTemplate jdbc;

    public CommandRecheck(CommandWaiters waiters, NamedParameterJdbcTemplate jdbc) {
        this.waiters = waiters;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${flashsale.long-poll.recheck-interval}")
    public void recheck() {
        waiters.recheck(this::answered);
    }

    private Map<UUID, CommandOutcome> answered(List<UUID> commandIds) {
        Map<UUID, CommandOutcome> answered = new HashMap<>();
        jdbc.query(ANSWERED, Map.of("commandIds", commandIds), row -> {
            answered.put(row.getObject("command_id", UUID.class),
                    new CommandOutcome(row.getBoolean("applied"), OrderStatus.valueOf(row.getString(3))));
        });
        return answered;
    }
}
