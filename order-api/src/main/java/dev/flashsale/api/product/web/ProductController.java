package dev.flashsale.api.product.web;

import dev.flashsale.api.product.Product;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.api.product.ProductNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Products", description = "The catalog and its stock: anyone may read it; changing it needs a token with "
        + "the scope admin")
class ProductController {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProductCatalog catalog;

    ProductController(ProductCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a product with its initial stock",
            description = "Answers once Kafka has acknowledged the ProductStocked event.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the product")
    @ApiResponse(responseCode = "400", description = "Invalid body; `errors` names each field at fault",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"title":"Bad Request","status":400,"detail":"Invalid request content.","instance":"/api/products",
                     "errors":[{"field":"price","message":"must be greater than or equal to 0"}]}
                    """)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "The token lacks the scope admin",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; retry after Retry-After seconds",
            content = @Content(mediaType = "application/problem+json"))
    @SecurityRequirement(name = "bearer")
    ResponseEntity<ProductView> create(@Valid @RequestBody NewProductRequest request,
            UriComponentsBuilder uris) {
        Product product = request.paymentWindow() == null
                ? catalog.create(request.name(), request.price(), request.stock(), request.maxPerCustomer())
                : catalog.create(request.name(), request.price(), request.stock(), request.maxPerCustomer(),
                        request.window());
        URI location = uris.path("/api/products/{id}").buildAndExpand(product.id()).toUri();
        return ResponseEntity.created(location).body(ProductView.of(product));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a product")
    @ApiResponse(responseCode = "200", description = "The product", content = @Content(examples = @ExampleObject("""
            {"id":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","name":"Flash phone X","price":99000,"available":42,
             "paymentWindow":"PT30S"}
            """)))
    @ApiResponse(responseCode = "404", description = "No such product",
            content = @Content(mediaType = "application/problem+json"))
    ProductView get(@PathVariable String id) {
        return catalog.find(id).map(ProductView::of).orElseThrow(() -> new ProductNotFoundException(id));
    }

    @GetMapping
    @Operation(summary = "List products, oldest first")
    @ApiResponse(responseCode = "200", description = "One page of products")
    @ApiResponse(responseCode = "400", description = "page or size out of range",
            content = @Content(mediaType = "application/problem+json"))
    ProductPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(ProductCatalog.MAX_PAGE_SIZE) int size) {
        Page<Product> found = catalog.list(page, size);
        return new ProductPage(found.map(ProductView::of).getContent(), found.getNumber(), found.getSize(),
                found.getTotalElements(), found.getTotalPages());
    }

    @PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH })
    @Operation(summary = "Change a product's per-customer purchase limit or its payment window",
            description = "A JSON merge patch: `{\"maxPerCustomer\": 2}` sets the limit, `{\"maxPerCustomer\": null}` "
                    + "removes it; `{\"paymentWindow\": \"PT30S\"}` sets how long buyers have to pay (PT1S..P7D), "
                    + "`{\"paymentWindow\": null}` returns it to the default. Answers once Kafka has the "
                    + "PurchaseLimitSet or PaymentWindowSet event; orders decided after the inventory processor "
                    + "applied it are held to it, earlier ones keep their decision and deadline.")
    @ApiResponse(responseCode = "200", description = "The product with its new limit")
    @ApiResponse(responseCode = "400", description = "Not an object with maxPerCustomer (null or 1..1,000,000) and/or "
            + "paymentWindow (null or an ISO-8601 duration PT1S..P7D) only; `errors` names the field",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such product", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "The token lacks the scope admin",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; retry",
            content = @Content(mediaType = PROBLEM))
    @SecurityRequirement(name = "bearer")
    ProductView patch(@PathVariable String id, @RequestBody JsonNode body) {
        ProductPatch patch = ProductPatch.from(body);
        Product product = null;
        if (patch.setsLimit()) {
            product = catalog.setPurchaseLimit(id, patch.maxPerCustomer());
        }
        if (patch.setsWindow()) {
            product = catalog.setPaymentWindow(id, patch.paymentWindow());
        }
        return ProductView.of(product);
    }

    @PostMapping(path = "/{id}/stock", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add units to a product's stock",
            description = "Accepted once Kafka has the StockReplenished event; `available` rises when the inventory "
                    + "processor has applied it.")
    @ApiResponse(responseCode = "202", description = "Accepted")
    @ApiResponse(responseCode = "400", description = "delta out of 1..1,000,000",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such product",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "The token lacks the scope admin",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; retry",
            content = @Content(mediaType = "application/problem+json"))
    @SecurityRequirement(name = "bearer")
    ResponseEntity<StockReplenishmentView> replenish(@PathVariable String id,
            @Valid @RequestBody ReplenishStockRequest request) {
        catalog.replenish(id, request.delta());
        return ResponseEntity.accepted().body(new StockReplenishmentView(id, request.delta()));
    }
}
