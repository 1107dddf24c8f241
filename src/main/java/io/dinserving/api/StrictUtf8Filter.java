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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds request bodies to strict UTF-8. Jackson decodes an overlong sequence such as {@code C0 AF}
 * as {@code /}, so a client could smuggle a character past a check that looks for it; the JDK's
 * decoder refuses such bytes, and so does this filter, with a 400 naming the body. Runs inside the
 * size limit, so at most {@code din.api.max-body-size} bytes are held.
 */
class StrictUtf8Filter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new CheckedRequest(request), response);
    }

    /** Thrown while the body is read, so the error handler answers 400 problem+json. */
    static final class InvalidUtf8Exception extends IOException {
        InvalidUtf8Exception() {
            super("the body is not valid UTF-8");
        }
    }

    private static final class CheckedRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        CheckedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                byte[] body = super.getInputStream().readAllBytes();
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
