package dev.flashsale.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what reaches the servlet container's error page, in place of Spring Boot's JSON of another shape: errors
 * sent before a controller ran, such as Spring Security's firewall refusing a URL with an encoded slash or an unknown
 * method. Every such answer is the same RFC 9457 problem document as the rest of the API's; {@code /error} asked for
 * directly is an unknown path.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? HttpStatus.resolve(code)
                : null;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status == null || uri == null) {
            status = HttpStatus.NOT_FOUND;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        if (uri != null) {
            try {
                problem.setInstance(URI.create(encode(uri.toString())));
            } catch (IllegalArgumentException e) {
                // Not even escaping makes it a URI; the problem goes without its instance.
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request was refused: its URL, method or headers are not allowed.";
            case NOT_FOUND -> "No such resource.";
            case METHOD_NOT_ALLOWED -> "The method is not allowed on this resource.";
            default -> status.is5xxServerError() ? "Unexpected error; it has been logged." : status.getReasonPhrase();
        };
    }

    /** The raw URI may hold characters a {@link URI} refuses; the problem names it all the same. */
    private static String encode(String uri) {
        StringBuilder safe = new StringBuilder();
        for (char c : uri.toCharArray()) {
            if (c > 0x20 && c < 0x7F && "\"<>\\^`{|}".indexOf(c) < 0) {
                safe.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    safe.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        }
        return safe.toString();
    }
}
