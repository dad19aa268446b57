package dev.flashsale.api.order;

import dev.flashsale.events.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With several API instances, the answer to a command may be consumed by another instance than the one holding the
 * request (each reads some partitions of the lifecycle topic), as for {@link DecisionRecheck}. So the waiting
 * commands are looked up in the read model every {@code flashsale.long-poll.recheck-interval}, and those answered
 * meanwhile are completed.
 */
@Component
class CommandRecheck {

    private static final String ANSWERED = """
            SELECT t.command_id, TRUE AS applied, t.status FROM order_transitions t
             WHERE t.command_id IN (:commandIds)
            UNION ALL
            SELECT r.command_id, FALSE AS applied, r.current_status FROM refused_commands r
             WHERE r.command_id IN (:commandIds)
            """;

    private final CommandWaiters waiters;
    private final NamedParameterJdbcTemplate jdbc;

    CommandRecheck(CommandWaiters waiters, NamedParameterJdbcTemplate jdbc) {
        this.waiters = waiters;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${flashsale.long-poll.recheck-interval}")
    void recheck() {
        List<UUID> waiting = new ArrayList<>(waiters.waitingCommandIds());
        for (int from = 0; from < waiting.size(); from += DecisionRecheck.CHUNK) {
            List<UUID> chunk = waiting.subList(from, Math.min(waiting.size(), from + DecisionRecheck.CHUNK));
            jdbc.query(ANSWERED, Map.of("commandIds", chunk), row -> {
                waiters.answered(row.getObject("command_id", UUID.class), new CommandOutcome(
                        row.getBoolean("applied"), OrderStatus.valueOf(row.getString(3))));
            });
        }
    }
}
