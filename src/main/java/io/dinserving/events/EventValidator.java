package io.dinserving.events;

import io.dinserving.feature.ClosestName;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.InvalidFeatureException;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.users.Behaviour;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a whole batch before any of it is written, with the rules of a ranking request: ids within
 * their length, item attributes and profile features the serving model has, values of their type.
 * A batch with one mistake is refused whole, so a client that fixes it and resends loses nothing and
 * duplicates nothing.
 */
public final class EventValidator {

    private final int maxEvents;
    private final int maxIdLength;

    /**
     * @param maxEvents most events and profile updates per batch
     * @param maxIdLength longest id, attribute value or type
     */
    public EventValidator(int maxEvents, int maxIdLength) {
        this.maxEvents = maxEvents;
        this.maxIdLength = maxIdLength;
    }

    /**
     * @param encoderFor the encoder of the version that serves a user, whose item attributes and
     *     profile features the user's events may carry
     * @throws InvalidEventException naming the first offending field
     */
    public ValidBatch validate(EventBatch batch, Function<String, RequestEncoder> encoderFor) {
        if (batch == null) {
            throw new InvalidEventException("body", "a JSON body is required");
        }
        unknownFields("", batch.unknownFields(), EventBatch.FIELDS);
        List<EventBatch.BehaviourEvent> events = batch.events() == null ? List.of() : batch.events();
        List<EventBatch.ProfileUpdate> profiles = batch.profiles() == null ? List.of() : batch.profiles();
        if (events.isEmpty() && profiles.isEmpty()) {
            throw new InvalidEventException("events", "a batch needs at least one event or profile update");
        }
        if (events.size() + profiles.size() > maxEvents) {
            throw new InvalidEventException(
                    events.size() > maxEvents ? "events" : "profiles",
                    (events.size() + profiles.size()) + " events and profile updates, at most " + maxEvents
                            + " are allowed per batch");
        }
        Map<String, RequestEncoder> encoders = new HashMap<>();
        Function<String, RequestEncoder> encoder = userId -> encoders.computeIfAbsent(userId, encoderFor);
        Map<String, List<Behaviour>> behaviours = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            String at = "events[" + i + "]";
            Behaviour behaviour = behaviour(at, events.get(i), encoder);
            behaviours
                    .computeIfAbsent(events.get(i).userId(), u -> new ArrayList<>())
                    .add(behaviour);
        }
        Map<String, Map<String, Object>> updates = new LinkedHashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            String at = "profiles[" + i + "]";
            EventBatch.ProfileUpdate update = profiles.get(i);
            if (update == null) {
                throw new InvalidEventException(at, "must not be null");
            }
            unknownFields(at + ".", update.unknownFields(), EventBatch.ProfileUpdate.FIELDS);
            id(at + ".userId", update.userId());
            if (update.features() == null || update.features().isEmpty()) {
                throw new InvalidEventException(at + ".features", "at least one feature is required");
            }
            checkFeatures(at + ".features.", update.features(), encoder.apply(update.userId()));
            updates.computeIfAbsent(update.userId(), u -> new HashMap<>()).putAll(update.features());
        }
        return new ValidBatch(behaviours, updates, events.size());
    }

    private Behaviour behaviour(
            String at, EventBatch.BehaviourEvent event, Function<String, RequestEncoder> encoderFor) {
        if (event == null) {
            throw new InvalidEventException(at, "must not be null");
        }
        unknownFields(at + ".", event.unknownFields(), EventBatch.BehaviourEvent.FIELDS);
        id(at + ".userId", event.userId());
        id(at + ".itemId", event.itemId());
        if (event.eventId() != null) {
            id(at + ".eventId", event.eventId());
        }
        if (event.timestamp() == null) {
            throw new InvalidEventException(
                    at + ".timestamp", "is required: epoch milliseconds, which place the event in the history");
        }
        if (event.timestamp() < 0) {
            throw new InvalidEventException(at + ".timestamp", "must not be negative (epoch milliseconds)");
        }
        if (event.type() != null) {
            id(at + ".type", event.type());
        }
        Map<String, String> attributes = new HashMap<>();
        if (event.attributes() != null && !event.attributes().isEmpty()) {
            Set<String> known =
                    Set.copyOf(encoderFor.apply(event.userId()).spec().attributeNames());
            for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
                String field = at + ".attributes." + attribute.getKey();
                if (!known.contains(attribute.getKey())) {
                    String closest = ClosestName.of(attribute.getKey(), known);
                    throw new InvalidEventException(
                            field,
                            "unknown item attribute" + (closest == null ? "" : "; did you mean '" + closest + "'?")
                                    + " The serving model's items have "
                                    + (known.isEmpty()
                                            ? "no attributes, only an itemId"
                                            : "the attributes " + new TreeSet<>(known)));
                }
                if (!(attribute.getValue() instanceof String value)) {
                    throw new InvalidEventException(field, "item attributes are strings");
                }
                id(field, value);
                attributes.put(attribute.getKey(), value);
            }
        }
        return new Behaviour(event.eventId(), event.itemId(), event.timestamp(), event.type(), attributes);
    }

    private static void checkFeatures(String at, Map<String, Object> features, RequestEncoder encoder) {
        for (Map.Entry<String, Object> feature : features.entrySet()) {
            if (encoder.sourceOf(feature.getKey()) != FeatureSpec.Source.USER) {
                List<String> known = encoder.spec().featureNames(FeatureSpec.Source.USER);
                String closest = ClosestName.of(feature.getKey(), known);
                throw new InvalidEventException(
                        at + feature.getKey(),
                        "not a user feature of the serving model"
                                + (closest == null ? "" : "; did you mean '" + closest + "'?")
                                + " Its user features are " + known);
            }
            if (feature.getValue() == null) {
                continue; // removes the value
            }
            if (!(feature.getValue() instanceof String) && !(feature.getValue() instanceof Number)) {
                throw new InvalidEventException(at + feature.getKey(), "must be a string or a number");
            }
            try {
                encoder.check(Map.of(feature.getKey(), feature.getValue()), null);
            } catch (InvalidFeatureException e) {
                throw new InvalidEventException(at + feature.getKey(), e.getMessage());
            }
        }
    }

    private void id(String at, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(at, "must not be blank");
        }
        if (value.length() > maxIdLength) {
            throw new InvalidEventException(at, "must be at most " + maxIdLength + " characters");
        }
    }

    private static void unknownFields(String prefix, Map<String, Object> unknown, List<String> fields) {
        if (unknown != null && !unknown.isEmpty()) {
            String name = unknown.keySet().iterator().next();
            String closest = ClosestName.of(name, fields);
            throw new InvalidEventException(
                    prefix + name,
                    "unknown field"
                            + (closest == null ? "; the fields are " + fields : "; did you mean '" + closest + "'?"));
        }
    }
}
