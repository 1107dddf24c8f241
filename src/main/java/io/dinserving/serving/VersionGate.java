package io.dinserving.serving;

import io.dinserving.bundle.ModelBundle;

/**
 * Decides whether a newly loaded version of a repository may take traffic from the version it
 * would replace. Pinned versions and single bundles are the operator's explicit choice and are
 * never judged.
 */
@FunctionalInterface
public interface VersionGate {

    /**
     * The verdict on a candidate, before any request reaches it.
     *
     * @param candidateVersion the candidate's version
     * @param candidate its loaded bundle
     * @param servingVersion the version it would replace, or null when none serves
     * @param serving that version's bundle, or null
     */
    GateVerdict judge(String candidateVersion, ModelBundle candidate, String servingVersion, ModelBundle serving);

    /** Lets every version through: what serves when no gate is configured. */
    static VersionGate open() {
        return (candidateVersion, candidate, servingVersion, serving) -> GateVerdict.ungated("no gate is configured");
    }
}
