package dev.flashsale.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description and the Swagger UI the whole API serves.
 */
@WholeOrderApiTest
class OpenApiIntegrationTest extends OrderApiIntegrationSupport {

    @Test
    void servesOpenApiDescriptionAndSwaggerUi() {
        assertThat(mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson()
                .extractingPath("$.paths['/api/orders'].post.summary").isEqualTo("Place an order");
        assertThat(mvc.get().uri("/swagger-ui.html")).hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/api/orders'].post.responses").asMap()
                .containsKeys("202", "400", "401", "403", "409", "413", "415", "422", "429", "503");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/api/products'].post.security[0]").asMap().containsKey("bearer");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/api/orders/{orderId}'].get.parameters[*].name").asArray().contains("wait");
    }
}
