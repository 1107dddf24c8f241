package io.dinserving.users;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store replicas share: each user in Redis under four keys with one hash tag, so a cluster keeps
 * them on one node and a script may touch them all. Every operation is one script, one round trip,
 * atomic.
 *
 * <p>The history is a sorted set by time, not a list: a late event must land at its place, which a
 * list can only do by being read whole. Members start with an arrival number, so behaviours of equal
 * time keep their order, and carry their identity, so trimming one also forgets that it was seen. A
 * user not written for {@code ttl} expires whole.
 */
public final class RedisUserStore implements UserStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The arrival number before each member's JSON: 16 hex digits. */
    private static final int ARRIVAL = 16;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> APPEND =
            RedisScript.of(new ClassPathResource("users/append.lua"), List.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(new ClassPathResource("users/read.lua"), List.class);

    private static final RedisScript<Long> PROFILE =
            RedisScript.of(new ClassPathResource("users/profile.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final int maxBehaviours;
    private final String ttlMillis;
    private volatile boolean scriptLoaded;

    /**
     * @param keyPrefix put before every key, so several services or environments share one Redis
     * @param ttl how long a user is kept after their last write
     */
    public RedisUserStore(StringRedisTemplate redis, String keyPrefix, int maxBehaviours, Duration ttl) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.maxBehaviours = maxBehaviours;
        this.ttlMillis = Long.toString(ttl.toMillis());
    }

    /** A behaviour as a member holds it, with the identity the script forgets it by. */
    record Stored(
            String identity,
            String eventId,
            String itemId,
            Long timestamp,
            String type,
            Map<String, String> attributes) {

        static Stored of(Behaviour b) {
            return new Stored(b.identity(), b.eventId(), b.itemId(), b.timestamp(), b.type(), b.attributes());
        }

        Behaviour behaviour() {
            return new Behaviour(eventId, itemId, timestamp, type, attributes);
        }
    }

    @Override
    public Optional<UserState> find(String userId) {
        List<?> result = redis.execute(READ, keys(userId));
        List<?> members = (List<?>) result.get(0);
        List<?> profile = (List<?>) result.get(1);
        if (members.isEmpty() && profile.isEmpty()) {
            return Optional.empty();
        }
        List<Behaviour> behaviours = new ArrayList<>(members.size());
        for (Object member : members) {
            behaviours.add(JSON.readValue(((String) member).substring(ARRIVAL), Stored.class)
                    .behaviour());
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i + 1 < profile.size(); i += 2) {
            values.put((String) profile.get(i), JSON.readValue((String) profile.get(i + 1), Object.class));
        }
        return Optional.of(new UserState(behaviours, values));
    }

    @Override
    public Appended append(String userId, List<Behaviour> behaviours) {
        List<?> counts =
                redis.execute(APPEND, keys(userId), appendArgs(behaviours).toArray());
        return appended(counts);
    }

    /**
     * Sends every user's script in one pipeline: one round trip for a batch of many users, where
     * one call per user paid a round trip each. Each user's script is still atomic on its own.
     */
    @Override
    public Appended appendAll(Map<String, List<Behaviour>> behaviours) {
        if (behaviours.size() < 2) {
            return UserStore.super.appendAll(behaviours);
        }
        List<Object> results;
        try {
            results = pipelineAppends(behaviours);
        } catch (RedisPipelineException e) {
            if (!lostScript(e)) {
                throw e;
            }
            // Redis lost its scripts (a restart or SCRIPT FLUSH): load it and send the batch again,
            // which is safe, as what was written already counts as duplicates.
            scriptLoaded = false;
            results = pipelineAppends(behaviours);
        }
        Appended total = Appended.NONE;
        for (Object result : results) {
            total = total.plus(appended((List<?>) result));
        }
        return total;
    }

    private static boolean lostScript(RedisPipelineException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return e.getPipelineResult().stream()
                .anyMatch(result -> result instanceof Throwable t
                        && String.valueOf(t.getMessage()).contains("NOSCRIPT"));
    }

    private List<Object> pipelineAppends(Map<String, List<Behaviour>> behaviours) {
        if (!scriptLoaded) {
            redis.execute((RedisCallback<String>) connection -> connection
                    .scriptingCommands()
                    .scriptLoad(APPEND.getScriptAsString().getBytes(StandardCharsets.UTF_8)));
            scriptLoaded = true;
        }
        byte[] sha = APPEND.getSha1().getBytes(StandardCharsets.UTF_8);
        return redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Map.Entry<String, List<Behaviour>> user : behaviours.entrySet()) {
                List<String> keys = keys(user.getKey());
                List<String> args = appendArgs(user.getValue());
                byte[][] keysAndArgs = new byte[keys.size() + args.size()][];
                int i = 0;
                for (String key : keys) {
                    keysAndArgs[i++] = key.getBytes(StandardCharsets.UTF_8);
                }
                for (String arg : args) {
                    keysAndArgs[i++] = arg.getBytes(StandardCharsets.UTF_8);
                }
                connection.scriptingCommands().evalSha(sha, ReturnType.MULTI, keys.size(), keysAndArgs);
            }
            return null;
        });
    }

    private static Appended appended(List<?> counts) {
        return new Appended(count(counts.get(0)), count(counts.get(1)), count(counts.get(2)));
    }

    private List<String> appendArgs(List<Behaviour> behaviours) {
        List<String> args = new ArrayList<>(2 + 3 * behaviours.size());
        args.add(Integer.toString(maxBehaviours));
        args.add(ttlMillis);
        for (Behaviour behaviour : behaviours) {
            if (behaviour.timestamp() == null) {
                throw new IllegalArgumentException("a stored behaviour needs a timestamp: " + behaviour);
            }
            args.add(behaviour.identity() == null ? "" : behaviour.identity());
            args.add(Long.toString(behaviour.timestamp()));
            args.add(JSON.writeValueAsString(Stored.of(behaviour)));
        }
        return args;
    }

    @Override
    public void updateProfile(String userId, Map<String, Object> values) {
        List<String> args = new ArrayList<>(1 + 3 * values.size());
        args.add(ttlMillis);
        values.forEach((name, value) -> {
            args.add(name);
            args.add(value == null ? "0" : "1");
            args.add(value == null ? "" : JSON.writeValueAsString(value));
        });
        redis.execute(PROFILE, keys(userId), args.toArray());
    }

    /** @throws org.springframework.dao.DataAccessException when Redis does not answer */
    public void ping() {
        redis.execute((RedisCallback<String>) connection -> connection.ping());
    }

    @Override
    public int maxBehaviours() {
        return maxBehaviours;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    private List<String> keys(String userId) {
        String user = keyPrefix + "{" + userId + "}:";
        return List.of(user + "history", user + "seen", user + "arrivals", user + "profile");
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }
}
