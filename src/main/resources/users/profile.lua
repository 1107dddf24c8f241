-- Sets and removes profile values of one user atomically, and renews the user's time to live.
-- KEYS: 1 the history, 2 the identities, 3 the arrival counter, 4 the profile (hash).
-- ARGV: 1 time to live in ms, then per value: name, then '1' and the JSON value to set it, or '0'
-- and '' to remove it.
local ttl = tonumber(ARGV[1])
for i = 2, #ARGV, 3 do
  if ARGV[i + 1] == '1' then
    redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 2])
  else
    redis.call('HDEL', KEYS[4], ARGV[i])
  end
end
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return 1
