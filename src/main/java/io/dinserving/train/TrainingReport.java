package io.dinserving.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a training or evaluation report: {@code report.json}, {@code report.md} and, for
 * training, {@code training.png} with the loss and validation AUC per epoch.
 */
public final class TrainingReport {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private TrainingReport() {}

    static void write(TrainingResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", result.manifest().version());
        json.put("model", result.manifest().model());
        json.put("trainingData", result.manifest().trainingData());
        json.put("bestEpoch", result.bestEpoch());
        json.put("validation", result.validation());
        json.put("test", result.test());
        json.put("epochs", result.epochs());
        JSON.writeValue(dir.resolve("report.json").toFile(), json);

        StringBuilder md = new StringBuilder();
        md.append("# Training report: ").append(result.manifest().version()).append("\n\n");
        md.append("- Model: `").append(result.manifest().model()).append("`\n");
        md.append("- Data: ")
                .append(result.manifest().trainingData().source())
                .append(", ")
                .append(result.manifest().trainingData().trainSamples())
                .append(" training samples, sha256 `")
                .append(result.manifest().trainingData().sha256())
                .append("`\n");
        md.append("- Best epoch: ")
                .append(result.bestEpoch())
                .append(" of ")
                .append(result.epochs().size())
                .append("\n\n");
        Map<String, BinaryMetrics> bySplit = new LinkedHashMap<>();
        bySplit.put("validation", result.validation());
        bySplit.put("test", result.test());
        md.append(metricsTable(bySplit));
        md.append(
                "\n| epoch | train loss | validation AUC | validation log loss | samples/s |\n|---|---|---|---|---|\n");
        for (EpochStats e : result.epochs()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.4f | %s | %s | %,.0f |%n",
                    e.epoch(),
                    e.trainLoss(),
                    e.validation() == null ? "-" : fmt(e.validation().auc()),
                    e.validation() == null ? "-" : fmt(e.validation().logLoss()),
                    e.samplesPerSecond()));
        }
        md.append("\n![loss and validation AUC per epoch](training.png)\n");
        Files.writeString(dir.resolve("report.md"), md);
        chart(result.epochs(), dir.resolve("training.png"));
    }

    /** Writes an evaluation report for any bundle and sample file. */
    public static void writeEvaluation(String version, String samples, Map<String, BinaryMetrics> bySplit, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("samples", samples);
        json.put("metrics", bySplit);
        JSON.writeValue(dir.resolve("report.json").toFile(), json);
        String md = "# Evaluation: " + version + "\n\n- Samples: " + samples + "\n\n" + metricsTable(bySplit);
        Files.writeString(dir.resolve("report.md"), md);
    }

    /** A Markdown table of metrics by split, in map order; splits without metrics (null) are left out. */
    public static String metricsTable(Map<String, BinaryMetrics> bySplit) {
        StringBuilder md = new StringBuilder(
                "| split | samples | AUC | GAUC | log loss | accuracy |\n|---|---|---|---|---|---|\n");
        bySplit.forEach((split, m) -> {
            if (m != null) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %s | %s | %s | %s |%n",
                        split,
                        m.samples(),
                        fmt(m.auc()),
                        fmt(m.gauc()),
                        fmt(m.logLoss()),
                        fmt(m.accuracy())));
            }
        });
        return md.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void chart(List<EpochStats> epochs, Path file) throws IOException {
        int width = 900;
        int height = 360;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        panel(g, 0, width / 2, height, "train loss", epochs, EpochStats::trainLoss, new Color(200, 60, 40));
        panel(
                g,
                width / 2,
                width / 2,
                height,
                "validation AUC",
                epochs,
                e -> e.validation() == null ? Double.NaN : e.validation().auc(),
                new Color(40, 90, 200));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(
            Graphics2D g,
            int x0,
            int w,
            int h,
            String title,
            List<EpochStats> epochs,
            ToDoubleFunction<EpochStats> value,
            Color color) {
        int left = x0 + 60;
        int right = x0 + w - 20;
        int top = 40;
        int bottom = h - 40;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (EpochStats e : epochs) {
            double v = value.applyAsDouble(e);
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title + " per epoch", left, 24);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        if (min == Double.POSITIVE_INFINITY) {
            g.drawString("no data", left + 20, (top + bottom) / 2);
            return;
        }
        if (max - min < 1e-9) {
            max = min + 1e-3;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.4f", max), x0 + 4, top + 4);
        g.drawString(String.format(Locale.ROOT, "%.4f", min), x0 + 4, bottom);
        int n = epochs.size();
        int prevX = -1;
        int prevY = -1;
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < n; i++) {
            double v = value.applyAsDouble(epochs.get(i));
            if (Double.isNaN(v)) {
                continue;
            }
            int x = n == 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
            int y = (int) (bottom - (bottom - top) * (v - min) / (max - min));
            g.setColor(color);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, x, y);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(epochs.get(i).epoch()), x - 3, bottom + 16);
            prevX = x;
            prevY = y;
        }
        g.drawString("epoch", (left + right) / 2 - 15, bottom + 32);
    }
}
