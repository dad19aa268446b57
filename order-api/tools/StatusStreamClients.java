import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many status streams one order-api instance holds at once: opens STREAMS concurrent
 * {@code GET /api/orders/{id}/events} of one order that is not final (keep it PENDING by stopping the
 * inventory-processor, or leave it ACCEPTED and unpaid), keeps them open for HOLD, then closes them. Each stream is
 * read without a thread of its own (an asynchronous line subscriber), so the client is not what runs out.
 *
 * <pre>
 * java order-api/tools/StatusStreamClients.java BASE_URL TOKEN ORDER_ID STREAMS [HOLD_SECONDS [PER_SECOND]]
 * </pre>
 *
 * While the streams are held, read the API's threads, heap and resident memory (docs/api.md, "Status events"). At
 * the end it prints how many streams were answered 200 and were still open after the hold, with the events and
 * heartbeat comments they got; and what the others were answered.
 *
 * Run as a source file (JDK 17+), not part of the build.
 */
public class StatusStreamClients {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java StatusStreamClients.java BASE_URL TOKEN ORDER_ID STREAMS [HOLD_SECONDS"
                    + " [PER_SECOND]]");
            System.exit(2);
        }
        URI uri = URI.create(args[0] + "/api/orders/" + args[2] + "/events");
        String token = args[1];
        int streams = Integer.parseInt(args[3]);
        int holdSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int perSecond = args.length > 5 ? Integer.parseInt(args[5]) : 200;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET().build();

        List<Lines> all = new ArrayList<>(streams);
        Map<String, Integer> refused = new TreeMap<>();
        List<CompletableFuture<?>> answers = new ArrayList<>(streams);
        long started = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            long due = started + i * 1_000_000_000L / perSecond;
            while (System.nanoTime() < due) {
                Thread.sleep(1);
            }
            Lines lines = new Lines();
            all.add(lines);
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines))
                    .handle((response, failure) -> {
                        String outcome = failure != null ? "failed: " + rootCause(failure)
                                : response.statusCode() == 200 ? null : Integer.toString(response.statusCode());
                        if (outcome != null) {
                            synchronized (refused) {
                                refused.merge(outcome, 1, Integer::sum);
                            }
                        }
                        return null;
                    }));
        }
        System.out.printf("opened %d streams in %.1fs; holding them %ds%n", streams,
                (System.nanoTime() - started) / 1e9, holdSeconds);
        Thread.sleep(holdSeconds * 1_000L);

        long open = all.stream().filter(Lines::open).count();
        System.out.printf("streams=%d still open after the hold=%d events=%d heartbeats=%d%n", streams, open,
                all.stream().mapToInt(lines -> lines.events.get()).sum(),
                all.stream().mapToInt(lines -> lines.comments.get()).sum());
        refused.forEach((outcome, count) -> System.out.printf("  %6d  %s%n", count, outcome));
        all.forEach(Lines::close);
        System.exit(0);
    }

    /** One stream's lines, counted as they come. */
    private static final class Lines implements Flow.Subscriber<String> {

        final AtomicInteger events = new AtomicInteger();
        final AtomicInteger comments = new AtomicInteger();
        private volatile Flow.Subscription subscription;
        private volatile boolean subscribed;
        private volatile boolean done;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscribed = true;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                events.incrementAndGet();
            } else if (line.startsWith(":")) {
                comments.incrementAndGet();
            }
        }

        @Override
        public void onError(Throwable failure) {
            done = true;
        }

        @Override
        public void onComplete() {
            done = true;
        }

        boolean open() {
            return subscribed && !done;
        }

        void close() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
