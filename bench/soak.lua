-- wrk script for bench/soak.py: mixed traffic from many visitors behind one trusted proxy,
-- each response checked as it arrives. Prints one JSON line at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

-- Every response of 500 or more must be the GOV.UK page with these headers.
local REQUIRED = {
  "content-security-policy", "x-frame-options", "x-content-type-options",
  "strict-transport-security", "referrer-policy", "permissions-policy",
}

function init(args)
  paths = args
  statuses = {}
  sign_ups = 0   -- redirects to a provider: each one a click that must be stored
  bare = 0       -- 5xx answers without the GOV.UK layout or a security header
  counter = 0
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  -- A different visitor (address and browser) for every request, as real traffic is:
  -- per-visitor limits then apply as they would, not to one made-up visitor.
  local headers = {
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", id, counter % 250, math.floor(counter / 250) % 250),
    ["X-Forwarded-Proto"] = "https",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 soak-visitor-" .. counter,
  }
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local lower = {}
  for name, value in pairs(headers) do lower[string.lower(name)] = value end
  if status == 302 and lower["location"] and string.sub(lower["location"], 1, 8) == "https://" then
    sign_ups = sign_ups + 1
  end
  if status >= 500 then
    local ok = body ~= nil and string.find(body, "govuk-template", 1, true) ~= nil
    for _, name in ipairs(REQUIRED) do
      if not lower[name] then ok = false end
    end
    if not ok then bare = bare + 1 end
  end
end

function done(summary, latency, requests)
  local counts, total_sign_ups, total_bare = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[tostring(status)] = (counts[tostring(status)] or 0) + count
    end
    total_sign_ups = total_sign_ups + thread:get("sign_ups")
    total_bare = total_bare + thread:get("bare")
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    '\nSOAK-JSON {"requests": %d, "duration_us": %d, "p50_ms": %.3f, "p99_ms": %.3f, ' ..
    '"max_ms": %.3f, "socket_errors": %d, "timeouts": %d, "sign_ups": %d, "bare": %d, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.timeout,
    total_sign_ups, total_bare, table.concat(parts, ", ")))
end
