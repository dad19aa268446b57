package dev.flashsale.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU and heap of the processes under test during one run. CPU comes from {@code /proc/<pid>/stat} (user + system
 * time, all threads) at the start and the end; heap from one {@code jstat -gc <pid> 250} per JVM, sampled for the
 * whole run so the peak is seen, not only the end. {@code postgres} is every PostgreSQL server process together.
 */
final class ProcessWatch implements AutoCloseable {

    static final String POSTGRES = "postgres";
    static final String LOAD_GENERATOR = "load-generator";
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ; 100 on every Linux this runs on

    /**
     * @param cores       CPU seconds per wall-clock second: 1.0 is one core busy for the whole run
     * @param heapPeakMb  highest used heap seen (young + old), -1 when not a JVM
     * @param gcSeconds   time spent in GC pauses and concurrent cycles during the run
     */
    record Usage(long pid, double cpuSeconds, double cores, double heapPeakMb, double heapCommittedMb,
            double gcSeconds) {
    }

    private final Map<String, Long> pids;
    private final Map<String, Double> cpuAtStart = new LinkedHashMap<>();
    private final Map<String, HeapSampler> heaps = new LinkedHashMap<>();
    private final long startNanos;

    ProcessWatch(Map<String, Long> javaPids, boolean withPostgres) {
        this.pids = new LinkedHashMap<>(javaPids);
        if (withPostgres) {
            pids.put(POSTGRES, -1L);
        }
        pids.forEach((name, pid) -> cpuAtStart.put(name, cpuSeconds(pid)));
        javaPids.forEach((name, pid) -> heaps.put(name, new HeapSampler(pid)));
        startNanos = System.nanoTime();
    }

    Map<String, Usage> stop() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Usage> usage = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double cpu = cpuSeconds(pid) - cpuAtStart.get(name);
            HeapSampler heap = heaps.get(name);
            if (heap != null) {
                heap.close();
            }
            usage.put(name, new Usage(pid, round(cpu), round(cpu / wall),
                    heap == null ? -1 : round(heap.peakUsedMb), heap == null ? -1 : round(heap.committedMb),
                    heap == null ? 0 : round(heap.gcSeconds())));
        });
        return usage;
    }

    @Override
    public void close() {
        heaps.values().forEach(HeapSampler::close);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * User + system CPU seconds of a process, or of PostgreSQL for {@code -1}: its live processes, plus what the
     * postmaster has collected from the backends that already exited (one per closed connection), so the sum only
     * grows.
     */
    static double cpuSeconds(long pid) {
        if (pid >= 0) {
            return ticks(Path.of("/proc", Long.toString(pid), "stat"), false) / TICKS_PER_SECOND;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(ProcessWatch::isPostgres)
                    .mapToLong(p -> ticks(p.resolve("stat"), !isPostgres(Path.of("/proc", parent(p)))))
                    .sum() / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String parent(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ")[1];
        } catch (IOException | RuntimeException e) {
            return "0";
        }
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip().equals(POSTGRES);
        } catch (IOException e) {
            return false;
        }
    }

    private static long ticks(Path stat, boolean withExitedChildren) {
        try {
            String line = Files.readString(stat);
            // The command name may contain spaces and parentheses: fields are counted after its closing one.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
            return withExitedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0; // the process is gone; its time went with it
        }
    }

    /** Follows {@code jstat -gc} for one JVM. */
    private static final class HeapSampler {

        private final Process jstat;
        private final Thread reader;
        private volatile double peakUsedMb;
        private volatile double committedMb;
        private volatile double gcAtStart = -1;
        private volatile double gcNow;

        HeapSampler(long pid) {
            Process started;
            try {
                started = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "250")
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                started = null;
            }
            jstat = started;
            reader = new Thread(this::read, "jstat-" + pid);
            reader.setDaemon(true);
            if (jstat != null) {
                reader.start();
            }
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
                List<String> header = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] cells = line.trim().split("\\s+");
                    if (cells.length == 0 || cells[0].isEmpty()) {
                        continue;
                    }
                    if (!Character.isDigit(cells[0].charAt(0))) {
                        header = new ArrayList<>(Arrays.asList(cells));
                        continue;
                    }
                    if (header == null || cells.length != header.size()) {
                        continue;
                    }
                    take(header, cells);
                }
            } catch (IOException | RuntimeException e) {
                // jstat stopped; what was sampled stands
            }
        }

        private void take(List<String> header, String[] cells) {
            double usedKb = sum(header, cells, "S0U", "S1U", "EU", "OU");
            double committedKb = sum(header, cells, "S0C", "S1C", "EC", "OC");
            peakUsedMb = Math.max(peakUsedMb, usedKb / 1024);
            committedMb = committedKb / 1024;
            double gc = sum(header, cells, "GCT");
            if (gcAtStart < 0) {
                gcAtStart = gc;
            }
            gcNow = gc;
        }

        private static double sum(List<String> header, String[] cells, String... columns) {
            double sum = 0;
            for (String column : columns) {
                int index = header.indexOf(column);
                if (index >= 0 && !cells[index].equals("-")) {
                    sum += Double.parseDouble(cells[index]);
                }
            }
            return sum;
        }

        double gcSeconds() {
            return gcAtStart < 0 ? 0 : gcNow - gcAtStart;
        }

        void close() {
            if (jstat != null && jstat.isAlive()) {
                jstat.destroy();
            }
        }
    }
}
