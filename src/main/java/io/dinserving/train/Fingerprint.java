package io.dinserving.train;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of encoded samples: the same training data always gives the same fingerprint. */
final class Fingerprint {

    private Fingerprint() {}

    static String of(List<EncodedSample> samples) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (EncodedSample s : samples) {
            int[] history = s.context().historyIds();
            int needed = 4
                    * (4
                            + history.length
                            + s.candidate().ids().length
                            + s.context().profileIds().length
                            + s.context().numeric().length);
            if (buffer.remaining() < needed) {
                flush(digest, buffer);
                if (buffer.capacity() < needed) {
                    buffer = ByteBuffer.allocate(needed);
                }
            }
            buffer.putInt(s.label()).putInt(s.context().length());
            for (int id : s.candidate().ids()) {
                buffer.putInt(id);
            }
            for (int id : history) {
                buffer.putInt(id);
            }
            for (int id : s.context().profileIds()) {
                buffer.putInt(id);
            }
            for (float v : s.context().numeric()) {
                buffer.putFloat(v);
            }
        }
        flush(digest, buffer);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void flush(MessageDigest digest, ByteBuffer buffer) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
    }
}
