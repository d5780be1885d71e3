-- wrk script of bench/run: cycles through requests built from a query file, and prints one JSON
-- line of results at the end.
--   wrk -t2 -c8 -d10s -s bench/wrk/requests.lua http://127.0.0.1:PORT -- search bench/queries.tsv
--   wrk -t1 -c2 -d5s  -s bench/wrk/requests.lua http://127.0.0.1:PORT -- suggest bench/suggest.txt
-- search: /api/search with the line's text and its filters (country, from, to) — the "full" query
-- of bench/bench_common.h (Depeche always counts facets and makes snippets); suggest: /api/suggest.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
local next_path = 0

function init(args)
  local kind, file = args[1], args[2]
  for line in io.lines(file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local f = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do table.insert(f, field) end
      local path
      if kind == "suggest" then
        path = "/api/suggest?q=" .. encode(f[1])
      else
        path = "/api/search?q=" .. encode(f[1])
        if f[2] and f[2] ~= "" then path = path .. "&country=" .. encode(f[2]) end
        if f[3] and f[3] ~= "" then path = path .. "&from=" .. f[3] end
        if f[4] and f[4] ~= "" then path = path .. "&to=" .. f[4] end
      end
      table.insert(paths, path)
    end
  end
  -- Each thread starts at a different request.
  next_path = (id or 0) * math.floor(#paths / 2)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, ' ..
    '"max_ms": %.3f, "socket_errors": %d, "non_2xx": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
