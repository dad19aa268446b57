package dev.flashsale.chaos.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the processes under test come from: the build output of this checkout, found as {@code bin/run-local} finds
 * it (the services' {@code -exec} jars, the broker and the embedded PostgreSQL on local-launcher's class path).
 */
public record Artifacts(Path root, String version) {

    private static final Pattern PROJECT_VERSION =
            Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL);

    /** The checkout named by {@code -Dflashsale.root}, else the working directory or its parent (a module). */
    public static Artifacts locate() {
        String given = System.getProperty("flashsale.root");
        Path root = given == null || given.isBlank() ? Path.of("").toAbsolutePath() : Path.of(given).toAbsolutePath();
        if (!Files.isDirectory(root.resolve("order-api")) && root.getParent() != null
                && Files.isDirectory(root.getParent().resolve("order-api"))) {
            root = root.getParent();
        }
        String version = System.getProperty("flashsale.version");
        if (version == null || version.isBlank()) {
            version = versionOf(root.resolve("pom.xml"));
        }
        return new Artifacts(root.normalize(), version);
    }

    private static String versionOf(Path pom) {
        try {
            Matcher matcher = PROJECT_VERSION.matcher(Files.readString(pom));
            if (!matcher.find()) {
                throw new IllegalStateException("no project version in " + pom);
            }
            return matcher.group(1).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + pom + ": run from the repository root", e);
        }
    }

    public Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public Path processorJar() {
        return root.resolve("inventory-processor/target/inventory-processor-" + version + "-exec.jar");
    }

    public Path apiJar() {
        return root.resolve("order-api/target/order-api-" + version + "-exec.jar");
    }

    private Path launcherLib() {
        return root.resolve("local-launcher/target/lib");
    }

    private Path launcherJar() {
        return root.resolve("local-launcher/target/local-launcher-" + version + ".jar");
    }

    /** Kafka's broker and tools and {@code EmbeddedPostgresMain}, as {@code bin/run-local} runs them. */
    public String launcherClassPath() {
        return launcherLib() + "/*" + java.io.File.pathSeparator + launcherJar();
    }

    /** The files a run needs that are not built yet. */
    public List<Path> missing() {
        List<Path> missing = new ArrayList<>();
        for (Path path : List.of(processorJar(), apiJar(), launcherLib(), launcherJar())) {
            if (!Files.exists(path)) {
                missing.add(path);
            }
        }
        return missing;
    }
}
