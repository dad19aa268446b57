package dev.flashsale.api;

import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Bearer tokens on the whole API: an unusable one is answered 401 with a challenge, a buyer's cannot change the
 * catalog; both as problem documents.
 */
@WholeOrderApiTest
class ApiSecurityIntegrationTest extends OrderApiIntegrationSupport {

    static Stream<Arguments> unusableTokens() {
        return Stream.of(
                arguments("no token", null, "Bearer"),
                arguments("expired", bearer(TestTokens.expired("c-1")), "invalid_token"),
                arguments("forged", bearer(TestTokens.forged("c-1")), "invalid_token"),
                arguments("not a JWT", "Bearer not.a.jwt", "invalid_token"),
                arguments("another scheme", "Basic YWRtaW46YWRtaW4=", "Bearer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableTokens")
    void unusableTokenIsUnauthorizedWithAChallenge(String description, String authorization, String challenge) {
        var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"p-1\", \"quantity\": 1}]}");
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }

        MvcTestResult result = request.exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.status").isEqualTo(401);
        assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
                .contains(challenge);
    }

    @Test
    void buyerTokenCannotChangeTheCatalog() {
        MvcTestResult result = mvc.post().uri("/api/products").header(HttpHeaders.AUTHORIZATION, bearer(buyer("c-1")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"P\", \"price\": 1, \"stock\": 1}")
                .exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
    }
}
