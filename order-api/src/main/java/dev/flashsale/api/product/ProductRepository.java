package dev.flashsale.api.product;

import dev.flashsale.api.jdbc.InsertOnly;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface ProductRepository extends Repository<Product, String>, InsertOnly<Product> {

    Optional<Product> findById(String id);

    boolean existsById(String id);

    Page<Product> findAll(Pageable pageable);

    void deleteById(String id);
}
