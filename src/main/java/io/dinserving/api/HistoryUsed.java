package io.dinserving.api;

/**
 * Where a response's history came from.
 *
 * @param source {@code request} (the behaviours sent), {@code store} (the user store's), {@code merge}
 *     (both) or {@code none} (no history: none was sent and the store does not know the user)
 * @param behaviours how many behaviours that history held, before the model kept its most recent
 */
record HistoryUsed(String source, int behaviours) {}
