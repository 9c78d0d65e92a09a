-- Mixed read load through the gateway, many users: 50 % GET by id, 15 % lists, 35 % search (text, text + geo + distance sort,
-- text + facets). Every request carries the API key of one of the users (drawn at random), so each user's plan limit and quota
-- count their share. MIXED_KEYS: one key per line; MIXED_IDS: one resource id per line; MIXED_QUERIES: url-encoded queries.
local function lines(file)
  local out = {}
  for line in io.lines(file) do if #line > 0 then out[#out + 1] = line end end
  return out
end
local keys, ids, words = lines(os.getenv("MIXED_KEYS")), lines(os.getenv("MIXED_IDS")), lines(os.getenv("MIXED_QUERIES"))
local cities = {"douala", "yaounde", "bafoussam", "garoua", "kribi"}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
request = function()
  local r = math.random(100)
  local path
  if r <= 50 then
    path = "/api/v1/api-resources/" .. ids[math.random(#ids)]
  elseif r <= 65 then
    path = "/api/v1/api-resources?limit=20&offset=" .. (math.random(20) * 20) .. "&city=Douala"
  elseif r <= 80 then
    path = "/api/v1/search?q=" .. words[math.random(#words)] .. "&limit=10"
  elseif r <= 92 then
    path = "/api/v1/search?q=" .. words[math.random(#words)] .. "&lat=4.05&lon=9.70&radiusKm=10&sort=distance&limit=10"
  else
    path = "/api/v1/search?q=" .. words[math.random(#words)] .. "+" .. cities[math.random(#cities)] .. "&facets=category,city&limit=10"
  end
  return wrk.format("GET", path, {["X-API-Key"] = keys[math.random(#keys)], ["Accept"] = "application/json"})
end
-- Answers by status, per thread (each thread has its own Lua state), summed in done().
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
statuses = {}
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do parts[#parts + 1] = status .. ":" .. n end
  table.sort(parts)
  io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("MIXED rps=%.0f p50=%.1f p95=%.1f p99=%.1f requests=%d errors(socket)=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
