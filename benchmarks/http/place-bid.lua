-- Every request is a new (carrier, load) pair, so each one creates a bid (one live bid per carrier per load).
local data = dofile(os.getenv("BENCH_DATA"))
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
local counter = 0
function request()
  local n = tonumber(os.getenv("BID_OFFSET")) + id + counter * tonumber(os.getenv("WRK_THREADS"))
  counter = counter + 1
  -- 100 carriers x 1000 loads = 100,000 pairs; BID_OFFSET moves each run to pairs no earlier run used.
  local carrier = (n % #data.tokens) + 1
  local load = (math.floor(n / #data.tokens) % #data.loads) + 1
  return wrk.format("POST", "/api/v1/loads/" .. data.loads[load] .. "/bids",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. data.tokens[carrier] },
    '{"amount":300000}')
end
