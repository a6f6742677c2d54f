--- broadsheet.interrupt: SIGINT, SIGTERM and SIGHUP turned into a Lua error
-- inside the work they interrupt, so that the code on the way out (the
-- output's commit, a staged folder's removal) runs as it does for any error.
-- libuv (lua-luv) catches the signals; a count hook on the coroutine that
-- runs the work polls its loop, and raises interrupt.ERROR once a signal has
-- come. Only that coroutine (and those it creates) is hooked: the caller's
-- own clean-up after it cannot be interrupted half-way.
local uv = require "luv"

local interrupt = {}

--- The error value an interrupted run raises.
interrupt.ERROR = setmetatable({}, { __tostring = function() return "interrupted" end })

local SIGNALS = { sigint = 2, sighup = 1, sigterm = 15 }

-- Lua instructions between two polls: often enough to stop within
-- milliseconds, rarely enough to cost nothing measurable.
local POLL_EVERY = 20000

--- Starts catching the signals. Returns a watch: watch:run(fn, ...) runs fn
-- like pcall, raising interrupt.ERROR inside it when a signal comes (again
-- at every poll, should some pcall swallow it); watch:signal() is the
-- number of the signal caught, or nil; watch:close() stops catching.
function interrupt.watch()
  local caught
  local handles = {}
  for name, number in pairs(SIGNALS) do
    local handle = uv.new_signal()
    handle:start(name, function() caught = caught or number end)
    handles[#handles + 1] = handle
  end
  local armed = true
  local function poll()
    if not armed then return end
    uv.run("nowait")
    if caught then error(interrupt.ERROR, 0) end
  end

  local watch = {}

  function watch.run(_, fn, ...)
    local work = coroutine.create(fn)
    debug.sethook(work, poll, "", POLL_EVERY)
    local result = table.pack(coroutine.resume(work, ...))
    -- A format that yields has nothing to yield to here: resume it.
    while result[1] and coroutine.status(work) == "suspended" do
      result = table.pack(coroutine.resume(work, table.unpack(result, 2, result.n)))
    end
    if not result[1] then coroutine.close(work) end
    uv.run("nowait") -- a signal that came during the last instructions
    if caught then return false, interrupt.ERROR end
    return table.unpack(result, 1, result.n)
  end

  function watch.signal()
    return caught
  end

  function watch.close()
    armed = false
    for _, handle in ipairs(handles) do
      handle:stop()
      handle:close()
    end
    uv.run("nowait")
  end

  return watch
end

return interrupt
