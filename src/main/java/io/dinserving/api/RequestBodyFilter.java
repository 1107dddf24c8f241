package io.dinserving.api;

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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request body once, holding it to {@code din.api.max-body-size} and to strict UTF-8.
 *
 * <p>A declared length over the limit fails before anything is read, a chunked body as soon as it
 * passes the limit, so at most the limit is ever held. Jackson decodes an overlong sequence such as
 * {@code C0 AF} as {@code /}, so a client could smuggle a character past a check that looks for it;
 * the JDK's decoder refuses such bytes. Both failures surface while Spring MVC parses the body, so
 * the error handler answers 413 or 400 problem+json.
 */
class RequestBodyFilter extends OncePerRequestFilter {

    private final long limit;

    RequestBodyFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new CheckedRequest(request, limit), response);
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
                try {
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(body));
                } catch (CharacterCodingException e) {
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
