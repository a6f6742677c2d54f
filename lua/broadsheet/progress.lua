--- A progress line on standard error, for long runs at a terminal: after
-- DELAY seconds it shows the files read of the total counted first, the
-- share done, the articles read and their rate, and the time left,
-- redrawn in place at most every REDRAW seconds, and cleared at the end.
-- Off a terminal nothing is shown, so logs and pipes stay clean.
local sources = require "broadsheet.sources"
local walk = require "broadsheet.walk"

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

--- The files a run over paths will open (opts.pattern, opts.shard, as
-- broadsheet.open reads them): a directory listing, no file is read.
function progress.count_files(paths, opts)
  local n = 0
  walk.each(paths, function(path)
    if path and sources.in_shard(path, opts.shard) then n = n + 1 end
  end, opts.pattern)
  return n
end

-- "1 min 5 s", "12 s": the time left, coarse enough to read at a glance.
local function duration(seconds)
  seconds = math.floor(seconds + 0.5)
  if seconds >= 3600 then return ("%d h %d min"):format(seconds // 3600, seconds % 3600 // 60) end
  if seconds >= 60 then return ("%d min %d s"):format(seconds // 60, seconds % 60) end
  return ("%d s"):format(seconds)
end

--- The progress line for files done of total, articles read, after elapsed seconds.
function progress.line(files, total, articles, elapsed)
  local rate = elapsed > 0 and articles / elapsed or 0
  local parts = { ("%d/%d files"):format(files, total) }
  if total > 0 then parts[#parts + 1] = ("%d%%"):format(math.floor(math.min(files, total) / total * 100)) end
  parts[#parts + 1] = ("%d articles, %.0f a second"):format(articles, rate)
  if files > 0 and total >= files then
    parts[#parts + 1] = duration(elapsed * (total - files) / files) .. " left"
  end
  return "broadsheet: " .. table.concat(parts, ", ")
end

--- A meter over total files: meter.file() as each file opens, meter.tick()
-- per article, meter.done() at the end.
function progress.meter(stream, total)
  local start, last, files, articles, shown = clock(), -math.huge, 0, 0, false
  local meter = {}
  local function draw()
    local now = clock()
    if now - start < DELAY or now - last < REDRAW then return end
    last, shown = now, true
    stream:write("\r", progress.line(files, total, articles, now - start), "\27[K")
    stream:flush()
  end
  function meter.file()
    files = files + 1
    draw()
  end
  function meter.tick()
    articles = articles + 1
    if articles % 64 == 0 then draw() end
  end
  function meter.done()
    if shown then stream:write("\r\27[K") end
  end
  return meter
end

return progress
