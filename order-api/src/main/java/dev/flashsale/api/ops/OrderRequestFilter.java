package dev.flashsale.api.ops;

import dev.flashsale.api.kafka.EventPublisher;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Outermost filter of the API: puts the order ID of {@code /api/orders/{id}} into the log context for every line the
 * request logs (a new order's ID is put there by the publisher once it exists), takes it out when the request ends,
 * and counts every {@code POST /api/orders} by its answer, including those refused before the controller (401, 413,
 * 429).
 */
class OrderRequestFilter extends OncePerRequestFilter {

    private static final Pattern ORDER_PATH = Pattern.compile("^/api/orders/([^/]+)$");

    private final OrderFlowMetrics metrics;

    OrderRequestFilter(OrderFlowMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher order = ORDER_PATH.matcher(path);
        if (order.matches()) {
            MDC.put(EventPublisher.MDC_ORDER_ID, order.group(1));
        }
        boolean submission = "POST".equals(request.getMethod()) && "/api/orders".equals(path);
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            completed = true;
        } finally {
            MDC.remove(EventPublisher.MDC_ORDER_ID);
            // A submission that waits for its decision (Prefer: wait) is counted when its async dispatch answers.
            if (submission && !request.isAsyncStarted()) {
                metrics.submitted(completed ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        // A long-poll resumes in an async dispatch: its lines are about the same order.
        return false;
    }
}
