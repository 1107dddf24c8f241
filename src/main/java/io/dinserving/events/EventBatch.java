package io.dinserving.events;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A batch of events, as {@code POST /events} and the event stream carry it. Applied whole or, when
 * any part is invalid, not at all.
 *
 * @param events behaviour events, in any order
 * @param profiles profile updates
 * @param unknownFields fields this format does not have: refused, naming the closest one
 */
@Schema(example = """
        {"events": [{"eventId": "e-1001", "userId": "u42", "itemId": "i232", "timestamp": 1764979200000,
                     "type": "click", "attributes": {"category": "c3"}}],
         "profiles": [{"userId": "u42", "features": {"gender": "F"}}]}""")
public record EventBatch(
        List<BehaviourEvent> events,
        List<ProfileUpdate> profiles,
        @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

    static final List<String> FIELDS = List.of("events", "profiles");

    /**
     * One behaviour.
     *
     * @param eventId makes a resent event a duplicate; without it, the same user, item and time do
     * @param userId whose behaviour it is
     * @param itemId the item
     * @param timestamp when it happened, in epoch milliseconds; it decides the event's place in the
     *     user's history, whenever the event arrives
     * @param type what was done, e.g. {@code click}; kept, not interpreted
     * @param attributes the item's attributes by the served model's names, e.g. {@code category}
     */
    public record BehaviourEvent(
            String eventId,
            String userId,
            String itemId,
            Long timestamp,
            String type,
            Map<String, Object> attributes,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

        static final List<String> FIELDS = List.of("eventId", "userId", "itemId", "timestamp", "type", "attributes");
    }

    /**
     * New profile values for one user; the others stay.
     *
     * @param userId whose profile it is
     * @param features the served model's user features by name: strings or numbers, or null to remove
     */
    public record ProfileUpdate(
            String userId,
            Map<String, Object> features,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknownFields) {

        static final List<String> FIELDS = List.of("userId", "features");
    }
}
