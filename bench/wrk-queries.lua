-- bench/wrk-queries.lua: a wrk script that asks /search for a different
-- query each request, from the file $QUERIES (one URL-encoded query a line),
-- so that few requests find their query among broadsheet.web's cached ones.
-- luacheck: globals wrk init request
local paths = {}
local next_path = 0

function init()
  for line in io.lines(os.getenv("QUERIES")) do paths[#paths + 1] = "/search?q=" .. line end
  -- Each wrk thread starts elsewhere in the list.
  next_path = math.random(#paths)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
