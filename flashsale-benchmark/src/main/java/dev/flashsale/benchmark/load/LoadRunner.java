package dev.flashsale.benchmark.load;

import io.gatling.app.Gatling$;
import java.nio.file.Path;

/** Runs one {@link LoadPlan} through Gatling, in this JVM, and returns what the buyers saw. */
public final class LoadRunner {

    private final Path resultsFolder;

    public LoadRunner(Path resultsFolder) {
        this.resultsFolder = resultsFolder;
    }

    public LoadRecorder run(LoadPlan plan) {
        LoadRecorder recorder = new LoadRecorder(System.nanoTime());
        LoadPlan.install(plan, recorder);
        try {
            // -nr: the HTML report would take longer than a quick run; the simulation log stays for Gatling's tools.
            int status = Gatling$.MODULE$.fromArgs(new String[] {
                    "-s", FlashSaleSimulation.class.getName(),
                    "-rf", resultsFolder.toAbsolutePath().toString(),
                    "-rd", plan.label(),
                    "-nr" });
            if (status != 0) {
                throw new IllegalStateException("Gatling ended run '" + plan.label() + "' with status " + status);
            }
            return recorder;
        } finally {
            LoadPlan.install(null, null);
        }
    }
}
