package dev.flashsale.api.order.status.web;

import dev.flashsale.api.order.status.StatusEvent;
import dev.flashsale.api.order.status.StatusEventId;
import dev.flashsale.api.order.status.PlaceInLineEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The contract of {@link StatusStreamController} as clients see it, for {@code /v3/api-docs} and Swagger UI, and the
 * constraints on what it takes (Bean Validation wants a parameter's constraints where the method is first declared).
 */
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
interface StatusStreamDocs {

    String PROBLEM = "application/problem+json";
    String EVENT_STREAM = "text/event-stream";

    /** A UUID, as the API gives every order. */
    String ORDER_ID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Operation(summary = "Follow one of your orders as Server-Sent Events",
            description = """
                    A `text/event-stream`, read as an `EventSource` reads it (in a browser with `fetch()` or an \
                    EventSource client that sends the bearer token: the built-in one cannot). At once a `status` \
                    event with the order's status now, then one for each change: ACCEPTED with `paymentDeadline`, \
                    REJECTED with `reason` and `rejectedProductId`, PAID, CANCELLED, EXPIRED. The stream ends after \
                    a final status (`"final": true`). Each event's `id` is the status it reports: a client that \
                    reconnects with `Last-Event-ID` (EventSource clients do so by themselves) gets each status \
                    reached since, and nothing else, from any API instance; if that ID is a final status it is \
                    answered 204, which tells an `EventSource` to stop. A comment line (`:`) comes every 15 s by \
                    default, so that proxies keep the connection. The data is JSON; fields that do not apply are \
                    absent, and more may come (ignore the ones you do not know). Another buyer's order is 404. Each \
                    API instance holds a limited number of streams (1,000 by default); past it 503 with Retry-After. \
                    While the order is PENDING, its `status` event carries `placeInLine` (each item's place in its \
                    product's line, where known) and `position` events (data: `PlaceInLineEvent`, no `id`, so \
                    `Last-Event-ID` stays the status) follow each time a place moves forward; a place never goes \
                    up, and the last `position` event, all 0, comes just before the status that decided the order.""")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = EVENT_STREAM,
                    schema = @Schema(oneOf = { StatusEvent.class, PlaceInLineEvent.class }),
                    examples = @ExampleObject("""
                            id:PENDING
                            event:status
                            data:{"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","status":"PENDING",\
                            "at":"2025-11-26T21:26:00.123456Z","final":false,\
                            "placeInLine":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","position":42,\
                            "estimatedWaitSeconds":0.1}]}

                            event:position
                            data:{"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37",\
                            "placeInLine":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","position":7,\
                            "estimatedWaitSeconds":0.1}]}

                            event:position
                            data:{"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37",\
                            "placeInLine":[{"productId":"3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11","position":0}]}

                            id:ACCEPTED
                            event:status
                            data:{"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","status":"ACCEPTED",\
                            "at":"2025-11-26T21:26:00.140211Z","final":false,\
                            "paymentDeadline":"2025-11-26T21:36:00.140211Z"}

                            :

                            id:PAID
                            event:status
                            data:{"orderId":"8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37","status":"PAID",\
                            "at":"2025-11-26T21:27:12.402117Z","final":true,"paymentReference":"psp-4711",\
                            "amount":198000}
                            """)))
    @ApiResponse(responseCode = "204", description = "`Last-Event-ID` is the order's final status: nothing more "
            + "will come", content = @Content)
    @ApiResponse(responseCode = "400", description = "The order ID is not a UUID, or `Last-Event-ID` is not an ID this "
            + "API sent; `errors` names which", content = @Content(mediaType = PROBLEM, examples = @ExampleObject("""
                    {"title":"Bad Request","status":400,"detail":"Invalid request content.",
                     "instance":"/api/orders/8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37/events",
                     "errors":[{"field":"Last-Event-ID",
                                "message":"must be an event ID this API sent, such as ACCEPTED"}]}
                    """)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such order of yours", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "406", description = "`Accept` excludes `text/event-stream`",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "503", description = "This API instance holds as many streams as it may; retry after "
            + "Retry-After seconds", content = @Content(mediaType = PROBLEM))
    ResponseEntity<SseEmitter> events(
            @Pattern(regexp = ORDER_ID_PATTERN, message = "must be a UUID")
            String orderId,
            @Parameter(description = "The `id` of the last event the client has; sent by an `EventSource` when it "
                    + "reconnects", example = "ACCEPTED",
                    schema = @Schema(type = "string", pattern = "^" + StatusEventId.PATTERN + "$"))
            @Pattern(regexp = StatusEventId.PATTERN, message = "must be an event ID this API sent, such as ACCEPTED")
            String lastEventId,
            @Parameter(hidden = true) Jwt token);
}
