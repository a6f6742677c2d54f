--- Where records come from: article files, files holding several articles
-- (separated by a line holding only a form feed), JSON Lines of records as
-- `broadsheet parse` prints them, directories and standard input. Each file
-- is read on its own, so memory holds one file (or one line) at a time.
local cjson = require "cjson"
local core = require "broadsheet.core"
local limits = require "broadsheet.limits"
local record = require "broadsheet.record"
local walk = require "broadsheet.walk"
local webarchive = require "broadsheet.webarchive"

local sources = {}

-- Files larger than this are read line by line instead of whole.
local WHOLE_FILE_LIMIT = 16 * 1024 * 1024

-- JSON Lines by name, or by a first line that opens a JSON object with a
-- key: an article whose headline starts with "{" is still an article.
local function is_jsonl(path, head)
  if path:match("%.jsonl$") or path:match("%.ndjson$") then return true end
  return head:match('^%s*{%s*"[^"\n]*"%s*:') ~= nil or head:match("^%s*{%s*}%s*\n") ~= nil
end

-- The number of line ends in text[from..to], found at memchr's speed.
local function count_lines(text, from, to)
  local n, pos = 0, from
  while true do
    local nl = text:find("\n", pos, true)
    if not nl or nl > to then return n end
    n, pos = n + 1, nl + 1
  end
end

-- Calls emit(text, "path:line") for one article of a multi-article file,
-- line being where its first non-blank line stands.
local function emit_at(emit, text, path, line)
  local _, blank_end = text:find("^%s*\n")
  emit(text, ("%s:%d"):format(path, line + (blank_end and count_lines(text, 1, blank_end) or 0)))
end

-- Calls emit(text, source) for each article of a text holding one or more,
-- split at lines that hold only a form feed (found with plain finds: a
-- pattern search would try every byte of the archive).
local function split_articles(text, path, emit)
  local ff = text:find("\f", 1, true)
  if not ff then
    emit(text, path)
    return
  end
  local line, start = 1, 1
  while ff do
    local _, e = text:find("^\f[ \t\r]*\n", ff)
    if not e and text:find("^\f[ \t\r]*$", ff) then e = #text end
    if e and (ff == 1 or text:byte(ff - 1) == 10) then
      local article = text:sub(start, ff - 2)
      if article:find("%S") then emit_at(emit, article, path, line) end
      line = line + count_lines(text, start, e)
      start = e + 1
    end
    ff = text:find("\f", (e or ff) + 1, true)
  end
  if text:find("%S", start) then emit_at(emit, text:sub(start), path, line) end
end

-- Streams a large file or standard input: articles are gathered line by
-- line up to each form feed line; one larger than max_bytes is reported and
-- skipped, so no input holds more than that in memory.
local function stream_articles(lines, path, handlers, max_bytes)
  local parts, bytes, first, number, too_big = {}, 0, 1, 0, false
  local function flush()
    if too_big then
      handlers.error(("%s:%d"):format(path, first), ("article larger than %d bytes, skipped"):format(max_bytes))
    elseif #parts > 0 then
      local text = table.concat(parts, "\n")
      if first == 1 and number == #parts then
        handlers.text(text, path)
      else
        emit_at(handlers.text, text, path, first)
      end
    end
    parts, bytes, too_big = {}, 0, false
  end
  for line in lines do
    number = number + 1
    if line:match("^\f[ \t\r]*$") then
      flush()
      first = number + 1
    elseif not too_big then
      bytes = bytes + #line + 1
      if bytes > max_bytes then too_big, parts = true, {} else parts[#parts + 1] = line end
    end
  end
  flush()
end

local function each_json_line(lines, path, handlers)
  local number = 0
  for line in lines do
    number = number + 1
    if line:find("%S") then
      local ok, value = pcall(cjson.decode, line)
      local where = ("%s:%d"):format(path, number)
      if not ok then
        handlers.error(where, "not a JSON record: " .. tostring(value):gsub("^Expected", "expected"))
      elseif type(value) ~= "table" or (next(value) ~= nil and #value > 0) then
        handlers.error(where, "not a JSON record: " .. record.describe(value))
      else
        handlers.record(record.check(value, where, handlers.error))
      end
    end
  end
end

-- The lines of a file whose first bytes were already read into head, read
-- in blocks so that no line is buffered past max_bytes: a longer one (an
-- endless line from /dev/zero) is reported, and the rest of the source is
-- not read, since its end may never come.
local BLOCK = 64 * 1024

local function bounded_lines(head, file, path, handlers, max_bytes)
  local buffer, pos, number, stopped = head, 1, 0, false
  return function()
    if stopped then return nil end
    local parts, size = nil, 0
    while true do
      local nl = buffer:find("\n", pos, true)
      local piece = (pos == 1 and not nl) and buffer or buffer:sub(pos, nl and nl - 1)
      size = size + #piece
      if size > max_bytes then
        stopped = true
        handlers.error(("%s:%d"):format(path, number + 1),
          ("line longer than the limit of %d bytes (limits.article_bytes); the rest is not read"):format(max_bytes))
        return nil
      end
      if nl then
        pos, number = nl + 1, number + 1
        if not parts then return piece end
        parts[#parts + 1] = piece
        return table.concat(parts)
      end
      if piece ~= "" then
        parts = parts or {}
        parts[#parts + 1] = piece
      end
      buffer, pos = file:read(BLOCK), 1
      if not buffer then
        stopped = true
        if parts then return table.concat(parts) end
        return nil
      end
    end
  end
end

-- At most most bytes from file's position on. Lua's file:read(n) sets aside
-- a buffer of n bytes before it reads, so asking every small page for the
-- whole-file bound would take 16 MiB of the C heap per file, and the pages
-- each run touches in it stay resident: the command's peak memory grew with
-- the number of files read. A file that says its size is asked for that
-- (and one byte more, to see it has not grown); one that has grown, or says
-- no size (standard input, a pipe), is read up to the bound.
local function read_rest(file, most)
  local here = file:seek()
  local size = here and file:seek("end")
  if not size or not file:seek("set", here) or size - here + 1 >= most then return file:read(most) end
  local rest, err = file:read(size - here + 1)
  if not rest or #rest <= size - here then return rest, err end
  local more = file:read(most - #rest)
  return more and rest .. more or rest
end

-- Reads a source: a web archive (see broadsheet.webarchive), JSON Lines, or articles. A file no larger than the smaller
-- of the two bounds is read whole (and split at form feeds); anything else,
-- or what does not say its size (standard input, a FIFO, a device), is
-- streamed line by line.
local function read_stream(file, path, handlers, max_bytes, shard)
  local head = file:read(4096) or ""
  if webarchive.detect(head) then return webarchive.read(file, head, path, handlers, max_bytes, shard) end
  local function lines(text) return bounded_lines(text, file, path, handlers, max_bytes) end
  if is_jsonl(path, head) then return each_json_line(lines(head), path, handlers) end
  local whole = math.min(WHOLE_FILE_LIMIT, max_bytes)
  local text = head
  if #head == 4096 then
    local rest, read_err = read_rest(file, whole - #head + 1)
    if not rest and read_err then return handlers.error(path, read_err) end
    text = head .. (rest or "")
  end
  if #text <= whole then return split_articles(text, path, handlers.text) end
  return stream_articles(lines(text), path, handlers, max_bytes) -- a tail call: text is not held
end

local function read_file(path, handlers, max_bytes, shard)
  if path == "-" then return read_stream(io.stdin, path, handlers, max_bytes) end
  local file <close>, err = io.open(path, "rb")
  if not file then return handlers.error(path, (err:gsub("^.-: ", ""))) end
  return read_stream(file, path, handlers, max_bytes, shard)
end

--- Is the path in shard k of n? A stable hash of the path decides, so that n
-- processes given the same arguments read every file exactly once.
function sources.in_shard(path, shard)
  if not shard or path == "-" then return true end
  return tonumber(core.hash(path):sub(-8), 16) % shard.n == shard.k - 1
end

--- Calls handlers.text(text, source) for each article text, handlers.record(record)
-- for each JSON record, and handlers.error(where, message) for what cannot be read.
-- opts: pattern (file names inside directories), shard ({ k = 1, n = 4 }),
-- limits ({ article_bytes = ... }, see broadsheet.limits), leftovers (report
-- the temporary files a killed run left, as `check` does), on_file(path)
-- (called as each file is opened, for progress).
function sources.each(paths, handlers, opts)
  opts = opts or {}
  local max_bytes = (opts.limits or {}).article_bytes or limits.article_bytes
  walk.each(paths, function(path, dir, err)
    if not path then
      if sources.in_shard(dir, opts.shard) then handlers.error(dir, err) end
    elseif sources.in_shard(path, opts.shard) or webarchive.shared(path, opts.shard) then
      if opts.on_file then opts.on_file(path) end
      read_file(path, handlers, max_bytes, opts.shard)
    end
  end, opts.pattern, opts)
end

return sources
