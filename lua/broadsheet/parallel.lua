--- All cores: the records of an archive read by worker processes, each over
-- a shard of the files (`--shard K/N`), and put back in the order one
-- process reads them. A worker is the command itself (`parse --framed`),
-- started through broadsheet.workers: it writes the records of each run of
-- consecutive files in a frame headed by the first one's place in the walk,
-- so the parent (or `broadsheet merge`, over shards run on other machines)
-- interleaves them back by that number alone. Without a profile given, the
-- workers learn it together (see parallel.start).
local cjson = require "cjson"
local lfs = require "lfs"
local broadsheet = require "broadsheet"
local json = require "broadsheet.formats.json"
local profile_learner = require("broadsheet.profile").learner
local sources = require "broadsheet.sources"
local walk = require "broadsheet.walk"
local workers = require "broadsheet.workers"

local parallel = {}

-- A frame: a header line "\30<walk index> <bytes>", then that many bytes of
-- JSON Lines. The record separator cannot start a JSON line, so framed
-- output is never taken for plain JSON Lines. Records are sent in frames of
-- about CHUNK bytes at most, so that a worker holds no more than that of a
-- file of many articles.
local HEADER = "\30%d %d\n"
local CHUNK = 1 << 20

-- The last frame of a worker whose web archives held records that are no
-- pages: "\30skipped <bytes>", then their counts by kind as a JSON object,
-- which the parent adds up into what `stats` prints of one process.
local SKIPPED_HEADER = "\30skipped %d\n"

-- Workers that learn the profile together send what they counted over
-- their share of the sample first, in a frame "\30learned <bytes>" (a
-- learner's state as JSON); the parent merges them all and sends the profile
-- back, one line of JSON on each worker's standard input.
local LEARNED_HEADER = "\30learned %d\n"

-- Without -j, small inputs stay in one process: starting the workers costs
-- more than they save on less than this.
local MIN_PARALLEL_BYTES = 4 << 20

-- A line of JSON from the parent on standard input, decoded: a table, or
-- nil for {}.
local function told(what)
  local line = io.stdin:read("l")
  local ok, value = pcall(cjson.decode, line or "")
  if not ok or type(value) ~= "table" then error("the parent process sent no " .. what, 0) end
  return next(value) and value or nil
end

-- Files read by -j workers go in blocks of consecutive places, each block
-- to one worker in turn (`--blocks`): a worker then writes a block's
-- records as one frame, which costs the parent far less than a frame for
-- each file, and each worker's share of the first files (the sample the
-- profile is learned from) is about the same.
local BLOCK = 32

-- Is the file at this place of the walk in shard k of n, by blocks?
local function in_block(place, shard)
  return not shard or (place - 1) // BLOCK % shard.n == shard.k - 1
end

-- A worker's side of learning together: where the sample ends, then the
-- profile in return for what its learner counted, as the parent sends them.
local function learning_peers(out, place)
  local asked, last = false, nil
  local peers = { place = place }
  function peers.sample_end()
    if not asked then last, asked = told("sample end"), true end
    return last
  end
  function peers.share(state)
    peers.sample_end() -- told first, whether asked or not
    local text = cjson.encode(state)
    out:write(LEARNED_HEADER:format(#text), text)
    out:flush()
    return told("profile")
  end
  return peers
end

--- Writes the records of the shard's files (opts.shard, or all) to out in
-- frames, and the counts of web archive records skipped in a frame of their
-- own at the end; opts are those of broadsheet.open. A folder that cannot be
-- listed, or a file skipped, is reported by one shard, as sources.each does.
-- With opts.profile true, the shard learns the profile with the other
-- workers (see parallel.start) before its records are written.
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
    if opts.blocks and in_block(walked, shard) or not opts.blocks and sources.in_shard(path, shard) then
      files[#files + 1] = path
      places[#files] = walked
    end
  end, opts.pattern, opts)
  -- One archive reads them all (one for each file cost more than parsing
  -- them); a file that does not follow the last one in the walk starts a frame.
  local parts, bytes, place, first, opened = {}, 0, nil, nil, 0
  local function flush()
    local text = table.concat(parts)
    out:write(HEADER:format(first, #text), text)
    parts, bytes = {}, 0
  end
  -- The records that follow come from the file at this place.
  local function enter(at)
    if bytes > 0 and at ~= place and at ~= place + 1 then flush() end
    place = at
  end
  local on_file = opts.on_file
  file_opts.on_file = function(path)
    -- a file gone since the walk above is reported, never opened: passed over
    local from = opened
    repeat opened = opened + 1 until files[opened] == path or opened > #files
    if opened > #files then -- read again from the first: learning let go of the records it kept
      opened = 0
      repeat opened = opened + 1 until files[opened] == path or opened > from
    end
    enter(places[opened])
    if on_file then on_file(path) end
  end
  if opts.profile == true then
    file_opts.peers = learning_peers(out, function() return place end)
    file_opts.peers.replaying = enter -- records kept while learning come from the files read then
  end
  local shard_archive = broadsheet.open(files, file_opts)
  for record in shard_archive:each() do
    local line = json.encode_record(record) .. "\n"
    if bytes == 0 then first = place end
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

-- The Lua interpreter running this program (the lowest index of arg).
local function interpreter()
  local i = 0
  while arg and arg[i - 1] do i = i - 1 end
  return arg and arg[i] or "lua5.4"
end

-- The arguments of one worker: this Lua, with this program's module paths,
-- running the command line argv with the main function of the command's
-- module (the caller names it: this module knows no command).
local function worker_args(command_module, argv)
  local quoted = {}
  for i, word in ipairs(argv) do quoted[i] = ("%q"):format(word) end
  local code = ("package.path = %q; package.cpath = %q; os.exit(require(%q).main({ %s }))")
    :format(package.path, package.cpath, command_module, table.concat(quoted, ", "))
  return { "-e", code }
end

-- The worker's command line: parse --framed with the parent's input
-- options; the profile the parent learned comes as a file, or the worker
-- learns it with the others.
local function worker_argv(args, k, n, profile)
  local argv = { "parse", "--framed", "--blocks", "--shard", k .. "/" .. n, "--pattern", args.pattern }
  if args.vocabulary and not args.learn then argv[#argv + 1], argv[#argv + 2] = "--vocabulary", args.vocabulary end
  if args.aliases then argv[#argv + 1], argv[#argv + 2] = "--aliases", args.aliases end
  if profile.path then
    argv[#argv + 1], argv[#argv + 2] = "--profile", profile.path
  else
    argv[#argv + 1] = profile.learning and "--learn-together" or "--no-learn"
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

-- The parent's side of learning together: tells each worker where the
-- archive's sample ends, merges what each learned over its share of it (its
-- first frame), and tells each the profile; returns the profile. (The
-- workers start reading while the sample's end is found.)
local function learn_together(streams, args, opts)
  local last = broadsheet.open(args.paths, { pattern = opts.pattern, limits = opts.limits }):sample_end()
  local line = cjson.encode(last or {}) .. "\n"
  for _, s in ipairs(streams) do s.stream:send(line) end
  local learner = profile_learner()
  for _, s in ipairs(streams) do
    local size = tonumber((s.stream:read("l") or ""):match("^\30learned (%d+)$"))
    local text = size and s.stream:read(size)
    local ok, state = pcall(cjson.decode, text or "")
    if not ok or type(state) ~= "table" then error(s.name .. ": ended before it shared what it learned", 0) end
    learner.merge(state)
  end
  local learned = learner.result()
  line = cjson.encode(learned) .. "\n"
  for _, s in ipairs(streams) do s.stream:send(line) end
  return learned
end

--- Starts `jobs` workers, each the main(argv) of command_module (the
-- command line, which takes parse --framed); returns an iterator over their
-- frames' texts in walk order, and finish(), which waits for them (stopping
-- those not read to the end) and returns false when one that was read to
-- the end failed. The web archive records they skip are counted by kind
-- into skipped (a table, when given), all of them once the iterator ends.
-- opts.profile, a table, goes to the workers in a temporary file; when it
-- is true, the workers learn it together, each from its share of the
-- sample, and opts.profile is the profile learned when this returns.
function parallel.start(command_module, args, opts, jobs, skipped)
  local profile = { learning = opts.profile == true }
  if not profile.learning and opts.profile then
    profile.path = os.tmpname()
    local file = assert(io.open(profile.path, "wb"))
    file:write(cjson.encode(opts.profile), "\n")
    file:close()
  end
  local streams = {}
  local function finish()
    local ok = true
    for _, s in ipairs(streams) do
      local closed = s.stream:close()
      if s.drained and not closed then ok = false end
    end
    if profile.path then os.remove(profile.path) end
    return ok
  end
  for k = 1, jobs do
    local worker, err = workers.spawn(interpreter(), worker_args(command_module, worker_argv(args, k, jobs, profile)))
    if not worker then
      finish()
      error("cannot start a worker process: " .. tostring(err), 0)
    end
    streams[k] = { stream = worker, name = ("worker %d/%d"):format(k, jobs) }
  end
  if profile.learning then
    local learned, learned_profile = workers.guard_pipes(learn_together, streams, args, opts)
    if not learned then
      finish()
      error(learned_profile, 0)
    end
    opts.profile = learned_profile
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
