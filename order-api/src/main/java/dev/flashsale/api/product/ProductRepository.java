package dev.flashsale.api.product;

import dev.flashsale.api.jdbc.InsertOnly;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface ProductRepository extends Repository<Product, String>, InsertOnly<Product> {

    Optional<Product> findById(String id);

    boolean existsById(String id);

    Page<Product> findAll(Pageable pageable);

    void deleteById(String id);

    /** @return rows changed: 0 for an unknown product */
    @Modifying
    @Query("UPDATE products SET max_per_customer = :limit WHERE id = :id")
    int setMaxPerCustomer(@Param("id") String id, @Param("limit") Integer limit);

    /** @return rows changed: 0 for an unknown product */
    @Modifying
    @Query("UPDATE products SET payment_window_millis = :millis WHERE id = :id")
    int setPaymentWindowMillis(@Param("id") String id, @Param("millis") Long millis);
}
