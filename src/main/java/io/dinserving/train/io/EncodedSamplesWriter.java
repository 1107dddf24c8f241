package io.dinserving.train.io;

import io.dinserving.feature.EncodedCandidate;
import io.dinserving.feature.EncodedContext;
import io.dinserving.feature.FeatureSpec;
import io.dinserving.feature.FeatureSpec.AttentionPair;
import io.dinserving.feature.FeatureSpec.CategoricalFeature;
import io.dinserving.train.EncodedSample;
import io.dinserving.train.Split;
import io.dinserving.train.WorkProgress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes samples already encoded, as integer ids and scaled numbers, so a Python script trains on
 * exactly the inputs this service will send its model. One row per sample:
 *
 * <pre>userId,split,label,c_&lt;pair&gt;..., h_&lt;pair&gt;..., f_&lt;categorical&gt;..., numeric</pre>
 *
 * Candidate and categorical columns hold one id; history columns hold the ids of the most recent
 * behaviours, oldest first, joined by {@code |} (empty for none); {@code numeric} holds the scaled
 * values and missing flags in the spec's order, joined by {@code |}. Ids follow the bundle's
 * vocabularies: 0 padding, 1 out-of-vocabulary, 2 missing, known tokens from 3.
 */
public final class EncodedSamplesWriter {

    private EncodedSamplesWriter() {}

    /** The samples and their splits, which {@code samples} and {@code splits} hold in the same order. */
    public static void write(
            FeatureSpec spec, List<EncodedSample> samples, List<Split> splits, Path file, WorkProgress progress)
            throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("userId,split,label");
            for (AttentionPair p : spec.attention()) {
                header.append(",c_").append(p.candidate());
            }
            for (AttentionPair p : spec.attention()) {
                header.append(",h_").append(p.candidate());
            }
            for (CategoricalFeature f : spec.categorical()) {
                header.append(",f_").append(f.name());
            }
            out.write(header.append(",numeric\n").toString());
            int pairs = spec.attention().size();
            for (int i = 0; i < samples.size(); i++) {
                if (i % SamplesCsvWriter.REPORT_EVERY == 0) {
                    progress.advance(i, samples.size());
                }
                EncodedSample s = samples.get(i);
                EncodedContext context = s.context();
                EncodedCandidate candidate = s.candidate();
                StringBuilder row = new StringBuilder();
                row.append(csv(s.user()))
                        .append(',')
                        .append(splits.get(i).label())
                        .append(',')
                        .append(s.label());
                for (int p = 0; p < pairs; p++) {
                    row.append(',').append(candidate.ids()[p]);
                }
                for (int p = 0; p < pairs; p++) {
                    row.append(',');
                    for (int t = 0; t < context.length(); t++) {
                        if (t > 0) {
                            row.append('|');
                        }
                        row.append(context.historyIds()[p * context.length() + t]);
                    }
                }
                for (int id : context.profileIds()) {
                    row.append(',').append(id);
                }
                row.append(',');
                float[] numeric = context.numeric();
                for (int n = 0; n < numeric.length; n++) {
                    if (n > 0) {
                        row.append('|');
                    }
                    row.append(String.format(Locale.ROOT, "%.9g", numeric[n]));
                }
                out.write(row.append('\n').toString());
            }
        }
        progress.advance(samples.size(), samples.size());
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
