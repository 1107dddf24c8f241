package io.dinserving.users;

import java.util.List;
import java.util.Map;

/**
 * What the store holds for one user.
 *
 * @param behaviours the latest behaviours, oldest first
 * @param profile profile values by feature name: strings or numbers
 */
public record UserState(List<Behaviour> behaviours, Map<String, Object> profile) {

    public static final UserState EMPTY = new UserState(List.of(), Map.of());

    public UserState {
        behaviours = List.copyOf(behaviours);
        profile = Map.copyOf(profile);
    }

    UserState withBehaviours(List<Behaviour> latest) {
        return new UserState(latest, profile);
    }

    UserState withProfile(Map<String, Object> values) {
        return new UserState(behaviours, values);
    }

    /** Its size on the heap, estimated, the user id's entry included. */
    long estimatedBytes(String userId) {
        long bytes =
                Sizes.ENTRY + Sizes.string(userId) + Sizes.OBJECT * 3L + (long) Sizes.REFERENCE * behaviours.size();
        for (Behaviour behaviour : behaviours) {
            bytes += behaviour.estimatedBytes();
        }
        for (Map.Entry<String, Object> value : profile.entrySet()) {
            bytes += Sizes.ENTRY + Sizes.string(value.getKey()) + Sizes.value(value.getValue());
        }
        return bytes;
    }
}
