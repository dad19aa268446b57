package dev.flashsale.chaos.check;

import dev.flashsale.chaos.fault.UnsafeSpans.Span;
import dev.flashsale.chaos.load.SaleCounters.FirstAttempt;
import java.util.List;

/**
 * Acks=all with min.insync.replicas 2 means the API can only answer 202 once two brokers hold the order's request. A
 * buyer's first attempt sent and answered while fewer could take it must therefore have been answered 503 (with
 * Retry-After, which the contract check sees to), never 202: a 202 then is a write acknowledged by too few replicas,
 * which the loss of one broker can take back. The same holds, more plainly, while the API is partitioned from every
 * broker: a 202 then acknowledges a write no broker has, which only an API that does not wait for the brokers
 * ({@code acks=0}, or no wait for the send) gives.
 */
public final class UnsafeAcknowledgements {

    public static final String NAME = "order acknowledged (202) while no write could reach min.insync.replicas";

    private UnsafeAcknowledgements() {
    }

    public static Check check(List<Span> spans, List<FirstAttempt> attempts) {
        List<FirstAttempt> inside = attempts.stream()
                .filter(attempt -> spans.stream().anyMatch(span -> span.contains(attempt.sentAt(),
                        attempt.answeredAt())))
                .toList();
        List<String> acknowledged = inside.stream().filter(attempt -> attempt.status() == 202)
                .map(attempt -> attempt.buyer() + " answered 202").toList();
        long refused = inside.stream().filter(attempt -> attempt.status() == 503).count();
        return Check.of(NAME, spans.size() + " spans, " + inside.size() + " orders sent and answered in them, "
                + refused + " answered 503", acknowledged);
    }
}
