-- wrk script: POSTs /recommend bodies with B behaviours and C candidates, rotating through a few
-- distinct bodies, and prints one line of results (requests/s, candidates/s, p50/p95/p99 in ms).
-- Usage: wrk -s recommend.lua ... -- B C [IDS_FILE]
-- Ids are "i0".."i999" (the default bundle's items), or drawn from IDS_FILE, one id per line.
local bodies = {}
local candidates = 100

function init(args)
  local behaviours = tonumber(args[1] or "50")
  candidates = tonumber(args[2] or "100")
  math.randomseed(42 + (id or 0))
  local ids = nil
  if args[3] then
    ids = {}
    for line in io.lines(args[3]) do if line ~= "" then ids[#ids + 1] = line end end
  end
  local function pick()
    if ids then return string.format('"%s"', ids[math.random(1, #ids)]) end
    return string.format('"i%d"', math.random(0, 999))
  end
  for b = 1, 8 do
    local h, c = {}, {}
    for i = 1, behaviours do h[i] = pick() end
    for i = 1, candidates do c[i] = pick() end
    bodies[b] = '{"behaviors":[' .. table.concat(h, ",") .. '],"candidates":[' .. table.concat(c, ",") .. ']}'
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local n = 0
function request()
  n = n + 1
  return wrk.format(nil, "/recommend", nil, bodies[(n % #bodies) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local rps = summary.requests / seconds
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests/s=%.1f candidates/s=%.0f p50=%.2fms p95=%.2fms p99=%.2fms errors=%d requests=%d\n",
    rps, rps * candidates, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.requests))
end
