package dev.flashsale.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Disregards an {@code Accept} header that does not parse, as RFC 9110 (section 12.5.1) allows: otherwise Spring MVC
 * fails content negotiation on it and answers 406 with an empty body, even for an error that has a problem document
 * to tell.
 */
class LenientAcceptFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(parses(request.getHeaders(HttpHeaders.ACCEPT)) ? request : new WithoutAccept(request),
                response);
    }

    private static boolean parses(Enumeration<String> accept) {
        try {
            for (String value : Collections.list(accept)) {
                MediaType.parseMediaTypes(value).forEach(MediaType::getQualityValue);
            }
            return true;
        } catch (IllegalArgumentException e) {
            // InvalidMediaTypeException among them
            return false;
        }
    }

    private static final class WithoutAccept extends HttpServletRequestWrapper {

        WithoutAccept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }
}
