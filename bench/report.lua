-- wrk script: count responses by status in every thread, then print one JSON line with
-- throughput, latency percentiles (milliseconds) and the status counts.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  -- "spread-clients": each request comes as if from one of 1,000 visitors (through a trusted
  -- proxy), as real traffic does, so per-visitor rate limits apply as they would.
  spread = args[1] == "spread-clients"
  -- "unique-clients": each request as if from a different visitor, so none reaches the daily
  -- allowance of counted sign-up clicks and every click must be stored.
  unique = args[1] == "unique-clients"
  counter = 0
  headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  fixed = wrk.format()
end

function request()
  if not (spread or unique) then return fixed end
  counter = counter + 1
  if unique then
    headers["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d", math.floor(counter / 65536) % 256, math.floor(counter / 256) % 256,
      counter % 256)
  else
    headers["X-Forwarded-For"] = string.format("10.0.%d.%d", counter % 4, counter % 250)
  end
  return wrk.format(nil, nil, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[tostring(status)] = (counts[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    '\nBENCH-JSON {"requests": %d, "duration_us": %d, "p50_ms": %.3f, "p95_ms": %.3f, ' ..
    '"p99_ms": %.3f, "max_ms": %.3f, "socket_errors": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout,
    table.concat(parts, ", ")))
end
