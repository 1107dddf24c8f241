package io.dinserving.users;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * The embedded store: users in memory, bounded in bytes, the least recently used evicted first.
 *
 * <p>One lock guards the map: a lookup or an append is a few microseconds of work, far below what a
 * ranking costs, and a single recency order makes eviction exact rather than approximate.
 */
public final class InMemoryUserStore implements UserStore {

    /** Access order: reading a user counts as use, as a ranking for them is. */
    private final LinkedHashMap<String, UserState> users = new LinkedHashMap<>(1024, 0.75f, true);

    private final Map<String, Long> weights = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final int maxBehaviours;
    private final long maxBytes;
    private final AtomicLong evictions = new AtomicLong();
    private long bytes;

    /**
     * @param maxBehaviours how many of each user's latest behaviours are kept
     * @param maxBytes the most the users may weigh on the heap, estimated
     */
    public InMemoryUserStore(int maxBehaviours, long maxBytes) {
        if (maxBehaviours < 1) {
            throw new IllegalArgumentException("maxBehaviours must be at least 1, was " + maxBehaviours);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBehaviours = maxBehaviours;
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<UserState> find(String userId) {
        lock.lock();
        try {
            return Optional.ofNullable(users.get(userId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Appended append(String userId, List<Behaviour> behaviours) {
        lock.lock();
        try {
            UserState state = users.getOrDefault(userId, UserState.EMPTY);
            UserHistory.Merged merged = UserHistory.insert(state.behaviours(), behaviours, maxBehaviours);
            if (merged.appended().accepted() > 0 || !users.containsKey(userId)) {
                put(userId, state.withBehaviours(merged.behaviours()));
            }
            return merged.appended();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void updateProfile(String userId, Map<String, Object> values) {
        lock.lock();
        try {
            UserState state = users.getOrDefault(userId, UserState.EMPTY);
            Map<String, Object> profile = new HashMap<>(state.profile());
            values.forEach((name, value) -> {
                if (value == null) {
                    profile.remove(name);
                } else {
                    profile.put(name, value);
                }
            });
            put(userId, state.withProfile(profile));
        } finally {
            lock.unlock();
        }
    }

    /** Puts a user back as a snapshot held them; the most recently used last. */
    void restore(String userId, UserState state) {
        lock.lock();
        try {
            put(userId, state);
        } finally {
            lock.unlock();
        }
    }

    /** Calls back with every user, least recently used first, as they are now. */
    void forEach(BiConsumer<String, UserState> action) {
        List<Map.Entry<String, UserState>> copy = new ArrayList<>();
        lock.lock();
        try {
            users.forEach((id, state) -> copy.add(Map.entry(id, state)));
        } finally {
            lock.unlock();
        }
        copy.forEach(entry -> action.accept(entry.getKey(), entry.getValue()));
    }

    @Override
    public int maxBehaviours() {
        return maxBehaviours;
    }

    /** How many users are kept. */
    public long users() {
        lock.lock();
        try {
            return users.size();
        } finally {
            lock.unlock();
        }
    }

    /** What the kept users weigh, estimated. */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** How many users were evicted to keep within the bound. */
    public long evictions() {
        return evictions.get();
    }

    private void put(String userId, UserState state) {
        long weight = state.estimatedBytes(userId);
        Long previous = weights.put(userId, weight);
        bytes += weight - (previous == null ? 0 : previous);
        users.put(userId, state);
        Iterator<Map.Entry<String, UserState>> eldest = users.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            String evicted = eldest.next().getKey();
            eldest.remove();
            bytes -= weights.remove(evicted);
            evictions.incrementAndGet();
        }
    }
}
