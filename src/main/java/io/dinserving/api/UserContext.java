package io.dinserving.api;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.InvalidFeatureException;
import io.dinserving.feature.Item;
import io.dinserving.feature.RequestEncoder;
import io.dinserving.users.Behaviour;
import io.dinserving.users.HistoryMode;
import io.dinserving.users.UserHistory;
import io.dinserving.users.UserState;
import io.dinserving.users.UserStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;

/**
 * Completes a valid request with what the user store holds: the history its mode asks for, and the
 * stored profile under the values the request sent. The store is written by events for any version,
 * so what the serving version does not know is left out here, never refused: the client did not send
 * it.
 */
final class UserContext {

    private final UserStore store;

    UserContext(UserStore store) {
        this.store = store;
    }

    ValidRequest complete(ValidRequest valid, RequestEncoder encoder) {
        String userId = valid.request().userId();
        List<Behaviour> sent = valid.sent();
        if (userId == null) {
            return valid.withUser(
                    valid.behaviours(), valid.userFeatures(), used(sent == null ? "none" : "request", sent), List.of());
        }
        List<FieldWarnings.Warning> warnings = new ArrayList<>();
        boolean historyFromStore = valid.mode() != HistoryMode.REQUEST || sent == null;
        if (!historyFromStore
                && encoder.spec().featureNames(FeatureSpec.Source.USER).isEmpty()) {
            // The history was sent and the model takes no profile: the store has nothing to add.
            return valid.withUser(valid.behaviours(), valid.userFeatures(), used("request", sent), List.of());
        }
        Optional<UserState> stored;
        try {
            stored = store.find(userId);
        } catch (DataAccessException e) {
            if (historyFromStore) {
                throw new UserStoreUnavailableException("userId", e);
            }
            // The history was sent: rank with it, without the stored profile, rather than not at all.
            warnings.add(new FieldWarnings.Warning(
                    "userId", "the user store did not answer; scored without the stored profile"));
            stored = Optional.empty();
        }
        if (stored.isEmpty() && historyFromStore) {
            warnings.add(new FieldWarnings.Warning(
                    "userId",
                    "the user store does not know this user; scored with "
                            + (sent == null || valid.mode() == HistoryMode.STORE
                                    ? "an empty history"
                                    : "the sent behaviours")));
        }
        List<Behaviour> kept = stored.map(UserState::behaviours).orElse(List.of());
        List<Behaviour> history;
        String source;
        switch (valid.mode()) {
            case REQUEST -> {
                history = sent != null ? sent : kept;
                source = sent != null ? "request" : "store";
            }
            case STORE -> {
                history = kept;
                source = "store";
                if (sent != null) {
                    warnings.add(new FieldWarnings.Warning(
                            "behaviors", "ignored: the history is the store's (\"history\": \"store\")"));
                }
            }
            default -> {
                history = sent == null
                        ? kept
                        : UserHistory.insert(kept, sent, Integer.MAX_VALUE).behaviours();
                source = sent == null ? "store" : "merge";
            }
        }
        if (history.isEmpty() && sent == null) {
            source = "none";
        }
        List<Item> items = history == sent ? valid.behaviours() : items(history, encoder.spec());
        Map<String, ?> profile = profile(stored, valid.userFeatures(), encoder, warnings);
        return valid.withUser(items, profile, new HistoryUsed(source, history.size()), warnings);
    }

    private static HistoryUsed used(String source, List<Behaviour> sent) {
        return new HistoryUsed(source, sent == null ? 0 : sent.size());
    }

    /** Stored behaviours as the version names items: attributes it does not have are left out. */
    private static List<Item> items(List<Behaviour> behaviours, FeatureSpec spec) {
        Set<String> attributes = Set.copyOf(spec.attributeNames());
        List<Item> items = new ArrayList<>(behaviours.size());
        for (Behaviour behaviour : behaviours) {
            Map<String, String> known = new HashMap<>();
            behaviour.attributes().forEach((name, value) -> {
                if (attributes.contains(name)) {
                    known.put(name, value);
                }
            });
            items.add(new Item(behaviour.itemId(), known));
        }
        return items;
    }

    /**
     * The stored profile, each value the version can take, under the values the request sent. A
     * stored value it cannot take (a feature it lacks, a word for a number) is left out with a warning.
     */
    private static Map<String, ?> profile(
            Optional<UserState> stored,
            Map<String, ?> sent,
            RequestEncoder encoder,
            List<FieldWarnings.Warning> warnings) {
        if (stored.isEmpty() || stored.get().profile().isEmpty()) {
            return sent;
        }
        Map<String, Object> profile = new HashMap<>();
        stored.get().profile().forEach((name, value) -> {
            if (sent != null && sent.containsKey(name)) {
                return;
            }
            if (encoder.sourceOf(name) != FeatureSpec.Source.USER) {
                return; // a feature of another version
            }
            try {
                encoder.check(Map.of(name, value), null);
                profile.put(name, value);
            } catch (InvalidFeatureException e) {
                warnings.add(new FieldWarnings.Warning(
                        "userFeatures." + name, "the stored value is left out: " + e.getMessage()));
            }
        });
        if (sent != null) {
            profile.putAll(sent);
        }
        return profile;
    }
}
