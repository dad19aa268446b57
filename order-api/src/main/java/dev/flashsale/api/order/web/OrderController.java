package dev.flashsale.api.order.web;

import dev.flashsale.api.order.OrderNotFoundException;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.api.order.PlacedOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders", description = "Placing orders and following them to a decision")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Visible ASCII, inner spaces allowed, 1..128 characters. */
    static final String IDEMPOTENCY_KEY_PATTERN = "[\\x21-\\x7E]([\\x20-\\x7E]{0,126}[\\x21-\\x7E])?";

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Place an order",
            description = "Answers once the order is recorded and Kafka has acknowledged its request; poll the "
                    + "Location for the decision. Send an Idempotency-Key to retry safely: the same key and "
                    + "customer always answer with the same order.")
    @ApiResponse(responseCode = "202", description = "Received; Location names the order",
            content = @Content(examples = @ExampleObject("""
                    {"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","status":"PENDING"}
                    """)))
    @ApiResponse(responseCode = "400", description = "Invalid body or header, or an unknown product; `errors` names "
            + "each field at fault", content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject("""
                            {"title":"Bad Request","status":400,"detail":"Invalid request content.",
                             "instance":"/api/orders","errors":[{"field":"items[0].quantity",
                             "message":"must be less than or equal to 10000"}]}
                            """)))
    @ApiResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "More than one item: multi-line carts are not yet supported",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing was placed. Retry after "
            + "Retry-After seconds, with the same Idempotency-Key",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<OrderReceipt> place(
            @Parameter(description = "Client-chosen key, 1..128 printable ASCII characters, unique per customer",
                    example = "2b9d8c1e-retry-key")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = IDEMPOTENCY_KEY_PATTERN, message = "must be 1 to 128 printable ASCII characters")
            String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request,
            UriComponentsBuilder uris) {
        PlacedOrder placed = orders.place(request.toCommand(idempotencyKey));
        URI location = uris.path("/api/orders/{id}").buildAndExpand(placed.orderId()).toUri();
        return ResponseEntity.accepted().location(location).body(OrderReceipt.of(placed));
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "Get an order and its status")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(examples = @ExampleObject("""
            {"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","customerId":"c-1",
             "items":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","quantity":1}],
             "status":"REJECTED","reason":"OUT_OF_STOCK",
             "createdAt":"2025-11-26T21:26:00.123456Z","updatedAt":"2025-11-26T21:26:00.140211Z"}
            """)))
    @ApiResponse(responseCode = "404", description = "No such order",
            content = @Content(mediaType = "application/problem+json"))
    OrderView get(@PathVariable String orderId) {
        return orders.find(orderId).map(OrderView::of).orElseThrow(() -> new OrderNotFoundException(orderId));
    }
}
