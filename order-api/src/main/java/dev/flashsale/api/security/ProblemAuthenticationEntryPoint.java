package dev.flashsale.api.security;

import dev.flashsale.api.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a missing, expired, forged or otherwise unusable token: the {@code WWW-Authenticate: Bearer ...} challenge
 * of RFC 6750, computed by Spring Security, and a problem document naming the reason.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        challenge.commence(request, response, exception);
        String detail = exception instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null
                        ? "The bearer token was refused: " + oauth.getError().getDescription()
                        : "A bearer token is required: Authorization: Bearer <JWT>.";
        ProblemResponses.send(request, response, HttpStatus.UNAUTHORIZED, detail, Map.of());
    }
}
