package dev.flashsale.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers, for requests it refuses before any servlet sees them (a request line with characters
 * RFC 9112 forbids, a header line it cannot parse, a method it does not implement, a request it cannot read as
 * HTTP/1.1), as the same RFC 9457 problem documents the API gives, instead of Tomcat's HTML page. A method or
 * transfer coding Tomcat does not implement is the client's mistake here, so its 501 is answered as a 4xx, like every
 * other bad input.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
            // With a throwable, Tomcat also failed to parse the request (CONNECT with a raw non-ASCII target, a
            // control character in a header): the request is malformed whatever its method.
            status = throwable != null || KNOWN_METHODS.contains(request.getMethod()) ? HttpStatus.BAD_REQUEST.value()
                    : HttpStatus.METHOD_NOT_ALLOWED.value();
            response.setStatus(status);
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String title = resolved == null ? "Error" : resolved.getReasonPhrase();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", status < 500
                ? "The request is not valid HTTP for this server (" + title + ")."
                : "Unexpected error; it has been logged.");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is going away: nobody is left to read the answer.
        }
    }
}
