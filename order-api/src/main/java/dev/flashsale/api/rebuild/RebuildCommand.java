package dev.flashsale.api.rebuild;

import dev.flashsale.api.OrderApiApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar order-api-exec.jar --flashsale.rebuild-read-model}: rebuilds the read model from the topics, then
 * exits. A mode of the API's own jar rather than a tool of its own, so that the rebuild runs the very beans the live
 * API runs (the listeners' projections, the same configuration and migrations): a rebuild that used copies of the
 * upserts could drift from what the listeners write, and nobody would notice until it was needed.
 *
 * <p>The mode starts the application without a web server, with no listener or stock feed started (they would join
 * the API's consumer group and commit its offsets), without creating topics, and with the database connections and
 * Flyway pointed at {@value #WORK_SCHEMA} instead of the live {@value #LIVE_SCHEMA}: every write of the projections
 * lands there, and {@link ReadModelRebuild} swaps the two schemas at the end.
 */
public final class RebuildCommand {

    /** The switch, as a command-line argument. */
    public static final String PROPERTY = "flashsale.rebuild-read-model";
    /** With {@code true}: replace the live read model even when the log could not restore all of it. */
    public static final String ACCEPT_INCOMPLETE_PROPERTY = "flashsale.rebuild-accept-incomplete";

    /** The schema application.yml gives the API (spring.flyway.schemas, spring.datasource.hikari.schema). */
    static final String LIVE_SCHEMA = "flashsale";
    static final String WORK_SCHEMA = "flashsale_rebuild";

    private RebuildCommand() {
    }

    public static boolean requested(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--" + PROPERTY) || arg.startsWith("--" + PROPERTY + "=")
                && !arg.equals("--" + PROPERTY + "=false"));
    }

    /**
     * Runs the rebuild to its end and returns the application context, for {@code SpringApplication.exit}.
     *
     * @throws IllegalStateException if the rebuild was refused or failed; the live read model is then untouched
     */
    public static ConfigurableApplicationContext run(String... args) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        // Command-line arguments outrank the environment and application.yml: these cannot be overridden by accident.
        arguments.add("--spring.datasource.hikari.schema=" + WORK_SCHEMA);
        arguments.add("--spring.flyway.schemas=" + WORK_SCHEMA);
        arguments.add("--spring.kafka.listener.auto-startup=false");
        arguments.add("--flashsale.topic.provision=false");
        SpringApplication application = new SpringApplication(OrderApiApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(arguments.toArray(String[]::new));
    }
}
