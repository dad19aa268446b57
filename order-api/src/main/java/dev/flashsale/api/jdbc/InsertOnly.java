package dev.flashsale.api.jdbc;

/**
 * Repository fragment for aggregates whose id is assigned before they are stored. Spring Data's {@code save} takes a
 * set id for an existing row and updates nothing; an insert that fails on a duplicate is what the callers need.
 */
public interface InsertOnly<T> {

    /** Inserts the aggregate with its children, throwing {@code DuplicateKeyException} if a unique key is taken. */
    T insert(T aggregate);
}
