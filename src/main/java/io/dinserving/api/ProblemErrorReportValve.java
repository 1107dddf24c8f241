package io.dinserving.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The servlet container's own error page as problem+json: what Tomcat refuses before Spring MVC sees
 * the request (too many or too large headers, an over-long URL, an encoded slash) would otherwise get
 * an HTML page. Nothing of the failure's cause reaches the body.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        status = precise(status, request, throwable);
        response.setStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemJson.of(
                        title,
                        status,
                        "the request was refused before it reached the service: " + title.toLowerCase(),
                        null));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing left to tell the client
        }
    }

    /**
     * Tomcat answers every header it cannot parse with a plain 400; its exception says which limit
     * was hit. A request line longer than the header buffer leaves no URI parsed: that is 414.
     */
    static int precise(int status, Request request, Throwable throwable) {
        if (status != 400 || throwable == null || throwable.getMessage() == null) {
            return status;
        }
        String message = throwable.getMessage();
        if (message.contains("number of headers")) {
            return 431;
        }
        if (message.contains("header is too large")) {
            return request.getRequestURI() == null ? 414 : 431;
        }
        return status;
    }
}
