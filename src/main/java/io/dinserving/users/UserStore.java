package io.dinserving.users;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each user's latest behaviours and profile. Writes for one user are atomic: a reader sees a batch
 * of events whole or not at all.
 */
public interface UserStore {

    /** The user's state, or empty for a user the store does not know (or no longer keeps). */
    Optional<UserState> find(String userId);

    /**
     * Adds behaviours, each at its place in time, skipping those already kept and keeping the latest
     * {@link #maxBehaviours()}.
     *
     * @param behaviours each with a timestamp
     */
    Appended append(String userId, List<Behaviour> behaviours);

    /**
     * Appends many users' behaviours, each user's atomically, as {@link #append} does; a store may
     * send them together.
     *
     * @return what became of them, all users together
     */
    default Appended appendAll(Map<String, List<Behaviour>> behaviours) {
        Appended total = Appended.NONE;
        for (Map.Entry<String, List<Behaviour>> user : behaviours.entrySet()) {
            total = total.plus(append(user.getKey(), user.getValue()));
        }
        return total;
    }

    /**
     * Sets profile values; the others stay as they were.
     *
     * @param values by feature name: strings or numbers, or null to remove the value
     */
    void updateProfile(String userId, Map<String, Object> values);

    /** How many behaviours are kept per user. */
    int maxBehaviours();
}
