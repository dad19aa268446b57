package dev.flashsale.api.jdbc;

import org.springframework.dao.DataAccessException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.transaction.annotation.Transactional;

class InsertOnlyImpl<T> implements InsertOnly<T> {

    private final JdbcAggregateOperations aggregates;

    InsertOnlyImpl(JdbcAggregateOperations aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    @Transactional
    public T insert(T aggregate) {
        try {
            return aggregates.insert(aggregate);
        } catch (DbActionExecutionException e) {
            // Spring Data wraps the failing statement's exception; callers want to catch DuplicateKeyException.
            if (e.getCause() instanceof DataAccessException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
