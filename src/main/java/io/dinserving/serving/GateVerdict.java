package io.dinserving.serving;

/**
 * A gate's verdict on a candidate version, with the figures it rests on.
 *
 * @param gated whether the candidate was judged at all (false: it went through unjudged)
 * @param promoted whether it may take traffic
 * @param reason the verdict in words
 * @param evaluationFile the labelled samples both versions were scored on, or null
 * @param samples how many samples that file holds
 * @param candidate the candidate's figures on them, or null
 * @param servingVersion the version it was judged against, or null when none served
 * @param serving that version's figures, or null
 * @param constantLogLoss the log loss of predicting the file's positive rate for every sample
 */
public record GateVerdict(
        boolean gated,
        boolean promoted,
        String reason,
        String evaluationFile,
        long samples,
        Figures candidate,
        String servingVersion,
        Figures serving,
        Double constantLogLoss) {

    /** A version's figures on the evaluation file. */
    public record Figures(double auc, double logLoss) {}

    /** Goes through unjudged, for the reason given. */
    public static GateVerdict ungated(String reason) {
        return new GateVerdict(false, true, reason, null, 0, null, null, null, null);
    }
}
