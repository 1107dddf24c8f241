package io.dinserving.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a training or evaluation report: {@code report.json}, {@code report.md} and, for
 * training, {@code training.png} with train and validation loss and validation AUC per epoch, the
 * kept epoch marked.
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
        md.append("\n![train and validation loss and validation AUC per epoch, the kept epoch marked](training.png)\n");
        Files.writeString(dir.resolve("report.md"), md);
        chart(result.epochs(), result.bestEpoch(), dir.resolve("training.png"));
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
        if (bySplit.values().stream().anyMatch(m -> m != null && Double.isNaN(m.gauc()))) {
            md.append(GAUC_NOT_AVAILABLE).append('\n');
        }
        return md.toString();
    }

    /** Why a GAUC can be missing, printed under any table that lacks one. */
    static final String GAUC_NOT_AVAILABLE = "\nGAUC n/a: no user in that split has both a positive and a negative "
            + "sample (one row per user, or no user column), so there is no per-user AUC to average.";

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * Loss (train and validation) and validation AUC per epoch, side by side, with the epoch whose
     * checkpoint was kept marked on both: enough to see a validation loss rising while AUC still
     * climbs.
     */
    static void chart(List<EpochStats> epochs, int keptEpoch, Path file) throws IOException {
        XYSeries trainLoss = new XYSeries("train log loss");
        XYSeries validationLoss = new XYSeries("validation log loss");
        XYSeries validationAuc = new XYSeries("validation AUC");
        for (EpochStats e : epochs) {
            trainLoss.add(e.epoch(), e.trainLoss());
            if (e.validation() != null) {
                validationLoss.add(e.epoch(), e.validation().logLoss());
                validationAuc.add(e.epoch(), e.validation().auc());
            }
        }
        XYSeriesCollection losses = new XYSeriesCollection(trainLoss);
        if (validationLoss.getItemCount() > 0) {
            losses.addSeries(validationLoss);
        }
        JFreeChart loss = lineChart("Loss per epoch", "log loss", losses, keptEpoch);
        JFreeChart auc = lineChart("Validation AUC per epoch", "AUC", new XYSeriesCollection(validationAuc), keptEpoch);
        int width = 1000;
        int height = 400;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        loss.draw(g, new Rectangle2D.Double(0, 0, width / 2.0, height));
        auc.draw(g, new Rectangle2D.Double(width / 2.0, 0, width / 2.0, height));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static JFreeChart lineChart(String title, String yLabel, XYSeriesCollection data, int keptEpoch) {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "epoch", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(200, 60, 40));
        renderer.setSeriesPaint(1, new Color(40, 90, 200));
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        NumberAxis epochs = (NumberAxis) plot.getDomainAxis();
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        if (data.getSeriesCount() == 0 || data.getSeries(0).getItemCount() == 0) {
            plot.setNoDataMessage("no validation split");
        }
        if (keptEpoch > 0) {
            ValueMarker kept = new ValueMarker(keptEpoch, new Color(60, 140, 60), new BasicStroke(1.5f));
            kept.setLabel("kept: epoch " + keptEpoch);
            // Drawn to the left of the line, so a kept last epoch keeps its label inside the plot.
            kept.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            kept.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            kept.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
            plot.addDomainMarker(kept);
        }
        return chart;
    }
}
