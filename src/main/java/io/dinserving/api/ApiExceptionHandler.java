package io.dinserving.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every failure to problem+json. The service's own failures are {@link
 * org.springframework.web.ErrorResponseException}s that carry their status, title and field, and
 * Spring answers them as they say; what is left here is the body Spring could not read, and the
 * unexpected. Client mistakes name the offending field in a {@code field} property; only a fault of
 * the service itself is a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** When each kind of unexpected failure last had its stack trace logged, in nanoseconds. */
    private final Map<Class<?>, Long> lastStackTrace = new ConcurrentHashMap<>();

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // A failure that repeats on every request must not flood the log: one stack trace per kind a
        // minute, one line otherwise.
        long now = System.nanoTime();
        Long last = lastStackTrace.get(e.getClass());
        if (last == null || now - last > STACK_TRACE_INTERVAL_NANOS) {
            lastStackTrace.put(e.getClass(), now);
            log.error("Request failed", e);
        } else {
            log.error("Request failed: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        }
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the service failed to answer; see its log", null);
    }

    private static final long STACK_TRACE_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyFilter.PayloadTooLargeException tooLarge =
                cause(e, RequestBodyFilter.PayloadTooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", tooLarge.getMessage(), "body");
        }
        RequestBodyFilter.BodyTimeoutException slow = cause(e, RequestBodyFilter.BodyTimeoutException.class);
        if (slow != null) {
            ResponseEntity<Object> timedOut =
                    problem(HttpStatus.REQUEST_TIMEOUT, "Request timeout", "body: " + slow.getMessage(), "body");
            // The rest of a slow body is not worth waiting for: the connection closes after the answer.
            return ResponseEntity.status(timedOut.getStatusCode())
                    .headers(timedOut.getHeaders())
                    .header(HttpHeaders.CONNECTION, "close")
                    .body(timedOut.getBody());
        }
        if (cause(e, RequestBodyFilter.InvalidUtf8Exception.class) != null) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "body: the body is not valid UTF-8", "body");
        }
        JacksonException json = cause(e, JacksonException.class);
        if (json == null) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", "body: a JSON body is required", "body");
        }
        String field = path(json.getPath());
        if (json instanceof StreamReadException || field.isEmpty()) {
            String at = field.isEmpty() ? "body" : field;
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Malformed JSON",
                    at + ": " + withoutParserLocation(json.getOriginalMessage()),
                    at);
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + ": " + expectation(json), field);
    }

    /** Jackson appends where in its input source it stopped, in its own terms; the field says it better. */
    static String withoutParserLocation(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        return message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "")
                .replaceAll("\\s*at \\[Source:.*", "")
                .trim();
    }

    /**
     * What the field takes, in JSON's words, and what to send instead where that is clear. Jackson's
     * own message names Java types, which mean nothing to a client.
     */
    static String expectation(JacksonException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        String sent = sentValue(e);
        if (target == ItemRef.class) {
            return sent != null && !sent.startsWith("{") && !sent.startsWith("[")
                    ? "item ids are strings; send \"" + sent + "\""
                    : "an item is an id string or an object with itemId";
        }
        if (target == String.class) {
            return sent != null ? "must be a string; send \"" + sent + "\"" : "must be a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be an integer";
        }
        if (target != null && java.util.Collection.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        if (target != null && java.util.Map.class.isAssignableFrom(target)) {
            return "must be an object";
        }
        return "wrong type or shape";
    }

    /**
     * The scalar the client sent where it failed. The parser has moved on by the time the error
     * reaches us, so it is read from the end of Jackson's message ("... from Number value (260)").
     */
    private static String sentValue(JacksonException e) {
        Matcher m = SENT_VALUE.matcher(String.valueOf(e.getOriginalMessage()));
        return m.find() ? m.group(1) : null;
    }

    private static final Pattern SENT_VALUE =
            Pattern.compile("(?:Number|Boolean|Integer|Floating-point) value \\(([^()]{1,40})\\)");

    /** {@code candidates[2].itemId} from Jackson's reference path. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference r : references) {
            if (r.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        if (field != null) {
            body.setProperty("field", field);
        }
        return ResponseEntity.status(status).body(body);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
