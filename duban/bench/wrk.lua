-- duban bench web: wrk script. Counts every answer outside 200-299 as an error
-- (wrk does not follow redirects, so a 302 to the login page is an error, not speed)
-- and prints one summary line: RESULT {json}.
-- POST mode when BENCH_BODY is set (sent as JSON; the headers come from wrk -H).
local threads = {}
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, b)
  if status < 200 or status > 299 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non2xx = 0
  for _, t in ipairs(threads) do non2xx = non2xx + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"non2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    non2xx, e.connect + e.read + e.write + e.timeout))
end
