package dev.flashsale.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** What the figures were measured on, and how busy it already was when the run began. */
record Machine(String cpu, int cores, long memoryMb, String kernel, String java, String loadAverageAtStart) {

    static Machine describe() {
        String cpu = read("/proc/cpuinfo").flatMap(text -> text.lines()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip())).orElse("unknown");
        long memoryKb = read("/proc/meminfo").flatMap(text -> text.lines()
                .filter(line -> line.startsWith("MemTotal")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))).orElse(0L);
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String load = read("/proc/loadavg")
                .map(text -> String.join(" ", Arrays.copyOf(text.strip().split(" "), 3)))
                .orElse("unknown");
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memoryKb / 1024, kernel, java, load);
    }

    /** The one-minute load average now: how busy the machine already is before a run starts. */
    static double loadAverage() {
        return read("/proc/loadavg").map(text -> Double.parseDouble(text.split(" ")[0])).orElse(-1.0);
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
