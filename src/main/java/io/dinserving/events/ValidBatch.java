package io.dinserving.events;

import io.dinserving.users.Behaviour;
import java.util.List;
import java.util.Map;

/**
 * A batch that passed every check, grouped by user.
 *
 * @param behaviours each user's events, in the order sent
 * @param profiles each user's profile updates, merged in the order sent
 * @param events how many behaviour events the batch held
 */
public record ValidBatch(
        Map<String, List<Behaviour>> behaviours, Map<String, Map<String, Object>> profiles, int events) {}
