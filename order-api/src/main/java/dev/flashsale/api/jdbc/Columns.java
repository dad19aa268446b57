package dev.flashsale.api.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a multi-row statement as one text array per column, to be taken apart by {@code unnest} and cast in
 * SQL ({@code unnest(?::varchar[], ?::timestamptz[], ?::uuid[], ?::bigint[])}): one statement and one round trip for
 * a whole batch, with a text the driver prepares once. Values travel as their {@code toString()}, which for an
 * {@link java.time.Instant} is ISO-8601 at its full precision; null stays null.
 */
public final class Columns {

    private final List<List<String>> columns;

    public Columns(int rows, int width) {
        this.columns = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            columns.add(new ArrayList<>(rows));
        }
    }

    /** Adds a row: one value per column, in the order of the statement's arrays. */
    public void add(Object... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + columns.size() + " values, not " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            columns.get(i).add(row[i] == null ? null : row[i].toString());
        }
    }

    public boolean isEmpty() {
        return columns.get(0).isEmpty();
    }

    /** One {@code String[]} per column, for the statement's positional parameters. */
    public Object[] arrays() {
        return columns.stream().map(column -> column.toArray(String[]::new)).toArray();
    }
}
