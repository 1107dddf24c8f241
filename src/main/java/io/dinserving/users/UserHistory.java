package io.dinserving.users;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Places behaviours into a history by time, the one rule every store and the request's {@code merge}
 * share: events arrive late and twice, and the history must read as if they had not.
 */
public final class UserHistory {

    /** Oldest first; a behaviour without a time is newer than any with one. */
    private static final Comparator<Behaviour> BY_TIME =
            Comparator.comparing(Behaviour::timestamp, Comparator.nullsLast(Comparator.naturalOrder()));

    private UserHistory() {}

    /**
     * The history with the behaviours added.
     *
     * @param kept oldest first
     * @param added in any order; one whose identity is already kept, or came earlier in {@code
     *     added}, is a duplicate. Behaviours of equal time keep the order they came in, after those
     *     kept.
     * @param max how many of the latest to keep
     */
    public static Merged insert(List<Behaviour> kept, List<Behaviour> added, int max) {
        Set<String> seen = new HashSet<>();
        for (Behaviour behaviour : kept) {
            String identity = behaviour.identity();
            if (identity != null) {
                seen.add(identity);
            }
        }
        List<Behaviour> history = new ArrayList<>(kept.size() + added.size());
        history.addAll(kept);
        Set<Behaviour> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        int inserted = 0;
        int duplicates = 0;
        for (Behaviour behaviour : added) {
            String identity = behaviour.identity();
            if (identity != null && !seen.add(identity)) {
                duplicates++;
                continue;
            }
            history.add(upperBound(history, behaviour), behaviour);
            fresh.add(behaviour);
            inserted++;
        }
        List<Behaviour> latest = history.size() > max ? history.subList(history.size() - max, history.size()) : history;
        int accepted = 0;
        for (Behaviour behaviour : latest) {
            if (fresh.contains(behaviour)) {
                accepted++;
            }
        }
        return new Merged(List.copyOf(latest), new Appended(accepted, duplicates, inserted - accepted));
    }

    /** The first position whose behaviour is strictly newer, so equal times keep their arrival order. */
    private static int upperBound(List<Behaviour> history, Behaviour behaviour) {
        int low = 0;
        int high = history.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (BY_TIME.compare(history.get(mid), behaviour) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * @param behaviours the latest, oldest first
     * @param appended what became of the added behaviours
     */
    public record Merged(List<Behaviour> behaviours, Appended appended) {}
}
