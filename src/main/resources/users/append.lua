-- Appends behaviours to one user's history in one round trip, atomically.
-- KEYS: 1 the history (sorted set: score = time, member = 16 hex digits of arrival, then the JSON),
--       2 the identities kept (hash: identity -> member), 3 the arrival counter, 4 the profile.
-- ARGV: 1 how many to keep, 2 time to live in ms, then per behaviour: identity ('' for none), time, JSON.
-- Returns {accepted, duplicates, stale}.
local max = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local added = {}
local inserted, duplicates = 0, 0
for i = 3, #ARGV, 3 do
  local identity, time, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if identity ~= '' and redis.call('HEXISTS', KEYS[2], identity) == 1 then
    duplicates = duplicates + 1
  else
    -- The arrival number keeps behaviours of equal time in the order they came.
    local member = string.format('%016x', redis.call('INCR', KEYS[3])) .. json
    redis.call('ZADD', KEYS[1], time, member)
    if identity ~= '' then
      redis.call('HSET', KEYS[2], identity, member)
    end
    added[member] = true
    inserted = inserted + 1
  end
end
local stale = 0
local count = redis.call('ZCARD', KEYS[1])
if count > max then
  for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, count - max - 1)) do
    if added[member] then
      stale = stale + 1
    end
    local identity = cjson.decode(string.sub(member, 17))['identity']
    if identity then
      redis.call('HDEL', KEYS[2], identity)
    end
  end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, count - max - 1)
end
for i = 1, 4 do
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return {inserted - stale, duplicates, stale}
