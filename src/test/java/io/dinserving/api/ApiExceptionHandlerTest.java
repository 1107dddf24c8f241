package io.dinserving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinserving.batching.QueueFullException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The overload and deadline answers, which a healthy test server cannot be pushed into reliably. */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aFullQueueIsAnImmediate503WithRetryAfter() {
        ResponseEntity<Object> response = handler.queueFull(new QueueFullException(256));
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(((ProblemDetail) response.getBody()).getDetail()).contains("256 requests waiting");
    }

    @Test
    void aMissedDeadlineIs504() {
        ResponseEntity<Object> response =
                handler.timeout(new ScoringTimeoutException("scores did not arrive within 2000 ms"));
        assertThat(response.getStatusCode().value()).isEqualTo(504);
        assertThat(((ProblemDetail) response.getBody()).getDetail()).contains("2000 ms");
    }

    @Test
    void anInvalidFieldIsNamed() {
        ResponseEntity<Object> response =
                handler.invalid(new InvalidRequestException("candidates[2].itemId", "must not be blank"));
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(((ProblemDetail) response.getBody()).getProperties()).containsEntry("field", "candidates[2].itemId");
    }
}
