-- Reads one user in one round trip: {history members oldest first, profile as name/value pairs}.
-- KEYS: 1 the history, 2 the identities, 3 the arrival counter, 4 the profile.
return {redis.call('ZRANGE', KEYS[1], 0, -1), redis.call('HGETALL', KEYS[4])}
