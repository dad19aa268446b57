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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many long-polls one order-api instance holds at once: opens WAITERS concurrent
 * {@code GET /api/orders/{id}?wait=...} on an order that stays PENDING (stop the inventory-processor first), and
 * counts how many were answered 200 PENDING after the full wait, i.e. were held open together, and how many failed.
 *
 * <pre>
 * java order-api/tools/LongPollWaiters.java BASE_URL TOKEN ORDER_ID WAITERS [WAIT [PER_SECOND]]
 * </pre>
 *
 * PER_SECOND (default 200) paces the arrivals, as buyers arrive rather than all in the same millisecond: with
 * WAIT = 30s and enough waiters, about PER_SECOND x 30 requests are held at the same time.
 *
 * Run as a source file (JDK 17+), not part of the build. See docs/api.md, "Long-poll".
 */
public class LongPollWaiters {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java LongPollWaiters.java BASE_URL TOKEN ORDER_ID WAITERS [WAIT [PER_SECOND]]");
            System.exit(2);
        }
        String base = args[0];
        String token = args[1];
        String orderId = args[2];
        int waiters = Integer.parseInt(args[3]);
        String wait = args.length > 4 ? args[4] : "20s";
        int perSecond = args.length > 5 ? Integer.parseInt(args[5]) : 200;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/orders/" + orderId + "?wait=" + wait))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).GET().build();

        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>(waiters);
        long started = System.nanoTime();
        for (int i = 0; i < waiters; i++) {
            long due = started + i * 1_000_000_000L / perSecond;
            while (System.nanoTime() < due) {
                Thread.sleep(1);
            }
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            long sent = System.nanoTime();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                open.decrementAndGet();
                String outcome;
                if (failure != null) {
                    outcome = "failed: " + rootCause(failure);
                } else {
                    long heldMillis = (System.nanoTime() - sent) / 1_000_000;
                    String status = response.body().contains("\"PENDING\"") ? "PENDING" : "other body";
                    outcome = response.statusCode() + " " + status + (heldMillis >= 1_000 * seconds(wait) - 500
                            ? " after the full wait" : " early");
                }
                synchronized (outcomes) {
                    outcomes.merge(outcome, 1, Integer::sum);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        System.out.printf("waiters=%d wait=%s arrivals=%d/s requests in flight at most=%d elapsed=%.1fs%n", waiters,
                wait, perSecond, maxOpen.get(), (System.nanoTime() - started) / 1e9);
        outcomes.forEach((outcome, count) -> System.out.printf("  %6d  %s%n", count, outcome));
    }

    private static long seconds(String wait) {
        return wait.endsWith("ms") ? Long.parseLong(wait.replace("ms", "")) / 1000
                : Long.parseLong(wait.replace("s", ""));
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
