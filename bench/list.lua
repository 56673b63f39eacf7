-- A list of URLs, each requested once: the crawl (every article) and the distinct searches.
-- BENCH_LIST names the file (one path a line), BENCH_FROM/BENCH_TO the lines of this round
-- (1-based, inclusive), BENCH_THREADS wrk's -t. Thread k of n takes lines k, k+n, k+2n, ...
-- and stops once they are answered, so no URL is asked twice (every one a page-cache miss).
-- wrk's own req/s divides by the whole -d; the rate printed by done() divides the answers by
-- the time from the first request to the last answer. Requests are made by 1,000 browsers, as
-- in visitors.lua (an empty User-Agent is not a visitor).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
]]
local tv = ffi.new("bench_timeval")
local function now()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

local threads, counter = {}, 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local paths, next_line, step = {}, 1, 1
answered, failed, first, last, share = 0, 0, 0, 0, 0

function init(args)
  local all = {}
  for line in io.lines(os.getenv("BENCH_LIST")) do
    if line ~= "" then table.insert(all, line) end
  end
  local from = tonumber(os.getenv("BENCH_FROM") or "1")
  local to = math.min(tonumber(os.getenv("BENCH_TO") or tostring(#all)), #all)
  step = tonumber(os.getenv("BENCH_THREADS"))
  for i = from + id - 1, to, step do table.insert(paths, all[i]) end
  share = #paths
end

local sent = 0
function request()
  sent = sent + 1
  if first == 0 then first = now() end
  local ua = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120." .. (sent % 1000)
  if sent > share then  -- this thread's share is out; it stops at its last answer
    return wrk.format("GET", "/robots.txt", { ["User-Agent"] = ua })
  end
  return wrk.format("GET", paths[sent], { ["User-Agent"] = ua })
end

function response(status, headers, body)
  if answered < share then
    answered = answered + 1
    last = now()
    if status >= 400 then failed = failed + 1 end
  end
  if answered >= share then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total, failures, start, finish, listed = 0, 0, math.huge, 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("answered")
    failures = failures + t:get("failed")
    listed = listed + t:get("share")
    if t:get("first") > 0 then start = math.min(start, t:get("first")) end
    finish = math.max(finish, t:get("last"))
  end
  io.write(string.format(
    "LIST answered=%d listed=%d failed=%d seconds=%.3f p50_ms=%.2f p99_ms=%.2f\n",
    total, listed, failures, finish - start,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
