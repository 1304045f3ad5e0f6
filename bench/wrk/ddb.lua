-- wrk script: DynamoDB JSON requests, POST / with X-Amz-Target DynamoDB_20120810.<BENCH_OP>.
-- BENCH_BODY is the JSON body, in which {tid} becomes the wrk thread's number and {n} the key index,
-- cycling over 0 .. BENCH_KEYS-1 (a different key per request where BENCH_KEYS > 1; the same
-- sequence for every server). BENCH_HEADERS holds the other headers, one "Name: value" a line
-- (bench/ddb.py sets them all). Requests are built once in init(): wrk then only writes them.
local op = os.getenv("BENCH_OP") or "GetItem"
local template = os.getenv("BENCH_BODY") or "{}"
local keys = tonumber(os.getenv("BENCH_KEYS") or "1")
local extra = os.getenv("BENCH_HEADERS") or ""
local threads, reqs, n = 0, {}, 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  local headers = { ["X-Amz-Target"] = "DynamoDB_20120810." .. op }
  for name, value in extra:gmatch("([^:\n]+):%s*([^\n]*)") do
    headers[name] = value
  end
  local body = template:gsub("{tid}", tostring(tid))
  for i = 1, keys do
    reqs[i] = wrk.format("POST", "/", headers, (body:gsub("{n}", tostring(i - 1))))
  end
end

function request()
  n = n % keys + 1
  return reqs[n]
end
