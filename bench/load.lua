-- Driven by bench/wrk.py: requests from a list (or one fixed request), a bound on the number of
-- requests, the session cookie kept up to date from the answers as a browser would, and the
-- results printed as one JSON line.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local threads = {}

-- Microseconds on the monotonic clock: wrk reports its whole -d duration even when the threads stop
-- early, so the time from the first request to the last answer is kept here.
local function now_us()
  local moment = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, moment)
  return tonumber(moment.tv_sec) * 1000000 + tonumber(moment.tv_nsec) / 1000
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- args: requests file, thread count, request limit per thread, method, cookie
  local file, nthreads, limit = args[1], tonumber(args[2]), tonumber(args[3])
  method = args[4]
  cookie = args[5] or ""
  local lines = {}
  for line in io.lines(file) do
    if line ~= "" then table.insert(lines, line) end
  end
  -- One request is repeated by every thread; a list is shared out, each request sent once.
  cycle = #lines == 1
  paths, bodies = {}, {}
  for index, line in ipairs(lines) do
    if cycle or (index - 1) % nthreads == id then
      local path, body = line:match("^(%S+)%s?(.*)$")
      table.insert(paths, path)
      table.insert(bodies, body)
    end
  end
  limit_requests = limit
  sent, answered, statuses = 0, 0, {}
  first_us, last_us = 0, 0
end

function request()
  if sent == 0 then first_us = now_us() end
  local position = cycle and 1 or (sent % #paths) + 1
  sent = sent + 1
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  local body = bodies[position]
  if body ~= "" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  else
    body = nil
  end
  return wrk.format(method, paths[position], headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  last_us = now_us()
  statuses[status] = (statuses[status] or 0) + 1
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then
    local value = set:match("^(session=[^;]*)")
    if value then cookie = value end
  end
  if answered >= limit_requests or (not cycle and answered >= #paths) then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local status_counts = {}
  local first, last = nil, 0
  for _, thread in ipairs(threads) do
    local started, ended = thread:get("first_us"), thread:get("last_us")
    if started and started > 0 and (first == nil or started < first) then first = started end
    if ended and ended > last then last = ended end
    local counted = thread:get("statuses")
    for status, count in pairs(counted or {}) do
      status_counts[status] = (status_counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(status_counts) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  io.write(string.format(
    '\nBENCH-RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "statuses": {%s}}\n',
    summary.requests, first and (last - first) or summary.duration, latency:percentile(50.0), latency:percentile(99.0), latency.mean,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, table.concat(parts, ", ")))
end
