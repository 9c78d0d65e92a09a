-- Cycles through the resource ids in ids.txt, one per request, so that each id is read once per pass (cache misses after a FLUSHDB).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do ids[#ids + 1] = line end
local counter = 0
local prefix = os.getenv("PATH_PREFIX") or "/api/v1/api-resources/"
function setup(thread)
  thread:set("offset", counter * 100000)
  counter = counter + 1
end
local i = 0
request = function()
  i = i + 1
  local id = ids[((offset or 0) + i) % #ids + 1]
  return wrk.format("GET", prefix .. id)
end
