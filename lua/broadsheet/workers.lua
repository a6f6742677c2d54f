--- broadsheet.workers: child processes whose output is read ahead by libuv
-- (lua-luv), so that a worker that is ahead of the others does not wait
-- for the parent to want its next bytes: with plain pipes (io.popen) it
-- stopped once 64 KB were waiting, and the workers ran in lockstep. Each
-- worker's reader holds about READ_AHEAD bytes at most; past that its pipe
-- is not read until the parent takes some, so that a parent slower than its
-- workers (a query decoding every record) holds little more than that for
-- each. A reader answers :read("l") and :read(n) as a file does, which is
-- all broadsheet.parallel asks of a stream.
local uv = require "luv"

local workers = {}

-- Ten or so of the frames a -j worker writes (a block of files each).
local READ_AHEAD = 1 << 20

-- Bytes searched for the end of a line: the lines asked for are frame
-- headers, and a worker that writes something else must not make the
-- parent hold all of it.
local LONGEST_LINE = 4096

local Worker = {}
Worker.__index = Worker

-- Makes at least `want` bytes wait in the buffer, unless the worker has
-- no more to give: runs libuv's loop until that much has come (reading on
-- past READ_AHEAD for a frame larger than that), then joins what came to
-- what is left, once: joining at each chunk copied a large frame once per
-- 64 KB of it.
function Worker:fill(want)
  local held = #self.buffer - self.pos + 1 -- the buffer changes only when joined, below
  if held >= want then return end
  self.wanted = want
  while held + self.queued < want and not self.ended do
    if self.paused then
      self.paused = false
      self.stdout:read_start(self.on_read)
    end
    uv.run("once")
  end
  self.wanted = nil
  if #self.chunks > 0 then
    table.insert(self.chunks, 1, self.buffer:sub(self.pos))
    self.buffer = table.concat(self.chunks)
    self.pos, self.chunks, self.queued = 1, {}, 0
  end
end

--- The next line (without its end), or n bytes (fewer at the end), as
-- file:read does; nil at the end.
function Worker:read(what)
  if what == "l" then
    local nl = self.buffer:find("\n", self.pos, true)
    while not nl and #self.buffer - self.pos < LONGEST_LINE and (not self.ended or #self.chunks > 0) do
      self:fill(#self.buffer - self.pos + 2)
      nl = self.buffer:find("\n", self.pos, true)
    end
    if not nl and self.pos > #self.buffer then return nil end
    local stop = nl or math.min(#self.buffer + 1, self.pos + LONGEST_LINE)
    local line = self.buffer:sub(self.pos, stop - 1)
    self.pos = nl and nl + 1 or stop
    return line
  end
  self:fill(what)
  if self.pos > #self.buffer and what > 0 then return nil end
  local text = self.buffer:sub(self.pos, self.pos + what - 1)
  self.pos = self.pos + #text
  return text
end

--- Writes text to the worker's standard input (see workers.guard_pipes).
function Worker:send(text)
  self.stdin:write(text)
end

--- Runs fn(...) with a broken pipe (a worker that ended) an error for the
-- write, not the signal that ends this process; returns what fn returns,
-- as pcall does.
function workers.guard_pipes(fn, ...)
  local guard = uv.new_signal()
  guard:start("sigpipe", function() end)
  local result = table.pack(pcall(fn, ...))
  guard:stop()
  guard:close()
  uv.run("nowait")
  return table.unpack(result, 1, result.n)
end

-- Closes a libuv handle once.
local function close(handle)
  if handle and not handle:is_closing() then handle:close() end
end

--- Stops reading (a worker still writing then gets a broken pipe and
-- stops), waits for the worker to exit, and returns whether it exited with
-- status 0.
function Worker:close()
  close(self.stdin)
  close(self.stdout)
  while not self.exited do uv.run("once") end
  close(self.process)
  uv.run("nowait") -- the handles are freed once libuv has run their close callbacks
  return self.code == 0 and self.signal == 0
end

--- Starts the program with its arguments (a list); its standard error is
-- this process's. Returns the worker, or nil and a message.
function workers.spawn(program, args)
  local self = setmetatable({ buffer = "", pos = 1, chunks = {}, queued = 0, ended = false }, Worker)
  self.stdin, self.stdout = uv.new_pipe(false), uv.new_pipe(false)
  local process, err = uv.spawn(program, { args = args, stdio = { self.stdin, self.stdout, 2 } },
    function(code, signal)
      self.code, self.signal, self.exited = code, signal, true
    end)
  if not process then
    close(self.stdin)
    close(self.stdout)
    uv.run("nowait")
    return nil, err
  end
  self.process = process
  self.on_read = function(read_err, data)
    if read_err or not data then
      self.ended = true
      self.stdout:read_stop()
      return
    end
    self.chunks[#self.chunks + 1] = data
    self.queued = self.queued + #data
    -- what waits unread: the chunks, and what is left of the buffer
    if self.queued + #self.buffer - self.pos + 1 >= math.max(READ_AHEAD, self.wanted or 0) then
      self.paused = true
      self.stdout:read_stop()
    end
  end
  self.stdout:read_start(self.on_read)
  return self
end

return workers
