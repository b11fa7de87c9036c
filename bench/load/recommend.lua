-- wrk script for bench/load/run.sh: each request asks for top-10 of a random known user, with an
-- API key drawn from a pool so that the per-key rate limit (2,000 requests/s by default) does not
-- cap the measurement. USERS_FILE (one user id a line) and API_KEYS (comma-separated) come from
-- the environment.
local users = {}
local keys = {}

local function load()
  for line in io.lines(os.getenv("USERS_FILE")) do
    if #line > 0 then users[#users + 1] = line end
  end
  for key in string.gmatch(os.getenv("API_KEYS") or "", "[^,]+") do
    keys[#keys + 1] = key
  end
end

local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

function init(args)
  load()
  -- A different seed per thread, else every thread would ask for the same users in the same order.
  math.randomseed(os.time() * 100 + (id or 0))
end

function request()
  local user = users[math.random(#users)]
  local headers = {}
  if #keys > 0 then headers["X-Api-Key"] = keys[math.random(#keys)] end
  return wrk.format("GET", "/v1/users/" .. user .. "/recommendations?count=10", headers)
end
