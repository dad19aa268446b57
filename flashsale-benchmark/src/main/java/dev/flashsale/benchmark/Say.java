package dev.flashsale.benchmark;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Progress lines on standard output. Not a logger: Gatling reconfigures logging when a simulation starts, and the
 * progress of a bench run must survive that.
 */
final class Say {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Say() {
    }

    /** Prints {@code pattern} with each {@code {}} replaced by the next argument, as SLF4J would. */
    static void say(String pattern, Object... arguments) {
        StringBuilder line = new StringBuilder("bench ").append(LocalTime.now().format(TIME)).append(": ");
        int from = 0;
        for (Object argument : arguments) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            line.append(pattern, from, at).append(argument);
            from = at + 2;
        }
        line.append(pattern.substring(from));
        System.out.println(line);
    }
}
