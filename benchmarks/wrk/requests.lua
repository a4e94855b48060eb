-- Requests and report for one wrk run, configured from the environment:
--   BENCH_METHOD   GET (default) or POST
--   BENCH_PATHS    space-separated paths, requested in turn (one per request)
--   BENCH_BODY     the JSON body of every request, if any
--   BENCH_STOP_AFTER  stop each thread after this many answers (a smoke run); unset: never
-- done() prints one line, "BENCH_RESULT {json}", that benchmarks/load.py reads.

local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
  paths[#paths + 1] = path
end
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

local next_path = 0
function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end

-- Only a smoke run counts answers: a response() function makes wrk hand every answer to Lua.
local stop_after = tonumber(os.getenv("BENCH_STOP_AFTER") or "")
if stop_after then
  local answered = 0
  function response()
    answered = answered + 1
    if answered >= stop_after then
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
