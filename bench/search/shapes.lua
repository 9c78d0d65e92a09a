-- One of the load mix's three search shapes (bench/load/mixed-load.lua), straight to a search service: SHAPE is text, geo or facets;
-- MIXED_QUERIES: url-encoded queries, one per line.
local words = {}
for line in io.lines(os.getenv("MIXED_QUERIES")) do if #line > 0 then words[#words + 1] = line end end
local cities = {"douala", "yaounde", "bafoussam", "garoua", "kribi"}
local shape = os.getenv("SHAPE")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
request = function()
  local word = words[math.random(#words)]
  local path
  if shape == "text" then
    path = "/api/v1/search?q=" .. word .. "&limit=10"
  elseif shape == "geo" then
    path = "/api/v1/search?q=" .. word .. "&lat=4.05&lon=9.70&radiusKm=10&sort=distance&limit=10"
  else
    path = "/api/v1/search?q=" .. word .. "+" .. cities[math.random(#cities)] .. "&facets=category,city&limit=10"
  end
  return wrk.format("GET", path, {["Accept"] = "application/json"})
end
