package dev.flashsale.benchmark;

import static dev.flashsale.benchmark.Say.say;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/bench}: runs the benchmark, writes {@code <output>/<run>.json}, {@code .md} and {@code .png}, appends the
 * Markdown to {@code docs/benchmarks.md} for a full run, and exits 1 when a unit was oversold or an acknowledged
 * order has no final status, 2 on bad arguments.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--chart-from")) {
            // Draws the chart of an earlier run again, e.g. after the chart code changed.
            Path json = Path.of(args[1]);
            Report report = mapper().readValue(json.toFile(), Report.class);
            Path png = Path.of(json.toString().replaceFirst("\\.json$", "") + ".png");
            Chart.write(report, png);
            say("wrote {}", png);
            return;
        }
        if (args.length >= 1 && args[0].equals("--recovery")) {
            recovery(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            return;
        }
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(options.output());
        Report report = new Bench(options, root, runId).run();

        Path json = options.output().resolve(runId + ".json");
        Files.writeString(json, mapper().writeValueAsString(report));
        Path png = options.output().resolve(runId + ".png");
        Chart.write(report, png);
        String command = "bin/bench " + String.join(" ", args);
        String markdown = MarkdownReport.render(report, command.strip(), root.relativize(png.toAbsolutePath())
                .toString());
        Files.writeString(options.output().resolve(runId + ".md"), markdown);
        System.out.println();
        System.out.println(markdown);
        if (options.appendDocs()) {
            Path docs = root.resolve("docs/benchmarks.md");
            Files.writeString(docs, "\n" + markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            say("appended the tables to {}", root.relativize(docs));
        }
        say("wrote {}, {} and {}", json, png, options.output().resolve(runId + ".md"));
        if (!report.failures().isEmpty()) {
            say("oversold a unit or lost an acknowledged order: {}", report.failures());
            System.exit(1);
        }
        System.exit(0); // Gatling and Kafka leave non-daemon threads behind
    }

    /** {@code --recovery N}: the processor's recovery after kill -9 with N products; exits 1 on a wrong decision. */
    private static void recovery(int products) throws Exception {
        var cases = new RecoveryTime(new LocalSystem(Path.of("").toAbsolutePath())).measure(products);
        System.out.println();
        System.out.printf("Inventory processor recovery, %,d products in its stock store:%n%n", products);
        System.out.println("| case | s to RUNNING | s until every partition decides | probes rejected | decided twice |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (var c : cases) {
            System.out.printf("| %s | %s | %s | %d | %d |%n", c.name(), c.secondsToRunning(), c.secondsToDecisions(),
                    c.unknownAfterRestore(), c.decidedTwice());
        }
        boolean wrong = cases.stream().anyMatch(c -> c.unknownAfterRestore() > 0 || c.decidedTwice() > 0);
        System.exit(wrong ? 1 : 0);
    }

    private static JsonMapper mapper() {
        return JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }
}
