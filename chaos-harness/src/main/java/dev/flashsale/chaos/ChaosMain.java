package dev.flashsale.chaos;

import dev.flashsale.chaos.system.Artifacts;

/** {@code bin/chaos}: exits 0 when no invariant was violated, 1 when one was, 2 on bad arguments. */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(ChaosOptions.USAGE);
                return;
            }
        }
        Artifacts artifacts = Artifacts.locate();
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args, artifacts.root());
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.print(ChaosOptions.USAGE);
            System.exit(2);
            return;
        }
        RunReport report = new ChaosRun(options, artifacts, System.out).run();
        System.exit(report.violations() == 0 ? 0 : 1);
    }
}
