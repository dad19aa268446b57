package dev.flashsale.api.order.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The contract of {@link OrderController} as clients see it: what each operation does, answers and takes, for
 * {@code /v3/api-docs} and Swagger UI, and the constraints on what it takes (Bean Validation wants a parameter's
 * constraints where the method is first declared). The controller implements it and keeps the HTTP mapping; Spring MVC
 * and springdoc merge the parameter annotations of both.
 */
@Tag(name = "Orders", description = "Placing orders and following them to a decision. The buyer is the bearer "
        + "token's subject.")
@SecurityRequirement(name = "bearer")
interface OrderApiDocs {

    String PROBLEM = "application/problem+json";

    @Operation(summary = "Place an order",
            description = "A cart of 1 to 50 items, one per product. Answers once the order is recorded and Kafka has "
                    + "acknowledged its requests; follow the "
                    + "Location, with `?wait=5s` to be answered as soon as it is decided. Send an Idempotency-Key to "
                    + "retry safely: the same key with the same body always answers with the same order, for at least "
                    + "24 hours; the same key with another body is refused with 422. A product this instance knows "
                    + "to be sold out is refused at once with 409 SOLD_OUT and nothing is placed.")
    @ApiResponse(responseCode = "201", description = "With `Prefer: wait=N`: decided within the wait; the order, "
            + "as GET /api/orders/{orderId} shows it",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "202", description = "Received; Location names the order",
            content = @Content(examples = @ExampleObject("""
                    {"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","status":"PENDING"}
                    """)))
    @ApiResponse(responseCode = "400", description = "Invalid body or header, an unknown product, more than 50 items "
            + "or two items for one product; `errors` names each field at fault",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject("""
                    {"title":"Bad Request","status":400,"detail":"Invalid request content.",
                     "instance":"/api/orders","errors":[{"field":"items[0].quantity",
                     "message":"must be less than or equal to 10000"}]}
                    """)))
    @ApiResponse(responseCode = "401", description = "No bearer token, or an expired, forged or malformed one",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "The body's customerId is not the token's subject",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "Sold out: the product has no units left; nothing was placed",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject("""
                    {"title":"Conflict","status":409,"detail":"Product '3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11' is sold \
                    out","instance":"/api/orders","code":"SOLD_OUT","productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11"}
                    """)))
    @ApiResponse(responseCode = "413", description = "Body larger than the limit (64 KiB by default)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used before for a different body",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "429", description = "Too many orders from this buyer; retry after Retry-After seconds",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing was placed. Retry after "
            + "Retry-After seconds, with the same Idempotency-Key", content = @Content(mediaType = PROBLEM))
    ResponseEntity<OrderReceipt> place(
            @Parameter(description = "Client-chosen key, 1..128 printable ASCII characters, unique per buyer; "
                    + "remembered for at least 24 hours", example = "2b9d8c1e-retry-key")
            @Pattern(regexp = OrderController.IDEMPOTENCY_KEY_PATTERN,
                    message = "must be 1 to 128 printable ASCII characters")
            String idempotencyKey,
            @Parameter(in = ParameterIn.HEADER, name = PreferredWait.HEADER, required = false,
                    description = "RFC 7240 `wait=N`: answer as soon as the order is decided, within N seconds "
                            + "(at most 30): 201 with the order, ACCEPTED or REJECTED, and `Preference-Applied`; 202 "
                            + "as without it once the wait is over. One request instead of a submission and a long-poll",
                    example = "wait=10", schema = @Schema(type = "string"))
            @Valid PlaceOrderRequest request,
            @Parameter(hidden = true) Jwt token,
            UriComponentsBuilder uris);

    @Operation(summary = "Get one of your orders and its status",
            description = "Status is PENDING, ACCEPTED (pay by `paymentDeadline`), REJECTED (`reason`, "
                    + "`rejectedProductId`), PAID, CANCELLED or EXPIRED; `history` lists each with its time. With "
                    + "`wait`, a PENDING order is answered as soon as it is accepted or rejected, or when the wait is "
                    + "over (then still PENDING); the wait holds no server thread. Another buyer's order is 404.")
    @ApiResponse(responseCode = "200", description = "The order", content = @Content(examples = @ExampleObject("""
            {"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","customerId":"c-1",
             "items":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","quantity":2}],"total":198000,
             "status":"ACCEPTED","reason":null,"paymentDeadline":"2025-11-26T21:36:00.140211Z",
             "history":[{"status":"PENDING","at":"2025-11-26T21:26:00.123456Z"},
                        {"status":"ACCEPTED","at":"2025-11-26T21:26:00.140211Z"}],
             "createdAt":"2025-11-26T21:26:00.123456Z","updatedAt":"2025-11-26T21:26:00.140211Z"}
            """)))
    @ApiResponse(responseCode = "400", description = "wait is not a duration",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such order of yours", content = @Content(mediaType = PROBLEM))
    DeferredResult<OrderView> get(String orderId,
            @Parameter(description = "Long-poll: how long to wait for a decision, such as `5s` or `500ms` (a bare "
                    + "number is seconds); at most 30 s, longer waits are shortened to that",
                    example = "5s", schema = @Schema(type = "string", pattern = "^\\d{1,9}(ms|s)?$"))
            String wait,
            @Parameter(hidden = true) Jwt token);

    @Operation(summary = "Pay for one of your accepted orders",
            description = "The amount must be the order's `total`. Answers with the order once the order aggregator "
                    + "has decided: 200 PAID, or 409 if it refused (such as a payment that came after the deadline: "
                    + "409 EXPIRED). Without an answer within 10 s: 202, and the order's Location to follow. A 409 "
                    + "for a PAID order names its `paymentReference`, so a client retrying its own payment knows it "
                    + "went through.")
    @ApiResponse(responseCode = "200", description = "Paid", content = @Content(examples = @ExampleObject("""
            {"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","customerId":"c-1",
             "items":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","quantity":2}],"total":198000,
             "status":"PAID","reason":null,"paymentReference":"psp-4711","amount":198000,
             "history":[{"status":"PENDING","at":"2025-11-26T21:26:00.123456Z"},
                        {"status":"ACCEPTED","at":"2025-11-26T21:26:00.140211Z"},
                        {"status":"PAID","at":"2025-11-26T21:27:12.402117Z"}],
             "createdAt":"2025-11-26T21:26:00.123456Z","updatedAt":"2025-11-26T21:27:12.402117Z"}
            """)))
    @ApiResponse(responseCode = "202", description = "Sent, not yet decided; Location names the order",
            content = @Content)
    @ApiResponse(responseCode = "400", description = "Invalid body; `errors` names each field at fault",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such order of yours", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "The order is not ACCEPTED (any more); `currentStatus` says what "
            + "it is", content = @Content(mediaType = PROBLEM, examples = @ExampleObject("""
                    {"title":"Conflict","status":409,"detail":"Order '8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37' is PAID \
                    and cannot be paid","instance":"/api/orders/8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37/payment",\
                    "code":"STATUS_CONFLICT","currentStatus":"PAID","paymentReference":"psp-4711"}
                    """)))
    @ApiResponse(responseCode = "422", description = "The amount is not the order's total, which `total` gives",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject("""
                    {"title":"Unprocessable Content","status":422,"detail":"Order \
                    '8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37' costs 198000, not 99000","code":"AMOUNT_MISMATCH",\
                    "total":198000}
                    """)))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing was sent. Retry after "
            + "Retry-After seconds", content = @Content(mediaType = PROBLEM))
    DeferredResult<ResponseEntity<OrderView>> pay(String orderId, @Valid PaymentRequest request,
            @Parameter(hidden = true) Jwt token, UriComponentsBuilder uris);

    @Operation(summary = "Cancel one of your pending or accepted orders",
            description = "No body needed. The reserved units go back on sale. Answers with the order once the order "
                    + "aggregator has decided: 200 CANCELLED, or 409 if it refused (the order was paid, rejected or "
                    + "expired meanwhile). Without an answer within 10 s: 202, and the order's Location to follow.")
    @ApiResponse(responseCode = "200", description = "Cancelled", content = @Content(examples = @ExampleObject("""
            {"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","customerId":"c-1",
             "items":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","quantity":2}],"total":198000,
             "status":"CANCELLED","reason":null,
             "history":[{"status":"PENDING","at":"2025-11-26T21:26:00.123456Z"},
                        {"status":"ACCEPTED","at":"2025-11-26T21:26:00.140211Z"},
                        {"status":"CANCELLED","at":"2025-11-26T21:27:12.402117Z"}],
             "createdAt":"2025-11-26T21:26:00.123456Z","updatedAt":"2025-11-26T21:27:12.402117Z"}
            """)))
    @ApiResponse(responseCode = "202", description = "Sent, not yet decided; Location names the order",
            content = @Content)
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such order of yours", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "The order is REJECTED, PAID, CANCELLED or EXPIRED; "
            + "`currentStatus` says which", content = @Content(mediaType = PROBLEM, examples = @ExampleObject("""
                    {"title":"Conflict","status":409,"detail":"Order '8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37' is PAID \
                    and cannot be cancelled","code":"STATUS_CONFLICT","currentStatus":"PAID",\
                    "paymentReference":"psp-4711"}
                    """)))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing was sent. Retry after "
            + "Retry-After seconds", content = @Content(mediaType = PROBLEM))
    DeferredResult<ResponseEntity<OrderView>> cancel(String orderId, @Parameter(hidden = true) Jwt token,
            UriComponentsBuilder uris);
}
