package io.dinserving.serving;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Splits requests between versions by share. A user is hashed to a fixed point of the split, so the
 * same user always reaches the same version while the shares stand; a request without a user is
 * routed at random.
 */
final class TrafficRouter {

    private final List<String> versions = new ArrayList<>();
    private final long[] cumulative;
    private final long total;

    /** @param shares version to share, in any unit; at least one positive */
    TrafficRouter(Map<String, Integer> shares) {
        Map<String, Integer> positive = new LinkedHashMap<>();
        shares.forEach((version, share) -> {
            if (share != null && share > 0) {
                positive.put(version, share);
            }
        });
        if (positive.isEmpty()) {
            throw new IllegalArgumentException("traffic needs a version with a positive share, was " + shares);
        }
        cumulative = new long[positive.size()];
        long sum = 0;
        int i = 0;
        for (Map.Entry<String, Integer> e : positive.entrySet()) {
            versions.add(e.getKey());
            sum += e.getValue();
            cumulative[i++] = sum;
        }
        total = sum;
    }

    /** All traffic to one version. */
    static TrafficRouter single(String version) {
        return new TrafficRouter(Map.of(version, 1));
    }

    /** The version for a request; sticky for a non-null user. */
    String route(String userId) {
        long point = userId == null
                ? ThreadLocalRandom.current().nextLong(total)
                : Long.remainderUnsigned(hash(userId), total);
        for (int i = 0; i < cumulative.length; i++) {
            if (point < cumulative[i]) {
                return versions.get(i);
            }
        }
        return versions.get(versions.size() - 1);
    }

    /** Each version's share in percent. */
    Map<String, Double> percentages() {
        Map<String, Double> out = new LinkedHashMap<>();
        long previous = 0;
        for (int i = 0; i < cumulative.length; i++) {
            out.put(versions.get(i), 100.0 * (cumulative[i] - previous) / total);
            previous = cumulative[i];
        }
        return out;
    }

    /** FNV-1a over the id's UTF-8 bytes, then a 64-bit finaliser so near ids spread apart. */
    static long hash(String userId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : userId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
