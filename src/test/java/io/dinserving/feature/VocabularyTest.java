package io.dinserving.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void reservesPaddingOutOfVocabularyAndMissing() {
        Vocabulary v = new Vocabulary(List.of("a", "b"));
        assertThat(v.encode("a")).isEqualTo(Vocabulary.FIRST_TOKEN_ID);
        assertThat(v.encode("b")).isEqualTo(Vocabulary.FIRST_TOKEN_ID + 1);
        assertThat(v.encode("zzz")).isEqualTo(Vocabulary.OUT_OF_VOCABULARY);
        assertThat(v.encode(null)).isEqualTo(Vocabulary.MISSING);
        assertThat(v.encode("  ")).isEqualTo(Vocabulary.MISSING);
        assertThat(v.size()).isEqualTo(5);
        assertThat(List.of(Vocabulary.PADDING, Vocabulary.OUT_OF_VOCABULARY, Vocabulary.MISSING))
                .doesNotHaveDuplicates();
    }

    @Test
    void builderDropsRareTokensToOutOfVocabularyAndOrdersByCount() {
        Vocabulary v = new VocabularyBuilder()
                .add("x")
                .add("y")
                .add("y")
                .add("z")
                .add("z")
                .add(null)
                .build(2);
        assertThat(v.tokens()).containsExactly("y", "z");
        assertThat(v.encode("x")).isEqualTo(Vocabulary.OUT_OF_VOCABULARY);
    }

    @Test
    void rejectsDuplicateTokens() {
        assertThatThrownBy(() -> new Vocabulary(List.of("a", "a"))).hasMessageContaining("duplicate token 'a'");
    }
}
