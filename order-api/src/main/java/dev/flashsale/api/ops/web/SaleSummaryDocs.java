package dev.flashsale.api.ops.web;

import dev.flashsale.api.ops.SaleSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;

/** The contract of {@link SaleSummaryController} as clients see it, for {@code /v3/api-docs} and Swagger UI. */
@Tag(name = "Sale", description = "How a sale is going, for the operator view of the sale page; needs scope `admin`")
@SecurityRequirement(name = "bearer")
interface SaleSummaryDocs {

    String PROBLEM = "application/problem+json";

    @Operation(summary = "This API instance's counts of the sale so far, and the processor's lag",
            description = """
                    Orders accepted and rejected as applied to this instance's read model, orders it refused as \
                    sold out, the decision latency's count, sum and recent maximum, and the order requests the \
                    inventory processor has not consumed yet. Counts only grow (from this instance's start): poll \
                    it and divide the differences by the time between two `at` for rates per second. With several \
                    API instances each counts what it saw; Prometheus (`/actuator/prometheus`) sums them.""")
    @ApiResponse(responseCode = "200", description = "The summary",
            content = @Content(schema = @Schema(implementation = SaleSummary.class), examples = @ExampleObject("""
                    {"at":"2026-12-06T08:00:01.250Z","accepted":100,"rejected":1417,"soldOut":483,
                     "decisionLatency":{"count":1517,"totalMillis":40211.5,"maxMillis":212.4},"processorLag":0}
                    """)))
    @ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "A token without scope `admin`",
            content = @Content(mediaType = PROBLEM))
    ResponseEntity<SaleSummary> summary();
}
