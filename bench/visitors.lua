-- 1,000 distinct browsers, each returning many times: the visitor counter's usual load.
-- (wrk sends no User-Agent by default, and an empty one is not a visitor.)
local n = 0
request = function()
  n = n + 1
  local ua = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120." .. (n % 1000)
  return wrk.format("GET", nil, { ["User-Agent"] = ua })
end
