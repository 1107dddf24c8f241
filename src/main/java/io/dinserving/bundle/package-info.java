/**
 * The model bundle: its format ({@link io.dinserving.bundle.BundleManifest}, written and read by
 * {@code ManifestCodec}, with the fitted features as JSON), loading a bundle into a {@link
 * io.dinserving.nn.ForwardPass} ({@link io.dinserving.bundle.ModelBundle}, a DIN trained here or an
 * imported TorchScript module), and the {@link io.dinserving.bundle.ModelRepository} of numbered
 * versions that {@code train --publish-to} publishes into.
 *
 * <p>Uses {@code nn} and {@code feature}. Knows nothing of serving: which versions serve, and how,
 * is {@code serving}'s job.
 */
package io.dinserving.bundle;
