package dev.flashsale.api.security;

import dev.flashsale.api.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 for a valid token without the scope the endpoint needs, with RFC 6750's {@code insufficient_scope}. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        challenge.handle(request, response, exception);
        ProblemResponses.send(request, response, HttpStatus.FORBIDDEN,
                "The token does not grant this operation; it needs the scope 'admin'.", Map.of());
    }
}
