package io.dinserving.serving;

/** Picks the version that serves a request, and holds it open until the request is answered. */
@FunctionalInterface
public interface VersionSelector {

    /**
     * A lease on the version for this user; close it when the request is answered.
     *
     * @param userId the request's user, or null: then the version is picked at random by share
     * @throws NoVersionServingException when no version is serving
     */
    VersionLease lease(String userId);

    /**
     * Whether every serving version's queue is full, so that a request now would be refused: the
     * API then refuses it before reading its body, leaving the CPU to the requests already admitted.
     */
    default boolean saturated() {
        return false;
    }
}
