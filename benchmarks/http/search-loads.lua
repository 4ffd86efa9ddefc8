-- GET /api/v1/search/loads around a random city (weighted like the seeded market), 25-100 km, 20 per page.
local data = dofile(os.getenv("BENCH_DATA"))
wrk.headers["Authorization"] = "Bearer " .. data.carrier
local cities = data.cities -- { {lat, lon, cumulative}, ... }
local radii = { 25, 50, 50, 100 }
local sorts = { "Distance", "PickupDate", "Price" }

request = function()
  local r = math.random()
  local c = cities[#cities]
  for _, city in ipairs(cities) do
    if r < city[3] then c = city break end
  end
  local lat = c[1] + (math.random() - 0.5) * 0.1
  local lon = c[2] + (math.random() - 0.5) * 0.1
  local path = string.format("/api/v1/search/loads?lat=%.5f&lon=%.5f&radiusKm=%d&sort=%s&pageSize=20",
    lat, lon, radii[math.random(#radii)], sorts[math.random(#sorts)])
  return wrk.format("GET", path)
end

-- PACE_MS: each connection waits this long between requests (an open-loop-ish fixed rate: c / (pace + latency)).
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  delay = function() return pace end
end

done = function(summary, latency, requests)
  io.write(string.format("p95 %.2f ms  p99 %.2f ms\n", latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
