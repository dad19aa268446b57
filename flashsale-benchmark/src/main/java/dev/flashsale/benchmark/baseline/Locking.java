package dev.flashsale.benchmark.baseline;

import java.util.Arrays;

/** How the baseline keeps two buyers from taking the last unit: the two fixes the old store considered. */
enum Locking {

    /** Read the row with {@code SELECT … FOR UPDATE}, check in Java, write: the row is locked from read to commit. */
    FOR_UPDATE("for-update"),

    /** One statement, {@code UPDATE … SET available = available - ? WHERE … AND available >= ?}: one row or none. */
    CONDITIONAL("conditional");

    private final String path;

    Locking(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    static Locking ofPath(String path) {
        return Arrays.stream(values()).filter(locking -> locking.path.equals(path)).findFirst()
                .orElseThrow(() -> new UnknownLockingException(path));
    }
}
