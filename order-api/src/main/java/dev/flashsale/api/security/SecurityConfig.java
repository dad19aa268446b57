package dev.flashsale.api.security;

import jakarta.servlet.DispatcherType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import dev.flashsale.api.web.StorableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what. Buyers authenticate with a bearer JWT whose {@code sub} is their customer ID; changing the catalog
 * and reading the sale summary need the scope {@code admin}; reading the catalog, the API description, the health and metrics
 * endpoints and the sale page's static files needs nothing. Stateless: no session, no cookie, hence no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
// Without a web server (the read-model rebuild, dev.flashsale.api.rebuild) there is nothing to secure and no key needed.
@ConditionalOnWebApplication
@EnableConfigurationProperties(JwtSettings.class)
public class SecurityConfig {

    /** The authority Spring Security derives from the {@code scope} claim's {@code admin}. */
    public static final String ADMIN = "SCOPE_admin";

    static final String[] PUBLIC = { "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**",
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info", "/error",
            // The sale page: static files without secrets; it sends the token pasted into it to /api like any client.
            "/", "/index.html", "/sale/**", "/favicon.ico" };

    /** A customer ID's limit, as in the event contract and the orders table. */
    static final int MAX_SUBJECT_LENGTH = 128;

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler();
        return http
                .authorizeHttpRequests(requests -> requests
                        // The original request was authorized; its async completion and error page need not be again.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/products", "/api/products/*/stock").hasAuthority(ADMIN)
                        .requestMatchers(HttpMethod.PATCH, "/api/products/*").hasAuthority(ADMIN)
                        .requestMatchers("/api/sale/**").hasAuthority(ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> {
                        })
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Spring Security observes every filter, authentication and authorization of every request when Micrometer is
     * there: in a flash-sale profile a sixth of the order API's CPU, for timers nobody reads, and even with those
     * observations disabled it still wraps each of its filters to ask. Not at all, then; {@code http.server.requests}
     * still times every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The one switch between an issuer's keys (production) and the shared local secret (bin/token, tests). */
    @Bean
    JwtDecoder jwtDecoder(JwtSettings settings) {
        if (settings.usesIssuer()) {
            if (settings.secret() != null) {
                log.info("JWT_SECRET is ignored: tokens are verified with the issuer's keys");
            }
            if (settings.jwkSetUri() == null) {
                // Discovery happens on the first token, so the API starts even while the issuer is unreachable.
                return new SupplierJwtDecoder(() -> withRequiredClaims(
                        (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(settings.issuerUri()),
                        settings.issuerUri()));
            }
            return withRequiredClaims(NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build(),
                    settings.issuerUri());
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(settings.secretBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        return withRequiredClaims(decoder, null);
    }

    /**
     * Beyond signature, expiry and (with an issuer) {@code iss}: a token must expire, and must name a buyer that fits a
     * customer ID, because {@code sub} becomes one: 1..128 characters the read model can store as they are.
     */
    private static NimbusJwtDecoder withRequiredClaims(NimbusJwtDecoder decoder, String issuer) {
        List<OAuth2TokenValidator<Jwt>> required = new ArrayList<>(List.of(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, expiry -> expiry != null),
                new JwtClaimValidator<String>(JwtClaimNames.SUB,
                        subject -> subject != null && !subject.isBlank() && subject.length() <= MAX_SUBJECT_LENGTH
                                && StorableText.isStorable(subject))));
        if (issuer != null) {
            required.add(new JwtIssuerValidator(issuer));
        }
        // The standard validators (expiry and not-before, with 60 s of clock skew) plus these.
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(required));
        return decoder;
    }
}
