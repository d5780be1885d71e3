-- wrk script of bench/load/run.sh: cycles through the request paths of a file (the first
-- argument after "--"), each wrk thread from its own offset, and prints one machine-readable
-- line per run. wrk counts a status of 400 or more in errors.status.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  prepared = {}
  for line in io.lines(args[1]) do
    if line:match("^/") then
      table.insert(prepared, wrk.format("GET", line))
    end
  end
  if #prepared == 0 then
    error("no request paths in " .. tostring(args[1]))
  end
  next_index = (id * 7) % #prepared
end

function request()
  next_index = next_index % #prepared + 1
  return prepared[next_index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status))
end
