/**
 * Ingestion: batches of behaviour events and profile updates, checked whole against the version
 * that serves each user, then written to the {@link io.dinserving.users.UserStore}. {@code POST
 * /events} and a stream consumer share it, so both keep one contract.
 *
 * <p>Uses {@code users}, {@code serving} (the version whose features an event is checked against)
 * and {@code feature}.
 */
package io.dinserving.events;
