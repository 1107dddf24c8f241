-- wrk script: POSTs the bodies of a file, one JSON body per line, round robin from a place of each
-- thread's own, and prints one RESULT line (requests/s, p50/p95/p99 in ms, errors).
-- Usage: wrk -s bodies.lua ... -- PATH BODIES_FILE
local bodies = {}
local path = "/recommend"
local n = 0

function init(args)
  path = args[1]
  for line in io.lines(args[2]) do if line ~= "" then bodies[#bodies + 1] = line end end
  n = (id or 0) * 7919
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  return wrk.format(nil, path, nil, bodies[(n % #bodies) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests/s=%.1f p50=%.2fms p95=%.2fms p99=%.2fms errors=%d requests=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.requests))
end
