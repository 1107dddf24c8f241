package io.dinserving.train.tune;

import io.dinserving.train.BinaryMetrics;

/** The validation score a search is decided on. */
public enum Criterion {
    AUC("AUC"),
    GAUC("GAUC"),
    LOG_LOSS("log loss");

    final String label;

    Criterion(String label) {
        this.label = label;
    }

    /** The score with larger meaning better; a missing GAUC ranks last. */
    double higherIsBetter(BinaryMetrics m) {
        double v = switch (this) {
            case AUC -> m.auc();
            case GAUC -> m.gauc();
            case LOG_LOSS -> -m.logLoss();
        };
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
