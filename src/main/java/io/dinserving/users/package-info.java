/**
 * What the service knows about each user: the latest behaviours, oldest first, and the profile,
 * kept in a {@link io.dinserving.users.UserStore} that events keep fresh, so a storefront may send
 * only a {@code userId}. The store is independent of model versions: item attributes and profile
 * values are kept as they came, and each request takes from them what its version knows.
 *
 * <p>Uses nothing else of this service.
 */
package io.dinserving.users;
