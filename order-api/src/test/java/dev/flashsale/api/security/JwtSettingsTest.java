package dev.flashsale.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The API refuses to start unless it can verify tokens, and never with a guessable secret. */
class JwtSettingsTest {

    @Test
    void refusesToStartWithoutSecretOrIssuer() {
        assertThatThrownBy(() -> new JwtSettings(" ", "", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_SECRET").hasMessageContaining("JWT_JWK_SET_URI");
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new JwtSettings("x".repeat(31), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32");
    }

    @Test
    void refusesThePlaceholderOfTheExampleEnvironment() {
        assertThatThrownBy(() -> new JwtSettings("change-me-to-a-random-secret-of-32-bytes-or-more", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("placeholder");
    }

    @Test
    void needsNoSecretWhenAnIssuerSignsTheTokens() {
        JwtSettings settings = new JwtSettings("", "https://issuer.example/jwks", "https://issuer.example");

        assertThat(settings.usesIssuer()).isTrue();
        assertThat(settings.secret()).isNull();
        assertThat(new SecurityConfig().jwtDecoder(settings)).isNotNull();
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new JwtSettings("s".repeat(40), null, null).toString()).doesNotContain("sss");
    }
}
