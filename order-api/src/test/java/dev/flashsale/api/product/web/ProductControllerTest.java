package dev.flashsale.api.product.web;

import static dev.flashsale.api.web.ProblemAssertions.assertProblem;
import static dev.flashsale.api.web.ProblemAssertions.assertProblemNamingField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import dev.flashsale.api.TestTokens;
import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.api.product.Product;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.api.product.ProductNotFoundException;
import dev.flashsale.api.security.SecurityConfig;
import dev.flashsale.api.web.WebConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@WebMvcTest(ProductController.class)
@Import({ SecurityConfig.class, WebConfig.class })
@TestPropertySource(properties = TestTokens.SECRET_PROPERTY)
class ProductControllerTest {

    private static final Instant NOW = Instant.parse("2025-11-26T21:26:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ProductCatalog catalog;

    @Test
    void createsProductAndAnswersWithItsLocation() {
        given(catalog.create("Flash phone", 99_000, 100, null)).willReturn(product("p-1", "Flash phone", 99_000, 100));

        MvcTestResult result = postProduct("""
                {"name": "Flash phone", "price": 99000, "stock": 100}
                """);

        assertThat(result).hasStatus(HttpStatus.CREATED)
                .hasHeader(HttpHeaders.LOCATION, "http://localhost/api/products/p-1")
                .bodyJson().isStrictlyEqualTo("""
                        {"id": "p-1", "name": "Flash phone", "price": 99000, "available": 100}
                        """);
    }

    @Test
    void acceptsFreeProductWithNoStock() {
        given(catalog.create("Sold out", 0, 0, null)).willReturn(product("p-0", "Sold out", 0, 0));

        MvcTestResult result = postProduct("""
                {"name": "Sold out", "price": 0, "stock": 0}
                """);

        assertThat(result).hasStatus(HttpStatus.CREATED);
    }

    static Stream<Arguments> invalidProducts() {
        return Stream.of(
                arguments("negative price", """
                        {"name": "P", "price": -1, "stock": 1}""", "price"),
                arguments("stock over the limit", """
                        {"name": "P", "price": 1, "stock": 1000001}""", "stock"),
                arguments("negative stock", """
                        {"name": "P", "price": 1, "stock": -1}""", "stock"),
                arguments("missing name", """
                        {"price": 1, "stock": 1}""", "name"),
                arguments("blank name", """
                        {"name": "  ", "price": 1, "stock": 1}""", "name"),
                arguments("name over 200 characters", """
                        {"name": "%s", "price": 1, "stock": 1}""".formatted("n".repeat(201)), "name"),
                arguments("missing price", """
                        {"name": "P", "stock": 1}""", "price"),
                arguments("missing stock", """
                        {"name": "P", "price": 1}""", "stock"),
                arguments("price of the wrong type", """
                        {"name": "P", "price": "cheap", "stock": 1}""", "price"),
                arguments("fractional stock", """
                        {"name": "P", "price": 1, "stock": 1.5}""", "stock"),
                arguments("price over a long", """
                        {"name": "P", "price": 99999999999999999999, "stock": 1}""", "price"),
                arguments("unknown field", """
                        {"name": "P", "price": 1, "stock": 1, "colour": "red"}""", "colour"),
                arguments("malformed JSON", """
                        {"name": "P", "price": , "stock": 1}""", "price"),
                arguments("zero limit", """
                        {"name": "P", "price": 1, "stock": 1, "maxPerCustomer": 0}""", "maxPerCustomer"),
                arguments("limit not a number", """
                        {"name": "P", "price": 1, "stock": 1, "maxPerCustomer": "two"}""", "maxPerCustomer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidProducts")
    void rejectsInvalidProductNamingTheField(String description, String body, String field) {
        MvcTestResult result = postProduct(body);

        assertProblemNamingField(result, field);
        then(catalog).should(never()).create(anyString(), anyLong(), anyInt(), any());
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        MvcTestResult result = mvc.post().uri("/api/products").with(admin()).contentType(MediaType.TEXT_PLAIN)
                .content("name=P").exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void rejectsMissingBody() {
        MvcTestResult result = mvc.post().uri("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .exchange();

        assertProblem(result, HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsUnsupportedMethod() {
        MvcTestResult result = mvc.delete().uri("/api/products").with(admin()).exchange();

        assertProblem(result, HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void answersNotFoundProblemForUnknownPath() {
        MvcTestResult result = mvc.get().uri("/api/nowhere").with(admin()).exchange();

        assertProblem(result, HttpStatus.NOT_FOUND);
    }

    @Test
    void answersServiceUnavailableWhenKafkaDoesNotAcknowledge() {
        given(catalog.create("P", 1, 1, null)).willThrow(new PublishFailedException("no ack", null));

        MvcTestResult result = postProduct("""
                {"name": "P", "price": 1, "stock": 1}
                """);

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
    }

    @Test
    void showsProduct() {
        given(catalog.find("p-1")).willReturn(Optional.of(product("p-1", "Flash phone", 99_000, 42)));

        MvcTestResult result = mvc.get().uri("/api/products/p-1").exchange();

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"id": "p-1", "name": "Flash phone", "price": 99000, "available": 42}
                """);
    }

    @Test
    void answersNotFoundForUnknownProduct() {
        given(catalog.find("nope")).willReturn(Optional.empty());

        MvcTestResult result = mvc.get().uri("/api/products/nope").exchange();

        assertProblem(result, HttpStatus.NOT_FOUND);
    }

    @Test
    void listsOnePageOfProducts() {
        given(catalog.list(1, 2)).willReturn(new PageImpl<>(List.of(product("p-3", "C", 3, 3)),
                PageRequest.of(1, 2), 3));

        MvcTestResult result = mvc.get().uri("/api/products?page=1&size=2").exchange();

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"items": [{"id": "p-3", "name": "C", "price": 3, "available": 3}],
                 "page": 1, "size": 2, "totalItems": 3, "totalPages": 2}
                """);
    }

    @Test
    void refusesPagesLargerThanTheLimit() {
        MvcTestResult result = mvc.get().uri("/api/products?size=1000").exchange();

        assertProblemNamingField(result, "size");
    }

    @Test
    void refusesPageNumberThatIsNotANumber() {
        MvcTestResult result = mvc.get().uri("/api/products?page=first").exchange();

        assertProblemNamingField(result, "page");
    }

    @Test
    void acceptsStockReplenishment() {
        MvcTestResult result = postStock("p-1", """
                {"delta": 50}
                """);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).bodyJson().isStrictlyEqualTo("""
                {"productId": "p-1", "delta": 50}
                """);
        then(catalog).should().replenish("p-1", 50);
    }

    @ParameterizedTest(name = "delta {0}")
    @MethodSource
    void rejectsReplenishmentOutOfRange(String delta) {
        MvcTestResult result = postStock("p-1", "{\"delta\": " + delta + "}");

        assertProblemNamingField(result, "delta");
        then(catalog).should(never()).replenish(anyString(), anyInt());
    }

    static Stream<String> rejectsReplenishmentOutOfRange() {
        return Stream.of("0", "-5", "1000001", "null", "\"many\"");
    }

    @Test
    void answersNotFoundWhenReplenishingUnknownProduct() {
        willThrow(new ProductNotFoundException("nope")).given(catalog).replenish("nope", 5);

        MvcTestResult result = postStock("nope", """
                {"delta": 5}
                """);

        assertProblem(result, HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesCreatingProductWithoutTheAdminScope() {
        MvcTestResult result = mvc.post().uri("/api/products").with(jwt().jwt(token -> token.subject("c-1")))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "P", "price": 1, "stock": 1}
                        """).exchange();

        assertProblem(result, HttpStatus.FORBIDDEN);
        assertThat(result).hasHeader(HttpHeaders.WWW_AUTHENTICATE, """
                Bearer error="insufficient_scope", error_description="The request requires higher privileges than \
                provided by the access token.", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1\"""");
        then(catalog).should(never()).create(anyString(), anyLong(), anyInt(), any());
    }

    @Test
    void refusesReplenishingWithoutAToken() {
        MvcTestResult result = mvc.post().uri("/api/products/p-1/stock").contentType(MediaType.APPLICATION_JSON)
                .content("{\"delta\": 5}").exchange();

        assertProblem(result, HttpStatus.UNAUTHORIZED);
        then(catalog).should(never()).replenish(anyString(), anyInt());
    }

    @Test
    void showsTheCatalogWithoutAToken() {
        given(catalog.find("p-1")).willReturn(Optional.of(product("p-1", "Flash phone", 99_000, 42)));
        given(catalog.list(0, 20)).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

        assertThat(mvc.get().uri("/api/products/p-1")).hasStatusOk();
        assertThat(mvc.get().uri("/api/products")).hasStatusOk();
    }

    @Test
    void createsProductWithAPurchaseLimitAndShowsIt() {
        given(catalog.create("Flash phone", 99_000, 100, 2))
                .willReturn(limited("p-1", "Flash phone", 99_000, 100, 2));

        MvcTestResult result = postProduct("""
                {"name": "Flash phone", "price": 99000, "stock": 100, "maxPerCustomer": 2}
                """);

        assertThat(result).hasStatus(HttpStatus.CREATED).bodyJson().isStrictlyEqualTo("""
                {"id": "p-1", "name": "Flash phone", "price": 99000, "available": 100, "maxPerCustomer": 2}
                """);
    }

    @Test
    void setsAPurchaseLimitByMergePatch() {
        given(catalog.setPurchaseLimit("p-1", 2)).willReturn(limited("p-1", "Flash phone", 99_000, 42, 2));

        MvcTestResult result = patchProduct("p-1", MediaType.valueOf("application/merge-patch+json"), """
                {"maxPerCustomer": 2}
                """);

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"id": "p-1", "name": "Flash phone", "price": 99000, "available": 42, "maxPerCustomer": 2}
                """);
    }

    @Test
    void removesThePurchaseLimitWithNull() {
        given(catalog.setPurchaseLimit("p-1", null)).willReturn(product("p-1", "Flash phone", 99_000, 42));

        MvcTestResult result = patchProduct("p-1", MediaType.APPLICATION_JSON, """
                {"maxPerCustomer": null}
                """);

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"id": "p-1", "name": "Flash phone", "price": 99000, "available": 42}
                """);
        then(catalog).should().setPurchaseLimit("p-1", null);
    }

    @Test
    void setsAPaymentWindowByMergePatchAndResetsItWithNull() {
        given(catalog.setPaymentWindow("p-1", Duration.ofSeconds(30))).willReturn(new Product("p-1", "Flash phone",
                99_000, 42, 0, NOW, NOW, null, 30_000L));
        given(catalog.setPaymentWindow("p-1", null)).willReturn(product("p-1", "Flash phone", 99_000, 42));

        MvcTestResult set = patchProduct("p-1", MediaType.APPLICATION_JSON, """
                {"paymentWindow": "PT30S"}
                """);
        MvcTestResult reset = patchProduct("p-1", MediaType.APPLICATION_JSON, """
                {"paymentWindow": null}
                """);

        assertThat(set).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"id": "p-1", "name": "Flash phone", "price": 99000, "available": 42, "paymentWindow": "PT30S"}
                """);
        assertThat(reset).hasStatusOk().bodyJson().doesNotHavePath("$.paymentWindow");
        then(catalog).should().setPaymentWindow("p-1", null);
    }

    @Test
    void createsAProductWithAPaymentWindow() {
        given(catalog.create("Flash phone", 99_000, 100, null, Duration.ofSeconds(2))).willReturn(new Product("p-1",
                "Flash phone", 99_000, 100, 0, NOW, NOW, null, 2_000L));

        MvcTestResult result = mvc.post().uri("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name": "Flash phone", "price": 99000, "stock": 100, "paymentWindow": "PT2S"}
                        """).exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.paymentWindow")
                .isEqualTo("PT2S");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT0S", "P8D", "soon", "PT1.0001S", "" })
    void refusesAProductWithAnInvalidPaymentWindow(String window) {
        MvcTestResult result = mvc.post().uri("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name": "Flash phone", "price": 99000, "stock": 100, "paymentWindow": "%s"}
                        """.formatted(window)).exchange();

        assertProblemNamingField(result, "paymentWindow");
        then(catalog).shouldHaveNoInteractions();
    }

    static Stream<Arguments> invalidPatches() {
        return Stream.of(
                arguments("zero", "{\"maxPerCustomer\": 0}", "maxPerCustomer"),
                arguments("negative", "{\"maxPerCustomer\": -1}", "maxPerCustomer"),
                arguments("too large", "{\"maxPerCustomer\": 1000001}", "maxPerCustomer"),
                arguments("beyond int", "{\"maxPerCustomer\": 99999999999}", "maxPerCustomer"),
                arguments("fraction", "{\"maxPerCustomer\": 1.5}", "maxPerCustomer"),
                arguments("text", "{\"maxPerCustomer\": \"2\"}", "maxPerCustomer"),
                arguments("missing", "{}", "$"),
                arguments("window not ISO-8601", "{\"paymentWindow\": \"30s\"}", "paymentWindow"),
                arguments("window too short", "{\"paymentWindow\": \"PT0.5S\"}", "paymentWindow"),
                arguments("window too long", "{\"paymentWindow\": \"P8D\"}", "paymentWindow"),
                arguments("window negative", "{\"paymentWindow\": \"-PT30S\"}", "paymentWindow"),
                arguments("window as number", "{\"paymentWindow\": 30}", "paymentWindow"),
                arguments("another field", "{\"maxPerCustomer\": 2, \"price\": 1}", "price"),
                arguments("not an object", "[2]", "$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPatches")
    void rejectsInvalidPatchNamingTheField(String description, String body, String field) {
        MvcTestResult result = patchProduct("p-1", MediaType.APPLICATION_JSON, body);

        assertProblemNamingField(result, field);
        then(catalog).should(never()).setPurchaseLimit(anyString(), any());
    }

    @Test
    void rejectsMalformedPatch() {
        assertProblem(patchProduct("p-1", MediaType.APPLICATION_JSON, "{\"maxPerCustomer\": }"),
                HttpStatus.BAD_REQUEST);
        then(catalog).should(never()).setPurchaseLimit(anyString(), any());
    }

    @Test
    void answersNotFoundWhenPatchingUnknownProduct() {
        given(catalog.setPurchaseLimit("nope", 2)).willThrow(new ProductNotFoundException("nope"));

        assertProblem(patchProduct("nope", MediaType.APPLICATION_JSON, "{\"maxPerCustomer\": 2}"),
                HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesPatchingWithoutTheAdminScope() {
        MvcTestResult result = mvc.patch().uri("/api/products/p-1").with(jwt().jwt(token -> token.subject("c-1")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"maxPerCustomer\": 2}").exchange();

        assertProblem(result, HttpStatus.FORBIDDEN);
        then(catalog).should(never()).setPurchaseLimit(anyString(), any());
    }

    private MvcTestResult patchProduct(String productId, MediaType type, String body) {
        return mvc.patch().uri("/api/products/{id}", productId).with(admin()).contentType(type).content(body)
                .exchange();
    }

    private MvcTestResult postProduct(String body) {
        return mvc.post().uri("/api/products").with(admin()).contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
    }

    private MvcTestResult postStock(String productId, String body) {
        return mvc.post().uri("/api/products/{id}/stock", productId).with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static RequestPostProcessor admin() {
        return jwt().jwt(token -> token.subject("ops").claim("scope", "admin"));
    }

    private static Product product(String id, String name, long price, int available) {
        return limited(id, name, price, available, null);
    }

    private static Product limited(String id, String name, long price, int available, Integer maxPerCustomer) {
        return new Product(id, name, price, available, 0, NOW, NOW, maxPerCustomer, null);
    }
}
