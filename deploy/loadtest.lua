-- wrk script of deploy/loadtest.py: many distinct visitors, several pages.
--   wrk -t2 -c64 -d60s -s deploy/loadtest.lua https://host/ -- VISITORS /,/path/,...
-- Visitor i sends its own browser-like User-Agent (wrk sends none by default, and an empty or
-- bot User-Agent is not a visitor). Each thread cycles through all visitors, so every one of
-- them is sent as soon as a thread has made VISITORS requests.

local next_id = 0
local threads = {}

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  visitors = tonumber(args[1]) or 100
  paths = {}
  for path in string.gmatch(args[2] or "/", "[^,]+") do
    table.insert(paths, path)
  end
  counter = id or 0
end

function request()
  counter = counter + 1
  local visitor = counter % visitors
  local path = paths[math.floor(counter / visitors) % #paths + 1]
  return wrk.format("GET", path, {
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
      .. "Chrome/124.0." .. visitor .. ".0 Safari/537.36",
    ["Accept"] = "text/html,application/xhtml+xml",
    ["Accept-Language"] = "vi-VN,vi;q=0.9",
  })
end

function done(summary, latency, requests)
  local e = summary.errors
  -- Requests each thread issued: visitor i was surely answered once a thread went well past it.
  local issued = {}
  for _, thread in ipairs(threads) do
    table.insert(issued, thread:get("counter") - thread:get("id"))
  end
  io.write(string.format(
    '\nLOADTEST_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_ms": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "max": %.2f}, '
      .. '"issued_per_thread": [%s]}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, table.concat(issued, ", ")))
end
