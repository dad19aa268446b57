package dev.flashsale.api.web;

import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.api.order.AmountMismatchException;
import dev.flashsale.api.order.CustomerMismatchException;
import dev.flashsale.api.order.DuplicateProductException;
import dev.flashsale.api.order.IdempotencyKeyReusedException;
import dev.flashsale.api.order.OrderNotFoundException;
import dev.flashsale.api.order.OrderStatusConflictException;
import dev.flashsale.api.order.SoldOutException;
import dev.flashsale.api.order.UnknownProductException;
import dev.flashsale.api.order.status.TooManyStreamsException;
import dev.flashsale.api.order.web.InvalidWaitException;
import dev.flashsale.api.order.web.RateLimitedException;
import dev.flashsale.api.product.ProductNotFoundException;
import dev.flashsale.api.product.web.InvalidPatchException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become HTTP answers: RFC 9457 problem details, with an {@code errors} array of
 * {@code {field, message}} whenever a client's input is at fault. Spring MVC's own exceptions (415, 405, 404 for an
 * unknown path) are mapped by the superclass; no stack trace is ever returned.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String ERRORS = "errors";
    /** Seconds; one round of a client's retry loop is enough for a broker that is failing over. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Pattern REJECTED_HEADER = Pattern.compile("header: \"([^\"]+)\"");

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({ ProductNotFoundException.class, OrderNotFoundException.class })
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownProduct(UnknownProductException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty(ERRORS,
                List.of(new InvalidField("items[" + e.line() + "].productId", "no such product")));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail duplicateProduct(DuplicateProductException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request content.");
        problem.setProperty(ERRORS, List.of(new InvalidField("items[" + e.line() + "].productId",
                "duplicate of items[" + e.firstLine() + "]")));
        return problem;
    }

    /** With the status the order has, so the client knows what happened instead (and which payment, if PAID). */
    @ExceptionHandler
    ProblemDetail statusConflict(OrderStatusConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("code", OrderStatusConflictException.CODE);
        problem.setProperty("currentStatus", e.currentStatus().name());
        if (e.paymentReference() != null) {
            problem.setProperty("paymentReference", e.paymentReference());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail amountMismatch(AmountMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("code", AmountMismatchException.CODE);
        problem.setProperty("total", e.total());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail customerMismatch(CustomerMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setProperty(ERRORS, List.of(new InvalidField("customerId", "is not the authenticated buyer")));
        return problem;
    }

    /** A machine-readable {@code code}, so a client can tell "sold out" from other conflicts to come. */
    @ExceptionHandler
    ProblemDetail soldOut(SoldOutException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("code", SoldOutException.CODE);
        problem.setProperty("productId", e.productId());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(TooManyStreamsException.RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail invalidPatch(InvalidPatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request content.");
        problem.setProperty(ERRORS, List.of(new InvalidField(e.field(), e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidWait(InvalidWaitException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Parameter 'wait' is invalid.");
        problem.setProperty(ERRORS, List.of(new InvalidField(InvalidWaitException.PARAMETER, e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> publishFailed(PublishFailedException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE,
                "The event store did not confirm the request in time; nothing was recorded. Please retry.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /**
     * The read model's database is down or its connections are all taken: the client may retry, as for Kafka. A
     * connection that dies inside a transaction fails the statement and then the rollback too, and Spring reports
     * the rollback's {@link TransactionSystemException} instead of the statement's failure.
     */
    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransactionSystemException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(e).toString());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE,
                "The order store is not answering right now; nothing was changed. Please retry.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /**
     * Spring Security's firewall refuses a header value with control characters as soon as the header is read, which
     * for a controller's header parameter is inside the controller call.
     */
    @ExceptionHandler
    ProblemDetail rejectedByFirewall(RequestRejectedException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST,
                "The request contains characters that are not allowed.");
        Matcher header = REJECTED_HEADER.matcher(String.valueOf(e.getMessage()));
        if (header.find()) {
            problem.setProperty(ERRORS, List.of(new InvalidField(header.group(1).trim(), "has characters that are "
                    + "not allowed")));
        }
        return problem;
    }

    /**
     * Tomcat reads the query string only when a parameter is first asked for, inside the controller call, and refuses
     * one it cannot decode ({@code ?wait=%ZZ}, {@code ?=1}) there.
     */
    @ExceptionHandler
    ProblemDetail malformedQuery(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "The query string is malformed.");
    }

    /**
     * A request whose Content-Type names an empty or unknown charset ({@code application/json;charset=}): Spring
     * decodes the path with it inside the controller call, and the JDK refuses the name there.
     */
    @ExceptionHandler({ IllegalCharsetNameException.class, UnsupportedCharsetException.class })
    ProblemDetail invalidCharset(IllegalArgumentException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The request names a charset that is not valid.");
        problem.setProperty(ERRORS, List.of(new InvalidField(HttpHeaders.CONTENT_TYPE, "names an unknown charset")));
        return problem;
    }

    /** A bug, not the client's fault: logged with its trace here, and answered without it. */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; it has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ex.getBody().setProperty(ERRORS, fieldErrors(ex.getBindingResult()));
        return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
    }

    /** Raised instead of the above when a handler also validates a header or query parameter. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                errors.addAll(fieldErrors(body));
            } else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> errors.add(new InvalidField(name, message(error))));
            }
        }
        // Same words as for a body-only validation failure: the client need not know which path Spring took.
        ex.getBody().setDetail("Invalid request content.");
        ex.getBody().setProperty(ERRORS, errors);
        return handleExceptionInternal(ex, ex.getBody(), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = NestedExceptionUtils.getRootCause(ex) instanceof BodyTooLargeException large
                ? large
                : null;
        if (tooLarge != null) {
            ProblemDetail problem = createProblemDetail(ex, HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage() + ".",
                    null, null, request);
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        UnreadableJson unreadable = UnreadableJson.of(ex);
        ProblemDetail problem = createProblemDetail(ex, status, unreadable.detail(), null, null, request);
        if (unreadable.field() != null) {
            problem.setProperty(ERRORS, List.of(new InvalidField(unreadable.field(), unreadable.message())));
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "?" : ex.getPropertyName();
        ProblemDetail problem = createProblemDetail(ex, HttpStatus.BAD_REQUEST,
                "Parameter '" + field + "' has the wrong type.", null, null, request);
        problem.setProperty(ERRORS,
                List.of(new InvalidField(field, "must be " + UnreadableJson.describe(ex.getRequiredType()))));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    private static List<InvalidField> fieldErrors(Errors errors) {
        List<InvalidField> fields = new ArrayList<>();
        for (FieldError error : errors.getFieldErrors()) {
            fields.add(new InvalidField(error.getField(), message(error)));
        }
        errors.getGlobalErrors().forEach(error -> fields.add(new InvalidField(error.getObjectName(), message(error))));
        return fields;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String parameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }
}
