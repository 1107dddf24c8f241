/**
 * The publishing gate: a repository's new version is scored beside the serving one on a labelled
 * evaluation file before it takes traffic. It implements the serving package's {@code VersionGate}
 * with the training package's evaluation, so the service and {@code train --publish-to} reach the
 * same verdict.
 */
package io.dinserving.train.gate;
