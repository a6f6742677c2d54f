--- broadsheet.interrupt: SIGINT, SIGTERM and SIGHUP turned into a Lua error
-- inside the work they interrupt, so that the code on the way out (the
-- output's commit, a staged folder's removal) runs as it does for any error.
-- libuv (lua-luv) catches the signals; the work polls its loop where it
-- stands between two pieces of work (a file opened, a record passed on) and
-- raises interrupt.ERROR there once a signal has come. A count hook would
-- poll anywhere, but any hook sends every Lua instruction through the
-- debugger's check: a sixth of the instructions of `broadsheet parse`.
local uv = require "luv"

local interrupt = {}

--- The error value an interrupted run raises.
interrupt.ERROR = setmetatable({}, { __tostring = function() return "interrupted" end })

local SIGNALS = { sigint = 2, sighup = 1, sigterm = 15 }

-- Nanoseconds between two looks at libuv's loop: a stop within a few
-- milliseconds, and a system call every few thousand records.
local POLL_NS = 5 * 1000 * 1000

-- The signals the process was started ignoring (nohup ignores SIGHUP) stay
-- ignored: Linux lists them in /proc/self/status as a hexadecimal mask.
local function ignored_mask()
  local file = io.open("/proc/self/status", "rb")
  if not file then return 0 end
  local text = file:read("a")
  file:close()
  return tonumber(text:match("SigIgn:%s*(%x+)") or "0", 16) or 0
end

--- Starts catching the signals. Returns a watch: watch:run(fn, ...) runs fn
-- like pcall; watch.poll() (a plain function, for callbacks) raises
-- interrupt.ERROR when called inside it after a signal came (again at every
-- poll, should some pcall swallow it), and does nothing elsewhere;
-- watch:signal() is the number of the signal caught, or nil; watch:close()
-- stops catching.
function interrupt.watch()
  local caught
  local handles, ignored = {}, ignored_mask()
  for name, number in pairs(SIGNALS) do
    if ignored & (1 << (number - 1)) == 0 then
      local handle = uv.new_signal()
      handle:start(name, function() caught = caught or number end)
      handles[#handles + 1] = handle
    end
  end
  -- Polls raise only while the work runs: the caller's own clean-up after
  -- it cannot be interrupted half-way.
  local working = false
  local watch = {}

  local last_poll = 0
  function watch.poll()
    if not working then return end
    -- Asking libuv is a system call: once every POLL_NS is soon enough.
    local now = uv.hrtime()
    if now - last_poll < POLL_NS and not caught then return end
    last_poll = now
    uv.run("nowait")
    if caught then error(interrupt.ERROR, 0) end
  end

  local function resume(work, ...)
    working = true
    local result = table.pack(coroutine.resume(work, ...))
    working = false
    return result
  end

  function watch.run(_, fn, ...)
    local work = coroutine.create(fn)
    local result = resume(work, ...)
    -- A format that yields has nothing to yield to here: resume it.
    while result[1] and coroutine.status(work) == "suspended" do
      result = resume(work, table.unpack(result, 2, result.n))
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
    for _, handle in ipairs(handles) do
      handle:stop()
      handle:close()
    end
    uv.run("nowait")
  end

  return watch
end

return interrupt
