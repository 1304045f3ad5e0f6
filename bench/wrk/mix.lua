-- wrk script: 80% GET / 20% PUT of 1 KiB over BENCH_KEYS pre-seeded keys <BENCH_PREFIX>0000...
-- The key and the verb are drawn from a per-thread seeded generator, so every target gets the
-- same request sequence.
local keys = tonumber(os.getenv("BENCH_KEYS") or "1000")
local prefix = os.getenv("BENCH_PREFIX") or "/bench/mix-"
local get_share = tonumber(os.getenv("BENCH_GET_SHARE") or "0.8")
local threads, gets, puts = 0, {}, {}

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  math.randomseed(tid + 1)
  local body = string.rep("x", 1024)
  for i = 1, keys do
    local path = prefix .. string.format("%04d", i - 1)
    gets[i] = wrk.format("GET", path)
    puts[i] = wrk.format("PUT", path, nil, body)
  end
end

function request()
  local i = math.random(keys)
  if math.random() < get_share then return gets[i] end
  return puts[i]
end
