package dev.flashsale.api.order.status.web;

import dev.flashsale.api.order.status.StatusEventId;
import dev.flashsale.api.order.status.StatusStreams;
import dev.flashsale.events.CustomerId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class StatusStreamController implements StatusStreamDocs {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final StatusStreams streams;

    StatusStreamController(StatusStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/api/orders/{orderId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Override
    public ResponseEntity<SseEmitter> events(@PathVariable String orderId,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
            @AuthenticationPrincipal Jwt token) {
        return streams.open(new CustomerId(token.getSubject()), orderId, StatusEventId.parse(lastEventId))
                // nginx buffers a proxied response unless told not to, which would hold events back.
                .map(emitter -> ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
