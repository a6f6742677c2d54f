--- All cores: the records of an archive read by worker processes, each over
-- a shard of the files (`--shard K/N`), and put back in the order one
-- process reads them. A worker is the command itself (`parse --framed`),
-- started with io.popen: it writes each file's records in frames headed by
-- the file's place in the walk, so the parent (or `broadsheet merge`, over
-- shards run on other machines) interleaves them back by that number alone.
local cjson = require "cjson"
local lfs = require "lfs"
local broadsheet = require "broadsheet"
local json = require "broadsheet.formats.json"
local sources = require "broadsheet.sources"
local walk = require "broadsheet.walk"

local parallel = {}

-- A frame: a header line "\30<walk index> <bytes>", then that many bytes of
-- JSON Lines. The record separator cannot start a JSON line, so framed
-- output is never taken for plain JSON Lines. A file's records are sent in
-- frames of about CHUNK bytes, so that a worker holds no more than that of
-- a file of many articles.
local HEADER = "\30%d %d\n"
local CHUNK = 1 << 20

-- The last frame of a worker whose web archives held records that are no
-- pages: "\30skipped <bytes>", then their counts by kind as a JSON object,
-- which the parent adds up into what `stats` prints of one process.
local SKIPPED_HEADER = "\30skipped %d\n"

-- Without -j, small inputs stay in one process: starting the workers costs
-- more than they save on less than this.
local MIN_PARALLEL_BYTES = 4 << 20

--- Writes the records of the shard's files (opts.shard, or all) to out in
-- frames, and the counts of web archive records skipped in a frame of their
-- own at the end; opts are those of broadsheet.open. A folder that cannot be
-- listed, or a file skipped, is reported by one shard, as sources.each does.
function parallel.write_framed(paths, opts, out)
  local shard = opts.shard
  local file_opts = {}
  for key, value in pairs(opts) do file_opts[key] = value end
  file_opts.shard = nil
  -- opts.tagger has the profile's vocabulary already: the archive opened
  -- here must not add it again.
  if type(opts.profile) == "table" and opts.profile.vocabulary then
    file_opts.profile = {}
    for key, value in pairs(opts.profile) do file_opts.profile[key] = value end
    file_opts.profile.vocabulary = nil
  end
  -- The shard's files in walk order, and each one's place in the walk.
  local files, places, walked = {}, {}, 0
  walk.each(paths, function(path, dir, err)
    if not path then
      if sources.in_shard(dir, shard) then opts.on_error(dir, err) end
      return
    end
    walked = walked + 1
    if sources.in_shard(path, shard) then
      files[#files + 1] = path
      places[#files] = walked
    end
  end, opts.pattern, opts)
  -- One archive reads them all (one for each file cost more than parsing
  -- them); each file it opens starts a frame.
  local parts, bytes, place, opened = {}, 0, nil, 0
  local function flush()
    local text = table.concat(parts)
    out:write(HEADER:format(place, #text), text)
    parts, bytes = {}, 0
  end
  local on_file = opts.on_file
  file_opts.on_file = function(path)
    if bytes > 0 then flush() end
    -- a file gone since the walk above is reported, never opened: passed over
    repeat opened = opened + 1 until files[opened] == path or opened > #files
    place = places[opened]
    if on_file then on_file(path) end
  end
  local shard_archive = broadsheet.open(files, file_opts)
  for record in shard_archive:each() do
    local line = json.encode_record(record) .. "\n"
    parts[#parts + 1], bytes = line, bytes + #line
    if bytes >= CHUNK then flush() end
  end
  if bytes > 0 then flush() end
  local skipped = shard_archive.skipped
  if next(skipped) then
    local counts = cjson.encode(skipped)
    out:write(SKIPPED_HEADER:format(#counts), counts)
  end
end

-- Adds the counts of a skipped-records frame's text into skipped.
local function add_counts(text, name, skipped)
  local malformed = name .. ": skipped records not counted by kind"
  local ok, counts = pcall(cjson.decode, text)
  if not ok or type(counts) ~= "table" then error(malformed, 0) end
  for kind, n in pairs(counts) do
    n = math.tointeger(n)
    if type(kind) ~= "string" or not n then error(malformed, 0) end
    skipped[kind] = (skipped[kind] or 0) + n
  end
end

-- The next frame of a stream: its walk index and text, or nil at its end.
-- The counts of a skipped-records frame are added into skipped.
local function read_frame(stream, name, skipped)
  while true do
    local header = stream:read("l")
    if not header then return nil end
    local index, bytes = header:match("^\30(%d+) (%d+)$")
    local size = tonumber(bytes or header:match("^\30skipped (%d+)$"))
    if not size then error(name .. ": not framed records (from parse --framed)", 0) end
    local text = stream:read(size) or ""
    if #text ~= size then error(name .. ": cut short inside a frame", 0) end
    if index then return tonumber(index), text end
    add_counts(text, name, skipped)
  end
end

--- An iterator over the frames' texts of several streams ({ stream, name }
-- pairs) in walk order: of the frames waiting at each stream's head, the
-- lowest index goes first. stream.drained is set when one has no more.
-- The web archive records the streams' workers skipped are counted by kind
-- into skipped (a table, when given) as their frames come.
function parallel.merged(streams, skipped)
  skipped = skipped or {}
  local heads = {}
  for i, s in ipairs(streams) do
    heads[i], s.text = read_frame(s.stream, s.name, skipped)
    s.drained = not heads[i]
  end
  return function()
    local best
    for i in pairs(heads) do
      if not best or heads[i] < heads[best] then best = i end
    end
    if not best then return nil end
    local s = streams[best]
    local text = s.text
    heads[best], s.text = read_frame(s.stream, s.name, skipped)
    if not heads[best] then s.drained = true end
    return text
  end
end

local function shell_quote(text)
  return "'" .. text:gsub("'", "'\\''") .. "'"
end

-- The Lua interpreter running this program (the lowest index of arg).
local function interpreter()
  local i = 0
  while arg and arg[i - 1] do i = i - 1 end
  return arg and arg[i] or "lua5.4"
end

-- The shell command of one worker: this Lua, with this program's module
-- paths, running the command line argv with the main function of the
-- command's module (the caller names it: this module knows no command).
local function worker_command(command_module, argv)
  local quoted = {}
  for i, word in ipairs(argv) do quoted[i] = ("%q"):format(word) end
  local code = ("package.path = %q; package.cpath = %q; os.exit(require(%q).main({ %s }))")
    :format(package.path, package.cpath, command_module, table.concat(quoted, ", "))
  return "exec " .. shell_quote(interpreter()) .. " -e " .. shell_quote(code)
end

-- The worker's command line: parse --framed with the parent's input
-- options; the profile the parent learned comes as a file.
local function worker_argv(args, k, n, profile_path)
  local argv = { "parse", "--framed", "--shard", k .. "/" .. n, "--pattern", args.pattern }
  if args.vocabulary and not args.learn then argv[#argv + 1], argv[#argv + 2] = "--vocabulary", args.vocabulary end
  if args.aliases then argv[#argv + 1], argv[#argv + 2] = "--aliases", args.aliases end
  if profile_path then
    argv[#argv + 1], argv[#argv + 2] = "--profile", profile_path
  else
    argv[#argv + 1] = "--no-learn"
  end
  argv[#argv + 1] = "--"
  for _, path in ipairs(args.paths) do argv[#argv + 1] = path end
  return argv
end

--- The number of cores this process may use, or 1 when that is unknown.
function parallel.cores()
  local pipe = io.popen("nproc 2>/dev/null")
  local n = pipe and tonumber(pipe:read("l") or "")
  if pipe then pipe:close() end
  return n or 1
end

-- Do the inputs hold at least `limit` bytes? The walk stops when they do.
local function holds_at_least(paths, pattern, limit)
  local total = 0
  local reader = coroutine.wrap(function()
    walk.each(paths, function(path)
      total = total + (path and lfs.attributes(path, "size") or 0)
      if total >= limit then coroutine.yield(true) end
    end, pattern)
    return false
  end)
  return reader()
end

--- How many processes read the archive: -j as given; by default the
-- number of cores when the output is a file or a pipe and the input is
-- large. One when the input cannot be sharded: standard input, or a
-- --shard already chosen.
function parallel.jobs(args)
  for _, path in ipairs(args.paths) do
    if path == "-" then return 1 end
  end
  if args.shard or args.framed then return 1 end
  if args.jobs then return args.jobs end
  if not args.output and os.execute("test -t 1") then return 1 end
  local n = parallel.cores()
  if n > 1 and not holds_at_least(args.paths, args.pattern, MIN_PARALLEL_BYTES) then return 1 end
  return n
end

-- Decoded records hold numbers as floats; a word count is an integer.
local function decode_record(line)
  local record = cjson.decode(line)
  if record.words then record.words = math.tointeger(record.words) or record.words end
  return record
end

--- Starts `jobs` workers, each the main(argv) of command_module (the
-- command line, which takes parse --framed); returns an iterator over their
-- frames' texts in walk order, and finish(), which waits for them (stopping
-- those not read to the end) and returns false when one that was read to
-- the end failed. The web archive records they skip are counted by kind
-- into skipped (a table, when given), all of them once the iterator ends.
-- opts.profile goes to the workers in a temporary file.
function parallel.start(command_module, args, opts, jobs, skipped)
  local profile_path
  if opts.profile then
    profile_path = os.tmpname()
    local file = assert(io.open(profile_path, "wb"))
    file:write(cjson.encode(opts.profile), "\n")
    file:close()
  end
  local streams = {}
  for k = 1, jobs do
    local stream = assert(io.popen(worker_command(command_module, worker_argv(args, k, jobs, profile_path)), "r"))
    streams[k] = { stream = stream, name = ("worker %d/%d"):format(k, jobs) }
  end
  local function finish()
    local ok = true
    for _, s in ipairs(streams) do
      local closed = s.stream:close()
      if s.drained and not closed then ok = false end
    end
    if profile_path then os.remove(profile_path) end
    return ok
  end
  return parallel.merged(streams, skipped), finish
end

--- The records of frames' texts, one at a time.
function parallel.records(next_text)
  local text, pos = nil, 1
  return function()
    while true do
      if text then
        local nl = text:find("\n", pos, true)
        if nl then
          local line = text:sub(pos, nl - 1)
          pos = nl + 1
          return decode_record(line)
        end
      end
      text, pos = next_text(), 1
      if not text then return nil end
    end
  end
end

return parallel
