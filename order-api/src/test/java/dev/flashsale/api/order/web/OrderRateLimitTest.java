package dev.flashsale.api.order.web;

import static dev.flashsale.api.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.times;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import dev.flashsale.api.TestTokens;
import dev.flashsale.api.order.OrderCommands;
import dev.flashsale.api.order.queue.DecisionProgressView;
import dev.flashsale.api.order.OrderService;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.api.order.PlacedOrder;
import dev.flashsale.api.security.SecurityConfig;
import dev.flashsale.api.web.WebConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Two orders at once, then one a second: a third order at once is refused, and only for that buyer. */
@WebMvcTest(OrderController.class)
@Import({ SecurityConfig.class, WebConfig.class, OrderRateLimiter.class })
@TestPropertySource(properties = { TestTokens.SECRET_PROPERTY, "flashsale.rate-limit.burst=2",
        "flashsale.rate-limit.orders-per-second=1" })
class OrderRateLimitTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    OrderService orders;

    @MockitoBean
    OrderCommands commands;

    @MockitoBean
    DecisionProgressView progress;

    @Test
    void refusesOrdersBeyondTheBurstWithRetryAfter() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
        assertThat(postOrder("greedy")).hasStatus(HttpStatus.ACCEPTED);
        assertThat(postOrder("greedy")).hasStatus(HttpStatus.ACCEPTED);

        MvcTestResult third = postOrder("greedy");

        assertProblem(third, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(third.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 2L);
        then(orders).should(times(2)).place(any());
    }

    @Test
    void limitsEachBuyerOnTheirOwn() {
        given(orders.place(any())).willReturn(new PlacedOrder(new OrderId("o-1"), OrderStatus.PENDING));
        postOrder("first");
        postOrder("first");

        MvcTestResult other = postOrder("second");

        assertThat(other).hasStatus(HttpStatus.ACCEPTED);
    }

    private MvcTestResult postOrder(String buyer) {
        return mvc.post().uri("/api/orders").with(jwt().jwt(token -> token.subject(buyer)))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"items": [{"productId": "p-1", "quantity": 1}]}
                        """).exchange();
    }
}
