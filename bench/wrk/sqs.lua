-- wrk script: SQS JSON-protocol requests, POST / with X-Amz-Target AmazonSQS.<op> (bench/sqs.py sets
-- every BENCH_* variable; BENCH_HEADERS holds the other headers, one "Name: value" a line).
--
-- BENCH_MODE=send: every request is the same AmazonSQS.<BENCH_OP> with the body BENCH_BODY (built
--   once in init(): wrk then only writes it).
-- BENCH_MODE=consume: a consumer. Each connection sends AmazonSQS.ReceiveMessage with the body
--   BENCH_RECEIVE; every answer that holds messages queues one AmazonSQS.DeleteMessageBatch of their
--   receipt handles (on BENCH_QUEUE_URL), which the next request of the thread sends before it
--   receives again. Used on a pre-filled queue (short receives) and as the long-poll waiters
--   (WaitTimeSeconds 20 in BENCH_RECEIVE). done() prints one line for bench/sqs.py:
--     SQS-BENCH receives=.. received=.. empty=.. deletes=.. deleted=.. failed=.. errors=..
--               t_start=.. t_first_msg=.. t_last_msg=.. t_last_del=..
--   received/deleted count messages, empty the receives that answered none, failed the entries a
--   DeleteMessageBatch answered in Failed, errors the answers that were not 200; the times are
--   CLOCK_MONOTONIC seconds (first request sent, first and last receive with messages, last
--   delete answered), so that sqs.py can divide by the time messages were actually flowing.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } sqs_bench_ts;
  int clock_gettime(int clk, sqs_bench_ts *ts);
]]
local ts = ffi.new("sqs_bench_ts")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9
end

local mode = os.getenv("BENCH_MODE") or "send"
local extra = os.getenv("BENCH_HEADERS") or ""
local queue_url = os.getenv("BENCH_QUEUE_URL") or ""
local threads = {}

-- Per-thread counters: globals, so that done() can read them with thread:get().
receives, received, empty, deletes, deleted, failed, errors = 0, 0, 0, 0, 0, 0, 0
t_start, t_first_msg, t_last_msg, t_last_del = 0, 0, 0, 0

local fixed, receive_req, pending = nil, nil, {}

local function headers_for(op)
  local h = { ["X-Amz-Target"] = "AmazonSQS." .. op }
  for name, value in extra:gmatch("([^:\n]+):%s*([^\n]*)") do
    h[name] = value
  end
  return h
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if mode == "send" then
    fixed = wrk.format("POST", "/", headers_for(os.getenv("BENCH_OP") or "SendMessage"), os.getenv("BENCH_BODY") or "{}")
  else
    receive_req = wrk.format("POST", "/", headers_for("ReceiveMessage"), os.getenv("BENCH_RECEIVE") or "{}")
    delete_headers = headers_for("DeleteMessageBatch")
  end
end

function request()
  if fixed then
    return fixed
  end
  if t_start == 0 then
    t_start = now()
  end
  local n = #pending
  if n > 0 then
    local r = pending[n]
    pending[n] = nil
    return r
  end
  return receive_req
end

local function count(body, needle)
  local c, pos = 0, 1
  while true do
    local i = body:find(needle, pos, true)
    if not i then
      return c
    end
    c, pos = c + 1, i + #needle
  end
end

local function on_response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    return
  end
  if body:find('"Successful"', 1, true) then -- a DeleteMessageBatch answer
    deletes = deletes + 1
    local bad = count(body, '"SenderFault"')
    failed = failed + bad
    deleted = deleted + count(body, '"Id"') - bad
    t_last_del = now()
    return
  end
  receives = receives + 1
  local entries, n = {}, 0
  for handle in body:gmatch('"ReceiptHandle"%s*:%s*"([^"]*)"') do
    entries[#entries + 1] = '{"Id":"' .. n .. '","ReceiptHandle":"' .. handle .. '"}'
    n = n + 1
  end
  if n == 0 then
    empty = empty + 1
    return
  end
  local t = now()
  if t_first_msg == 0 then
    t_first_msg = t
  end
  t_last_msg = t
  received = received + n
  pending[#pending + 1] = wrk.format("POST", "/", delete_headers,
    '{"QueueUrl":"' .. queue_url .. '","Entries":[' .. table.concat(entries, ",") .. "]}")
end

-- Defined only in consume mode: a response() makes wrk hand every body to Lua, which costs the
-- send workloads client time for nothing (wrk already counts their non-2xx answers).
if mode ~= "send" then
  response = on_response
end

function done(summary, latency, requests)
  if mode == "send" then
    return
  end
  local sum = { receives = 0, received = 0, empty = 0, deletes = 0, deleted = 0, failed = 0, errors = 0 }
  local first, first_msg, last_msg, last_del = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    for k, _ in pairs(sum) do
      sum[k] = sum[k] + (t:get(k) or 0)
    end
    local s, fm, lm, ld = t:get("t_start") or 0, t:get("t_first_msg") or 0, t:get("t_last_msg") or 0, t:get("t_last_del") or 0
    if s > 0 and (first == 0 or s < first) then first = s end
    if fm > 0 and (first_msg == 0 or fm < first_msg) then first_msg = fm end
    if lm > last_msg then last_msg = lm end
    if ld > last_del then last_del = ld end
  end
  io.write(string.format("SQS-BENCH receives=%d received=%d empty=%d deletes=%d deleted=%d failed=%d errors=%d " ..
    "t_start=%.6f t_first_msg=%.6f t_last_msg=%.6f t_last_del=%.6f\n", sum.receives, sum.received, sum.empty,
    sum.deletes, sum.deleted, sum.failed, sum.errors, first, first_msg, last_msg, last_del))
end
