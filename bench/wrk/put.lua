-- wrk script: PUT of a BENCH_SIZE-byte body, cycling over BENCH_KEYS keys per wrk thread
-- (<BENCH_PREFIX><thread>-<n>), so the store stays bounded and every PUT after the first lap
-- overwrites. Requests are built once in init(): wrk then only writes them.
local size = tonumber(os.getenv("BENCH_SIZE") or "1024")
local keys = tonumber(os.getenv("BENCH_KEYS") or "1000")
local prefix = os.getenv("BENCH_PREFIX") or "/bench/put-"
local threads, reqs, n = 0, {}, 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  local body = string.rep("x", size)
  for i = 1, keys do
    reqs[i] = wrk.format("PUT", prefix .. tid .. "-" .. (i - 1), nil, body)
  end
end

function request()
  n = n % keys + 1
  return reqs[n]
end
