package io.dinserving.api;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request body once, holding it to {@code din.api.max-body-size} and to strict UTF-8.
 *
 * <p>A declared length over the limit fails before anything is read, a chunked body as soon as it
 * passes the limit, so at most the limit is ever held. Jackson decodes an overlong sequence such as
 * {@code C0 AF} as {@code /}, so a client could smuggle a character past a check that looks for it;
 * the JDK's decoder refuses such bytes. Both failures surface while Spring MVC parses the body, so
 * the error handler answers 413 or 400 problem+json.
 *
 * <p>The body is read without blocking a thread: the request goes asynchronous, bytes are taken as
 * they arrive, and only the whole body is dispatched to Spring MVC. A client that sends one byte a
 * second therefore holds a connection, not one of the server's threads, and a body that has not
 * arrived within {@code din.api.body-read-timeout} is answered with 408. Where the servlet stack
 * cannot read without blocking (MockMvc), the body is read on the request's thread.
 */
class RequestBodyFilter extends OncePerRequestFilter {

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";
    private static final String FAILURE = RequestBodyFilter.class.getName() + ".failure";

    private final long limit;
    private final Duration readTimeout;

    RequestBodyFilter(long limit, Duration readTimeout) {
        this.limit = limit;
        this.readTimeout = readTimeout;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false; // the dispatch after the body arrived is where the request carries on
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY);
            Object failure = request.getAttribute(FAILURE);
            chain.doFilter(
                    body == null && failure == null
                            ? request
                            : new ReadRequest(request, (byte[]) body, (IOException) failure),
                    response);
            return;
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!hasBody || request.getContentLengthLong() > limit || !request.isAsyncSupported()) {
            chain.doFilter(new CheckedRequest(request, limit), response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(readTimeout.toMillis());
        BodyReader reader = new BodyReader(request.getInputStream(), async, request, limit, readTimeout);
        async.addListener(reader);
        try {
            request.getInputStream().setReadListener(reader);
        } catch (UnsupportedOperationException blockingOnly) {
            // A servlet stack without non-blocking reads (MockMvc): leave async mode, read on this thread.
            async.complete();
            chain.doFilter(new CheckedRequest(request, limit), response);
        }
    }

    /** The body did not arrive within {@code din.api.body-read-timeout}; answered with 408. */
    static final class BodyTimeoutException extends IOException {
        BodyTimeoutException(Duration timeout) {
            super("the request body did not arrive within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Collects the body as it arrives, then dispatches the request once, with the body or with the
     * reason there is none.
     */
    private static final class BodyReader implements ReadListener, AsyncListener {
        private final ServletInputStream in;
        private final AsyncContext async;
        private final HttpServletRequest request;
        private final long limit;
        private final Duration timeout;
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final java.util.concurrent.atomic.AtomicBoolean dispatched =
                new java.util.concurrent.atomic.AtomicBoolean();

        BodyReader(
                ServletInputStream in, AsyncContext async, HttpServletRequest request, long limit, Duration timeout) {
            this.in = in;
            this.async = async;
            this.request = request;
            this.limit = limit;
            this.timeout = timeout;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!dispatched.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                body.write(buffer, 0, n);
                if (body.size() > limit) {
                    dispatch(null, new PayloadTooLargeException(limit));
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            byte[] bytes = body.toByteArray();
            dispatch(bytes, isStrictUtf8(bytes) ? null : new InvalidUtf8Exception());
        }

        @Override
        public void onError(Throwable t) {
            dispatch(null, t instanceof IOException io ? io : new IOException(t.getMessage(), t));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            dispatch(null, new BodyTimeoutException(timeout));
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void dispatch(byte[] bytes, IOException failure) {
            if (dispatched.compareAndSet(false, true)) {
                if (bytes != null) {
                    request.setAttribute(BODY, bytes);
                }
                if (failure != null) {
                    request.setAttribute(FAILURE, failure);
                }
                async.dispatch();
            }
        }
    }

    /** The request as Spring MVC sees it after the body was read: the body, or why there is none. */
    private static final class ReadRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final IOException failure;

        ReadRequest(HttpServletRequest request, byte[] body, IOException failure) {
            super(request);
            this.body = body;
            this.failure = failure;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (failure != null) {
                throw failure;
            }
            return new BufferedStream(body);
        }
    }

    private static boolean isStrictUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The body exceeds {@code din.api.max-body-size}; answered with 413. */
    static final class PayloadTooLargeException extends IOException {
        PayloadTooLargeException(long limit) {
            super("the request body exceeds " + limit + " bytes");
        }
    }

    /** The body is not strict UTF-8; answered with 400. */
    static final class InvalidUtf8Exception extends IOException {
        InvalidUtf8Exception() {
            super("the body is not valid UTF-8");
        }
    }

    private static final class CheckedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        CheckedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                if (getContentLengthLong() > limit) {
                    throw new PayloadTooLargeException(limit);
                }
                byte[] body = readAtMost(super.getInputStream(), limit);
                if (!isStrictUtf8(body)) {
                    throw new InvalidUtf8Exception();
                }
                stream = new BufferedStream(body);
            }
            return stream;
        }

        private static byte[] readAtMost(InputStream in, long limit) throws IOException {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
            if (in.read() >= 0) {
                throw new PayloadTooLargeException(limit);
            }
            return body;
        }
    }

    private static final class BufferedStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        BufferedStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body is already read");
        }
    }
}
