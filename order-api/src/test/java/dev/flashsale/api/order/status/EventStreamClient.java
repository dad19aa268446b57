package dev.flashsale.api.order.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@code text/event-stream} read over real HTTP as an {@code EventSource} reads it: events (their {@code id},
 * {@code event} and {@code data} fields) and comment lines, collected by a thread of its own until the server ends
 * the stream or the test closes it. An answer other than 200 is read whole into {@link #body()}.
 */
final class EventStreamClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final String body;
    private volatile boolean ended;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            body = response.body().collect(Collectors.joining("\n"));
            ended = true;
            return;
        }
        body = null;
        Thread reader = new Thread(this::read, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param authorization the Authorization header, or null for none
     * @param lastEventId   the Last-Event-ID header, or null for none
     */
    static EventStreamClient open(URI uri, String authorization, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The whole body of an answer other than 200. */
    String body() {
        return body;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    int comments() {
        return comments.get();
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended;
    }

    /** Closes the connection, as a browser does when the page goes away. */
    @Override
    public void close() {
        response.body().close();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (Iterator<String> lines = response.body().iterator(); lines.hasNext(); ) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
                }
            }
            ended = true;
        } catch (RuntimeException e) {
            // closed by the test
        }
    }

    /** After the colon, without the one space the format allows there. */
    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
