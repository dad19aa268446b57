package dev.flashsale.benchmark.baseline;

import java.net.URI;
import java.util.List;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * flashsale's REST contract for products and orders, answered by {@link LockingCheckout} under
 * {@code /{locking}/api}. An order's answer already carries its final status: {@code 201} with {@code ACCEPTED} or
 * {@code REJECTED}. The {@code Authorization} header is ignored: the baseline measures the locking, not security.
 */
@RestController
@RequestMapping("/{locking}/api")
class CheckoutController {

    private final LockingCheckout checkout;

    CheckoutController(LockingCheckout checkout) {
        this.checkout = checkout;
    }

    @PostMapping("/products")
    ResponseEntity<LockingCheckout.Product> stock(@PathVariable String locking, @RequestBody NewProduct request) {
        Locking.ofPath(locking);
        LockingCheckout.Product product = checkout.stock(request.name(), request.price(), request.stock());
        return ResponseEntity.created(URI.create("/" + locking + "/api/products/" + product.id())).body(product);
    }

    @GetMapping("/products/{id}")
    LockingCheckout.Product product(@PathVariable String locking, @PathVariable String id) {
        Locking.ofPath(locking);
        return checkout.product(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/orders")
    ResponseEntity<Receipt> place(@PathVariable String locking, @RequestBody PlaceOrder request) {
        if (request.items() == null || request.items().size() != 1 || request.items().get(0).quantity() < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "exactly one item with a positive quantity");
        }
        Item item = request.items().get(0);
        LockingCheckout.Order order = checkout.place(Locking.ofPath(locking), request.customerId(), item.productId(),
                item.quantity()).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "unknown product " + item.productId()));
        return ResponseEntity.created(URI.create("/" + locking + "/api/orders/" + order.orderId()))
                .body(new Receipt(order.orderId(), order.status()));
    }

    @GetMapping("/orders/{orderId}")
    LockingCheckout.Order order(@PathVariable String locking, @PathVariable String orderId) {
        Locking.ofPath(locking);
        return checkout.order(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    record NewProduct(String name, long price, int stock) {
    }

    record PlaceOrder(String customerId, List<Item> items) {
    }

    record Item(String productId, int quantity) {
    }

    record Receipt(String orderId, String status) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Schema {

        @Bean
        ApplicationRunner createBaselineSchema(LockingCheckout checkout) {
            return arguments -> checkout.createSchema();
        }
    }
}
