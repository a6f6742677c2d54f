--- A progress line on standard error, for long runs at a terminal: after
-- DELAY seconds it shows the articles read so far and the rate, redrawn in
-- place at most every REDRAW seconds, and clears itself at the end.
local progress = {}

-- BROADSHEET_PROGRESS_DELAY changes the delay (0 shows progress at once).
local DELAY = tonumber(os.getenv("BROADSHEET_PROGRESS_DELAY") or "") or 2
local REDRAW = 0.25

-- os.clock is CPU time, close enough to wall time for a command busy parsing.
local clock = os.clock

--- Is standard error a terminal? (Lua cannot ask; a child shell that
-- inherits it can.)
function progress.stderr_is_terminal()
  local pipe = io.popen("test -t 2 && echo yes")
  if not pipe then return false end
  local answer = pipe:read("l")
  pipe:close()
  return answer == "yes"
end

--- A meter: meter.tick() per article, meter.done() at the end.
function progress.meter(stream)
  local start, last, count, shown = clock(), -math.huge, 0, false
  local meter = {}
  function meter.tick()
    count = count + 1
    if count % 64 ~= 0 then return end
    local now = clock()
    if now - start < DELAY or now - last < REDRAW then return end
    last, shown = now, true
    stream:write(("\rbroadsheet: %d articles, %.0f a second "):format(count, count / (now - start)))
    stream:flush()
  end
  function meter.done()
    if shown then stream:write("\r\27[K") end
  end
  return meter
end

return progress
