package dev.flashsale.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.kafka.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class OrderRequestFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final OrderRequestFilter filter = new OrderRequestFilter(new OrderFlowMetrics(registry,
            Clock.systemUTC()));

    @Test
    void putsTheOrderOfTheRequestInTheLogContextWhileItRuns() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/orders/o-42"), new MockHttpServletResponse(),
                (request, response) -> seen.set(MDC.get(EventPublisher.MDC_ORDER_ID)));

        assertThat(seen).hasValue("o-42");
        assertThat(MDC.get(EventPublisher.MDC_ORDER_ID)).isNull();
    }

    @Test
    void takesAnOrderIdPutByTheRequestOutOfTheLogContextWhenItEnds() throws Exception {
        filter.doFilter(new MockHttpServletRequest("POST", "/api/orders"), new MockHttpServletResponse(),
                (request, response) -> MDC.put(EventPublisher.MDC_ORDER_ID, "o-new"));

        assertThat(MDC.get(EventPublisher.MDC_ORDER_ID)).isNull();
    }

    @Test
    void countsOrderSubmissionsByTheirAnswerAndNothingElse() throws Exception {
        filter.doFilter(new MockHttpServletRequest("POST", "/api/orders"), new MockHttpServletResponse(),
                (request, response) -> ((MockHttpServletResponse) response).setStatus(429));
        filter.doFilter(new MockHttpServletRequest("GET", "/api/orders/o-1"), new MockHttpServletResponse(),
                new MockFilterChain());

        assertThat(registry.get(OrderFlowMetrics.SUBMITTED).tag("outcome", "rate_limited").tag("status", "429")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(OrderFlowMetrics.SUBMITTED).counters()).extracting(counter -> counter.count())
                .containsExactlyInAnyOrder(0.0, 1.0);
    }

    @Test
    void countsASubmissionThatWaitsForItsDecisionOnceWhenItIsAnswered() throws Exception {
        MockHttpServletRequest waiting = new MockHttpServletRequest("POST", "/api/orders");
        waiting.setAsyncSupported(true);

        filter.doFilter(waiting, new MockHttpServletResponse(), (request, response) -> request.startAsync());
        MockHttpServletRequest answered = new MockHttpServletRequest("POST", "/api/orders");
        answered.setDispatcherType(jakarta.servlet.DispatcherType.ASYNC);
        filter.doFilter(answered, new MockHttpServletResponse(),
                (request, response) -> ((MockHttpServletResponse) response).setStatus(201));

        assertThat(registry.get(OrderFlowMetrics.SUBMITTED).tag("status", "201").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(OrderFlowMetrics.SUBMITTED).counters()).extracting(counter -> counter.count())
                .containsExactlyInAnyOrder(0.0, 1.0);
    }
}
