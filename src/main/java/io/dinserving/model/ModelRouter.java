package io.dinserving.model;

/** Picks the version that serves a request. */
@FunctionalInterface
public interface ModelRouter {

    /**
     * A lease on the version for this user; close it when the request is answered.
     *
     * @param userId the request's user, or null: then the version is picked at random by share
     */
    ModelLease lease(String userId);
}
