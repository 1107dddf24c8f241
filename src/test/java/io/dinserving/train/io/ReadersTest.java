package io.dinserving.train.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.ItemCatalogue;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Nested
    class BehaviourLogs {
        private final LogFormat format = new LogFormat(",", true, "user", "item", "ts", "cat", "rating", null, null);

        @Test
        void readsConfiguredColumns() throws IOException {
            Path log = write("log.csv", "ts,user,item,cat,rating\n5,u1,i1,c1,4.5\n6,u1,i2,,\n");
            List<Event> events = new BehaviourLogReader(format, RowErrors.failFast()).read(log);
            assertThat(events)
                    .containsExactly(
                            new Event("u1", "i1", "c1", 5, 4.5, null, null),
                            new Event("u1", "i2", null, 6, null, null, null));
        }

        @Test
        void aMalformedRowFailsWithFileLineAndColumn() throws IOException {
            Path log = write("log.csv", "ts,user,item,cat,rating\n5,u1,i1,c1,4\nsoon,u1,i2,c1,3\n");
            assertThatThrownBy(() -> new BehaviourLogReader(format, RowErrors.failFast()).read(log))
                    .isInstanceOf(MalformedRowException.class)
                    .hasMessage(log + ":3:1: timestamp 'soon' is not an integer");
        }

        @Test
        void skippedRowsAreCountedNotLost() throws IOException {
            Path log =
                    write("log.csv", "ts,user,item,cat,rating\n5,u1,i1,c1,4\n6,,i2,c1,3\n7,u2,i3,c1,high\n8,u2,i4\n");
            RowErrors errors = new RowErrors(RowErrors.Policy.SKIP);
            List<Event> events = new BehaviourLogReader(format, errors).read(log);
            assertThat(events).hasSize(1);
            assertThat(errors.skipped()).isEqualTo(3);
            assertThat(errors.examples())
                    .containsExactly(
                            log + ":3:2: user is blank",
                            log + ":4:5: rating 'high' is not a number",
                            log + ":5:4: row has 3 columns, column 4 is missing");
        }

        @Test
        void anUnknownColumnIsNamedWithTheColumnsTheFileHas() throws IOException {
            Path log = write("log.csv", "ts,user,item\n1,u,i\n");
            LogFormat wrong = new LogFormat(",", true, "uid", "item", "ts", null, null, null, null);
            assertThatThrownBy(() -> new BehaviourLogReader(wrong, RowErrors.failFast()).read(log))
                    .hasMessageContaining("column 'uid' not found")
                    .hasMessageContaining("[ts, user, item]");
        }
    }

    @Nested
    class MovieLens {
        @Test
        void readsMlLatestSmallWithTheFirstGenreAsCategory() throws IOException {
            write("ratings.csv", "userId,movieId,rating,timestamp\n1,10,4.0,100\n1,20,2.5,90\n");
            write(
                    "movies.csv",
                    "movieId,title,genres\n10,\"Heat, The (1995)\",Action|Crime\n20,X,(no genres listed)\n");
            LogDataset data = new MovieLensReader(RowErrors.failFast()).read(dir);
            assertThat(data.events())
                    .containsExactly(
                            new Event("1", "10", "Action", 100, 4.0, null, null),
                            new Event("1", "20", null, 90, 2.5, null, null));
            assertThat(data.itemNames()).containsEntry("10", "Heat, The (1995)").containsEntry("20", "X");
        }

        @Test
        void readsMl100kWithUserProfiles() throws IOException {
            write("u.data", "1\t10\t5\t881250949\n2\t20\t3\t881250950\n");
            write("u.item", "10|Film (1995)|01-Jan-1995||http://x|0|0|0|0|0|1|0|0|1|0|0|0|0|0|0|0|0|0|0\n");
            write("u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n");
            LogDataset data = new MovieLensReader(RowErrors.failFast()).read(dir);
            assertThat(data.events().get(0)).isEqualTo(new Event("1", "10", "Comedy", 881250949, 5.0, null, null));
            assertThat(data.users().get("2", "gender")).isEqualTo("F");
            assertThat(data.users().get("1", "age")).isEqualTo("24");
            assertThat(data.numeric()).extracting(f -> f.name()).containsExactly("age");
            assertThat(data.itemNames()).containsExactly(java.util.Map.entry("10", "Film (1995)"));
        }

        @Test
        void readsMl1mDoubleColonFiles() throws IOException {
            write("ratings.dat", "1::1193::5::978300760\n");
            write("movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n");
            write("users.dat", "1::F::1::10::48067\n");
            LogDataset data = new MovieLensReader(RowErrors.failFast()).read(dir);
            assertThat(data.events()).containsExactly(new Event("1", "1193", "Drama", 978300760, 5.0, null, null));
            assertThat(data.users().get("1", "occupation")).isEqualTo("10");
            assertThat(data.categorical()).extracting(f -> f.name()).containsExactly("gender", "age", "occupation");
            assertThat(data.itemNames()).containsEntry("1193", "One Flew Over the Cuckoo's Nest (1975)");
        }
    }

    @Nested
    class SampleFiles {
        private final SampleFileLayout tutorial = new SampleFileLayout(
                List.of(AttentionPair.item("movieId", "histHighRatedMovieIds")),
                List.of(CategoricalFeature.user("gender")),
                List.of(),
                "label",
                "userId",
                null,
                null,
                ",",
                "|");

        @Test
        void readsTheTutorialLayoutKeepingTheMostRecentIds() throws IOException {
            Path file = write(
                    "train.csv",
                    "userId,gender,movieId,histHighRatedMovieIds,label\n" + "7,F,33,12|7|99|4,1\n8,M,5,,0\n");
            SampleSet set = new SampleFileReader(tutorial, RowErrors.failFast()).read(file, 3);
            Sample first = set.samples().get(0);
            assertThat(first.candidate()).containsExactly("33");
            assertThat(first.history()).containsExactly(List.of("7"), List.of("99"), List.of("4"));
            assertThat(first.categorical()).containsEntry("gender", "F");
            assertThat(first.split()).isEqualTo(Split.TRAIN);
            assertThat(set.samples().get(1).history()).isEmpty();
            assertThat(set.spec().attention())
                    .containsExactly(tutorial.attention().get(0));
        }

        /** What {@code prepare} writes, {@code train --samples} reads back, missing categories included. */
        @Test
        void writtenSamplesReadBackWithMissingAttributesInPlace() throws IOException {
            FeatureSpec spec = FeatureSpec.forBehaviourLogs(true, List.of(), List.of(), 50);
            List<Sample> samples = List.of(
                    sample(
                            "u1",
                            Arrays.asList(Arrays.asList("1", null), Arrays.asList("2", "b"), Arrays.asList("3", null))),
                    sample("u2", List.of(Arrays.asList("4", null))),
                    sample("u3", List.of()));
            Path file = dir.resolve("prepared.csv");
            SamplesCsvWriter.write(new SampleSet("test", spec, samples, ItemCatalogue.empty()), file);
            SampleSet read = new SampleFileReader(SampleFileLayout.forSpec(spec), RowErrors.failFast()).read(file, 50);
            assertThat(read.samples())
                    .extracting(Sample::history)
                    .containsExactly(samples.get(0).history(), samples.get(1).history(), List.of());
        }

        private Sample sample(String user, List<List<String>> history) {
            return new Sample(user, 10, List.of("9", "c"), history, null, Map.of(), Map.of(), 1, Split.TRAIN);
        }

        @Test
        void pairedSequencesOfDifferentLengthsAreMalformed() throws IOException {
            SampleFileLayout layout = new SampleFileLayout(
                    List.of(AttentionPair.item("itemId", "hi"), AttentionPair.attribute("category", "hc")),
                    List.of(),
                    List.of(),
                    "label",
                    null,
                    null,
                    null,
                    ",",
                    "|");
            Path file = write("s.csv", "itemId,category,hi,hc,label\n1,a,2|3,b,1\n");
            assertThatThrownBy(() -> new SampleFileReader(layout, RowErrors.failFast()).read(file, 50))
                    .hasMessage(file + ":2:4: sequence has 1 ids but the paired sequence in column 3 has 2");
        }
    }
}
