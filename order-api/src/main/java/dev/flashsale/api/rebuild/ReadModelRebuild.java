package dev.flashsale.api.rebuild;

import dev.flashsale.api.kafka.ReadModelReplay;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the read model from the topics into the empty work schema, then swaps it in for the live one, which is
 * kept, renamed, as a backup. Chosen over truncate-and-replay because the live read model stays untouched until the
 * new one is complete: a rebuild that fails, is interrupted or is refused changes nothing, and the backup allows a
 * comparison and a way back. Running it again is safe: it starts from an empty work schema every time.
 *
 * <p>It refuses to run while any order-api instance consumes the topics (a member in the API's consumer group): a live
 * API would write orders into the schema being replaced, and they would be lost with the swap. It refuses to swap when
 * the log could not restore everything (records deleted by retention, events older than the fields the read model
 * needs), unless {@value RebuildCommand#ACCEPT_INCOMPLETE_PROPERTY} is true; the work schema is then left for
 * inspection.
 */
@Component
@ConditionalOnProperty(RebuildCommand.PROPERTY)
class ReadModelRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final DateTimeFormatter BACKUP_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS")
            .withZone(ZoneOffset.UTC);

    private final List<ReadModelReplay<?>> replays;
    private final KafkaProperties kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean acceptIncomplete;

    ReadModelRebuild(List<ReadModelReplay<?>> replays, KafkaProperties kafka, JdbcClient jdbc,
            PlatformTransactionManager transactionManager, Clock clock,
            @Value("${" + RebuildCommand.ACCEPT_INCOMPLETE_PROPERTY + ":false}") boolean acceptIncomplete) {
        this.replays = replays.stream().sorted(Comparator.comparingInt(ReadModelReplay::position)).toList();
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.acceptIncomplete = acceptIncomplete;
    }

    @Override
    public void run(ApplicationArguments args) {
        refuseWhileTheApiConsumes();
        TopicReplayer replayer = new TopicReplayer(kafka.buildConsumerProperties(), transactions);
        List<ReplayCount> counts = new ArrayList<>();
        for (ReadModelReplay<?> replay : replays) {
            ReplayCount count = replayer.replay(replay);
            log.info("Replayed {}", count);
            counts.add(count);
        }
        log.info("Rebuilt into schema {}: {} products, {} orders, {} order lines", RebuildCommand.WORK_SCHEMA,
                count("products"), count("orders"), count("order_lines"));
        if (!counts.stream().allMatch(ReplayCount::complete)) {
            if (!acceptIncomplete) {
                throw new IllegalStateException("The log cannot restore the whole read model (see above); the live "
                        + "schema " + RebuildCommand.LIVE_SCHEMA + " is untouched and the partial rebuild is in "
                        + RebuildCommand.WORK_SCHEMA + ". Run again with --" + RebuildCommand.ACCEPT_INCOMPLETE_PROPERTY
                        + "=true to use it anyway.");
            }
            log.warn("The log could not restore the whole read model; replacing the live one anyway, as asked");
        }
        String backup = swap();
        log.info("The rebuilt read model is live in schema {}; the one it replaced is kept as schema {} (drop it "
                + "with DROP SCHEMA {} CASCADE once no longer needed)", RebuildCommand.LIVE_SCHEMA,
                backup == null ? "(none: there was no live read model)" : backup, backup);
    }

    private void refuseWhileTheApiConsumes() {
        String group = kafka.getConsumer().getGroupId();
        try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(30, TimeUnit.SECONDS);
            if (!description.members().isEmpty()) {
                throw new IllegalStateException("Stop every order-api instance first: " + description.members().size()
                        + " consumer(s) in group " + group + " (" + description.groupState() + "). A crashed "
                        + "instance leaves the group after the session timeout.");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("Could not check the consumer group " + group, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not describe the consumer group " + group + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** In one transaction: the live schema becomes the backup, the work schema the live one. */
    private String swap() {
        String backup = RebuildCommand.LIVE_SCHEMA + "_before_rebuild_" + BACKUP_SUFFIX.format(clock.instant());
        return transactions.execute(status -> {
            boolean live = jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")
                    .param(RebuildCommand.LIVE_SCHEMA).query(Boolean.class).single();
            if (live) {
                jdbc.sql("ALTER SCHEMA " + RebuildCommand.LIVE_SCHEMA + " RENAME TO " + backup).update();
            }
            jdbc.sql("ALTER SCHEMA " + RebuildCommand.WORK_SCHEMA + " RENAME TO " + RebuildCommand.LIVE_SCHEMA)
                    .update();
            return live ? backup : null;
        });
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + RebuildCommand.WORK_SCHEMA + "." + table).query(Long.class).single();
    }
}
