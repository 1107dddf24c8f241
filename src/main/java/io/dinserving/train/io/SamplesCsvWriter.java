package io.dinserving.train.io;

import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.feature.FeatureSpec.NumericFeature;
import io.dinserving.train.Sample;
import io.dinserving.train.SampleSet;
import io.dinserving.train.WorkProgress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes built samples as CSV in {@link SampleFileLayout#forSpec} layout: user, time, candidate
 * columns, history sequences joined by {@code |}, profile values, label and split. Another tool can
 * train on identical samples, and {@code train --samples} reads the file back.
 */
public final class SamplesCsvWriter {

    static final int REPORT_EVERY = 4096;

    private SamplesCsvWriter() {}

    public static void write(SampleSet set, Path file) throws IOException {
        write(set, file, WorkProgress.silent());
    }

    /** Writes the samples, reporting every {@value #REPORT_EVERY} rows and at the end. */
    public static void write(SampleSet set, Path file, WorkProgress progress) throws IOException {
        FeatureSpec spec = set.spec();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        List<String> header = new ArrayList<>();
        header.add(SampleFileLayout.USER);
        header.add(SampleFileLayout.TIMESTAMP);
        spec.attention().forEach(p -> header.add(p.candidate()));
        spec.attention().forEach(p -> header.add(p.sequence()));
        spec.categorical().forEach(f -> header.add(f.name()));
        spec.numeric().forEach(f -> header.add(f.name()));
        header.add(SampleFileLayout.LABEL);
        header.add(SampleFileLayout.SPLIT);
        try (BufferedWriter out = Files.newBufferedWriter(file);
                CSVPrinter csv = new CSVPrinter(
                        out,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader(header.toArray(String[]::new))
                                .get())) {
            List<AttentionPair> pairs = spec.attention();
            long total = set.samples().size();
            long done = 0;
            for (Sample s : set.samples()) {
                if (done++ % REPORT_EVERY == 0) {
                    progress.advance(done - 1, total);
                }
                List<Object> row = new ArrayList<>(header.size());
                row.add(s.user());
                row.add(s.timestamp());
                s.candidate().forEach(v -> row.add(v == null ? "" : v));
                for (int p = 0; p < pairs.size(); p++) {
                    StringBuilder sequence = new StringBuilder();
                    for (int t = 0; t < s.history().size(); t++) {
                        // Separators by position: a missing value is an empty id, never a dropped one.
                        if (t > 0) {
                            sequence.append('|');
                        }
                        String v = s.history().get(t).get(p);
                        sequence.append(v == null ? "" : v);
                    }
                    row.add(sequence.toString());
                }
                for (CategoricalFeature f : spec.categorical()) {
                    String v = s.categorical().get(f.name());
                    row.add(v == null ? "" : v);
                }
                for (NumericFeature f : spec.numeric()) {
                    Double v = s.numeric().get(f.name());
                    row.add(v == null ? "" : v);
                }
                row.add(s.label());
                row.add(s.split().label());
                csv.printRecord(row);
            }
        }
        progress.advance(set.samples().size(), set.samples().size());
    }
}
