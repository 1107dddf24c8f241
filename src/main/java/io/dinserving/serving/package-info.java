/**
 * The versions being served, and how a request is scored on one.
 *
 * <p>The {@link io.dinserving.serving.ModelRegistry} loads versions from the repository, warms them
 * up and swaps them in; its {@code TrafficRouter} splits traffic between them, and a {@link
 * io.dinserving.serving.VersionLease} keeps a version open until the request on it is answered. A
 * version's {@link io.dinserving.serving.Scorer} is all a caller needs to score: it batches
 * requests dynamically through the {@link io.dinserving.serving.BatchScorer}, scores candidates
 * that encode alike once, and turns a full queue or a missed deadline into an {@link
 * org.springframework.web.ErrorResponseException} that says what the client gets. Also here: the
 * Spring wiring, readiness health, the {@code info} contribution and the {@code models} endpoint.
 *
 * <p>Uses {@code bundle}, {@code nn}, {@code feature} and {@code batching}. Observed through {@link
 * io.dinserving.serving.ServingListener}, so it never depends on {@code metrics}.
 */
package io.dinserving.serving;
