package dev.flashsale.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.KafkaException;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/topics}: look into flashsale's topics with nothing but a JDK.
 *
 * <pre>
 * topics [--bootstrap HOST:PORT] list
 * topics [--bootstrap HOST:PORT] describe TOPIC
 * topics [--bootstrap HOST:PORT] tail TOPIC [--from-beginning] [--key KEY] [--max N] [--compact]
 * </pre>
 * The broker is {@code --bootstrap}, else {@code KAFKA_BOOTSTRAP_SERVERS}, else {@code localhost:9092}.
 */
public final class TopicsCommand {

    static final String USAGE = """
            usage: bin/topics [--bootstrap HOST:PORT] COMMAND
              list                      the topics, with partitions and replicas
              describe TOPIC            partitions, leaders, offsets and non-default config, as JSON
              tail TOPIC [options]      the committed records as JSON (key, partition, offset, headers, value)
                --from-beginning        from the first record kept instead of from now on
                --key KEY               only records with this key (a product or order ID)
                --max N                 stop after N records
                --compact               one line per record, for jq and grep
            The broker: --bootstrap, else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092.""";

    private TopicsCommand() {
    }

    public static void main(String[] args) {
        // The clients' lines (assignments, a warning per failed connection attempt) would bury what was asked for;
        // a failure ends the command with one message of its own instead.
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command and returns the exit code: 0 done, 1 failed, 2 bad usage. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (arguments.command().equals("help")) {
            out.println(USAGE);
            return 0;
        }
        try (TopicInspector inspector = new TopicInspector(arguments.bootstrap(), out, err)) {
            switch (arguments.command()) {
                case "list" -> inspector.list();
                case "describe" -> inspector.describe(arguments.topic());
                case "tail" -> {
                    AtomicBoolean stopped = new AtomicBoolean();
                    Thread hook = new Thread(() -> {
                        stopped.set(true);
                        inspector.stopTailing();
                    }, "topics-stop");
                    Runtime.getRuntime().addShutdownHook(hook);
                    try {
                        inspector.tail(arguments.topic(), arguments.fromBeginning(), arguments.key(),
                                arguments.max(), arguments.compact(), stopped::get);
                    } finally {
                        if (!stopped.get()) {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        }
                    }
                }
                default -> throw new IllegalStateException(arguments.command());
            }
            return 0;
        } catch (TopicInspector.NoSuchTopicException e) {
            err.println(e.getMessage());
            return 1;
        } catch (ExecutionException e) {
            err.println("Kafka at " + arguments.bootstrap() + " failed: " + e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (KafkaException e) {
            err.println("Kafka at " + arguments.bootstrap() + " failed: " + e);
            return 1;
        }
    }

    record Arguments(String command, String bootstrap, String topic, boolean fromBeginning, String key, long max,
            boolean compact) {

        static Arguments parse(String[] args, Map<String, String> environment) {
            String bootstrap = environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
            if (bootstrap.isBlank()) {
                bootstrap = "localhost:9092";
            }
            boolean fromBeginning = false;
            boolean compact = false;
            String key = null;
            long max = 0;
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap", "--bootstrap-server" -> bootstrap = value(args, ++i, "--bootstrap");
                    case "--from-beginning" -> fromBeginning = true;
                    case "--compact" -> compact = true;
                    case "--key" -> key = value(args, ++i, "--key");
                    case "--max" -> max = count(value(args, ++i, "--max"));
                    case "-h", "--help", "help" -> positional.add(0, "help");
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.isEmpty()) {
                throw new IllegalArgumentException("no command given");
            }
            String command = positional.get(0);
            switch (command) {
                case "help" -> {
                    return new Arguments(command, bootstrap, null, false, null, 0, false);
                }
                case "list" -> require(positional.size() == 1, "list takes no topic");
                case "describe", "tail" -> require(positional.size() == 2, command + " needs exactly one TOPIC");
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
            require(command.equals("tail") || (!fromBeginning && key == null && max == 0 && !compact),
                    "--from-beginning, --key, --max and --compact are options of tail");
            return new Arguments(command, bootstrap, positional.size() > 1 ? positional.get(1) : null, fromBeginning,
                    key, max, compact);
        }

        private static String value(String[] args, int index, String option) {
            require(index < args.length, option + " needs a value");
            return args[index];
        }

        private static long count(String value) {
            try {
                long count = Long.parseLong(value);
                require(count > 0, "--max must be positive");
                return count;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--max must be a number, not " + value);
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
