package io.dinserving.feature;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable mapping from tokens to ids, with reserved ids for padding, out-of-vocabulary and
 * missing values. Known tokens start at {@link #FIRST_TOKEN_ID}.
 */
public final class Vocabulary {

    /** Id of a padded history position; never produced for a real value. */
    public static final int PADDING = 0;
    /** Id of a token not seen (often enough) in training. */
    public static final int OUT_OF_VOCABULARY = 1;
    /** Id of an absent value (null or blank). */
    public static final int MISSING = 2;
    /** Id of the first known token. */
    public static final int FIRST_TOKEN_ID = 3;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    /** Creates a vocabulary whose token at index i gets id {@code FIRST_TOKEN_ID + i}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < this.tokens.size(); i++) {
            if (ids.put(this.tokens.get(i), FIRST_TOKEN_ID + i) != null) {
                throw new IllegalArgumentException("duplicate token '" + this.tokens.get(i) + "'");
            }
        }
    }

    /**
     * Returns the id of a token: {@link #MISSING} for null or blank, {@link #OUT_OF_VOCABULARY}
     * for an unknown token.
     */
    public int encode(String token) {
        if (token == null || token.isBlank()) {
            return MISSING;
        }
        Integer id = ids.get(token);
        return id == null ? OUT_OF_VOCABULARY : id;
    }

    /** Whether the token is a known one. */
    public boolean contains(String token) {
        return token != null && ids.containsKey(token);
    }

    /** Size of the id space, reserved ids included: the rows of an embedding table. */
    public int size() {
        return FIRST_TOKEN_ID + tokens.size();
    }

    /** The known tokens, in id order: how a bundle stores the vocabulary. */
    @JsonValue
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary other && tokens.equals(other.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[" + tokens.size() + " tokens]";
    }
}
