--- broadsheet.open: an archive streams records through a pipeline.
-- Operations (filter, map, sort, limit, unique) return new archives; nothing
-- is read until the records are asked for, and then one article at a time,
-- unless the pipeline sorts.
local core = require "broadsheet.core"
local context = require "broadsheet.context"
local formats = require "broadsheet.formats"
local profile = require "broadsheet.profile"
local sources = require "broadsheet.sources"
local webarchive = require "broadsheet.webarchive"

local archive = {}

local Archive = {}
Archive.__index = Archive

-- An archive is a function returning a fresh iterator of records (`pull`),
-- the options it was opened with, its context (tagger, limits, profile:
-- see broadsheet.context) and the errors met while reading.
local function derive(parent, pull)
  return setmetatable({ pull = pull, opts = parent.opts, context = parent.context, errors = parent.errors,
    skipped = parent.skipped, root = parent.root }, Archive)
end

local function report(self, where, message)
  if self.opts.on_error then
    self.opts.on_error(where, message)
  else
    self.errors[#self.errors + 1] = { where = where, message = message }
  end
end

-- Parses one article text with the archive's context (read at each call:
-- learning a profile replaces it), reporting what does not parse.
-- unprofiled: the reading learning made (see Context:parse).
local function parse_text(self, parse_opts, text, source, document, unprofiled)
  parse_opts.source = source
  local ok, record
  if document then
    ok, record = pcall(webarchive.parse, self.context, text, parse_opts, document)
  else
    ok, record = pcall(self.context.parse, self.context, text, parse_opts, unprofiled)
  end
  if ok then return record end
  report(self, source, record)
end

-- What the reader sees: parsed records, JSON records, skipped kinds and errors.
local function handlers_of(self, parse_opts)
  return {
    text = function(text, source, document)
      local record = parse_text(self, parse_opts, text, source, document)
      if record then coroutine.yield(record) end
    end,
    record = coroutine.yield,
    skip = function(kind) self.skipped[kind] = (self.skipped[kind] or 0) + 1 end,
    error = function(where, message) report(self, where, message) end,
  }
end

local function read_options(self)
  local opts = self.opts
  return { pattern = opts.pattern, shard = opts.shard, limits = self.context.limits, on_file = opts.on_file,
           leftovers = opts.leftovers }
end

-- A reader coroutine over the files, pushing through handlers.
local function new_reader(self, handlers)
  local reader = coroutine.create(function() sources.each(self.paths, handlers, read_options(self)) end)
  self.readers[reader] = true
  return reader
end

-- An iterator of the records a reader yields, after those of the events
-- learning kept, when given (see learn_while_reading).
local function iterate(self, reader, primed)
  local kept = primed and primed.kept
  local replayed = 0
  return function()
    while kept and replayed < #kept do
      replayed = replayed + 1
      local event = kept[replayed]
      kept[replayed] = false -- the text is parsed once and then let go
      if primed.replaying then primed.replaying(event.place) end
      local kind = event[1]
      if kind == "text" then
        local record = parse_text(self, primed.parse_opts, event[2], event[3], event[4], event.unprofiled)
        if record then return record end
      elseif kind == "record" then
        return event[2]
      else
        primed.handlers[kind](event[2], event[3])
      end
    end
    kept = nil
    if coroutine.status(reader) == "dead" then return nil end
    local ok, record = coroutine.resume(reader)
    if not ok then error(record, 0) end
    return record
  end
end

-- The records of the files: a coroutine runs the readers, which push. The
-- first pull of an archive that learned its profile while reading takes
-- the reader that learning left off, with the events it kept.
local function pull_files(self)
  return function()
    local primed = self.primed
    self.primed = nil
    if primed then return iterate(self, primed.reader, primed) end
    local parse_opts = { segment = self.opts.segment }
    local handlers = handlers_of(self, parse_opts)
    return iterate(self, new_reader(self, handlers))
  end
end

-- Bytes of article text kept while learning; past them the rest of the
-- sample is learned from without being kept, and the archive is read again
-- from its start, so that a large archive's reading stays within the memory
-- it had with two passes (a web archive's pages are kept but not learned
-- from, and need not be few).
local KEPT_BYTES = 8 * 1024 * 1024

--- Learns the site profile (masthead, footers) from the articles' text.
-- Boilerplate shows within the first documents; a sample bounds the first
-- pass over a large archive.
local PROFILE_SAMPLE = 5000

-- Whether the sample is complete: a function of the number of articles
-- learned from, and of the file being read (its place in the walk, from
-- peers.place()) and how many of them it gave. Alone, the sample is the
-- first opts.profile_sample articles; with workers that learn together
-- (see broadsheet.parallel), every worker learns from its own articles up
-- to where the parent found the archive's sample ends (peers.sample_end(),
-- asked at the first event: { place = the file holding its last article,
-- n = that article's number there }, or nil when the archive is smaller
-- than the sample).
local function sample_complete(self, peers)
  if not peers then
    local sample = self.opts.profile_sample or PROFILE_SAMPLE
    return function(seen) return seen >= sample end
  end
  local last, asked = nil, false
  return function(_, place, in_file)
    if not asked then last, asked = peers.sample_end(), true end
    return last ~= nil and (place > last.place or (place == last.place and in_file >= last.n))
  end
end

-- One pass: reads the sample's articles as Archive:profile does, learning
-- from their text and keeping every event of the reading in order, and
-- returns the profile with the reader left at the first event after the
-- sample (kept too); the archive's first pull replays the kept events with
-- the profile, then reads on. Once the kept text passes KEPT_BYTES, what was
-- kept is let go and the sample is learned on as Archive:profile reads it
-- (no web archive, no event kept), for the archive to be read again after.
-- With peers (workers learning together), the sample ends where
-- peers.sample_end() says, the profile is what peers.share(learner.state())
-- returns, and each kept event's file is told to peers.replaying(place)
-- before it is replayed.
local function learn_while_reading(self, peers)
  local learner, seen, bytes, learning, keeping = profile.learner(), 0, 0, true, true
  local complete = sample_complete(self, peers)
  local place, in_file = nil, 0
  local parse_opts = { segment = self.opts.segment }
  local handlers = handlers_of(self, parse_opts)
  local kept = {}
  -- The file being read, as the peers tell it (0 before the first): a new
  -- one has given no article yet.
  local function follow_place()
    local at = peers and (peers.place() or 0)
    if at and at ~= place then place, in_file = at, 0 end
  end
  -- Whether the event is past the sample: then it is kept, and the reading stops.
  local function past_sample(event)
    if not complete(seen, place, in_file) then return false end
    learning = false
    if keeping then kept[#kept + 1] = event end
    coroutine.yield()
    return true
  end
  local function keep(kind)
    return function(...)
      if not learning then return handlers[kind](...) end
      follow_place()
      local event = table.pack(kind, ...)
      event.place = place
      if past_sample(event) then return end
      if keeping then kept[#kept + 1] = event end
    end
  end
  local reading
  reading = {
    text = function(text, source, document)
      if not learning then return handlers.text(text, source, document) end
      follow_place()
      local event = { "text", text, source, document, place = place }
      if past_sample(event) then return end
      if keeping then
        kept[#kept + 1] = event
        bytes = bytes + #text
      end
      -- a site's boilerplate is learned from article text, not web archives
      if not document then
        local record, tag_line, listed = learner.add(text)
        -- kept for the replay to stand on (a web page's is not: pages are read as HTML)
        if keeping and record and not core.is_html(text) then event.unprofiled = { record, tag_line, listed } end
        seen, in_file = seen + 1, in_file + 1
      end
      if keeping and bytes > KEPT_BYTES then
        keeping, kept = false, nil
        reading.text_only = true
      end
    end,
    record = keep("record"),
    skip = keep("skip"),
    error = keep("error"),
  }
  local reader = new_reader(self, reading)
  local ok, err = coroutine.resume(reader)
  if not ok then error(err, 0) end
  if keeping then
    self.primed = { reader = reader, parse_opts = parse_opts, kept = kept, handlers = handlers,
                    replaying = peers and peers.replaying }
  else
    coroutine.close(reader) -- the archive is read again from its start
  end
  if peers then return peers.share(learner.state()) end
  return learner.result()
end

--- Opens files, directories (recursively, opts.pattern, default *.txt, *.html,
-- *.htm, *.xhtml and web archives), "-" for standard input, JSON Lines of
-- records, files of several articles, and web archives (WARC, ARC, WACZ,
-- WET). The records of a web archive that are no pages are counted by kind
-- in archive.skipped.
-- opts: pattern; tagger, or aliases and vocabulary to make one; limits;
-- profile (from :profile(), or true to learn one first; a tagger that
-- knows no vocabulary takes the one it learned); segment (false: tag lines
-- as printed, see broadsheet.parse); shard ({ k = 1,
-- n = 4 }: a stable share of the files, by path); on_error(where, message)
-- (default: kept in archive.errors); on_file(path), as each file is opened;
-- leftovers (report temporary files a killed run left); peers, for a
-- worker learning with others (see learn_while_reading and
-- broadsheet.parallel). The tagger, limits
-- and profile are resolved here, once, into the archive's context.
function archive.open(paths, opts)
  if type(paths) == "string" then paths = { paths } end
  if type(paths) ~= "table" then error("bad argument #1 to 'open' (path or list of paths expected)", 2) end
  local self = setmetatable({ paths = paths, opts = {}, errors = {}, skipped = {},
                              readers = setmetatable({}, { __mode = "k" }) }, Archive)
  for k, v in pairs(opts or {}) do self.opts[k] = v end
  self.root = self
  local learned = self.opts.profile == true
  if learned then self.opts.profile = nil end
  self.context = context.new(self.opts)
  if learned then
    -- Shards learn from the whole archive, not from what they read.
    self.opts.profile = self.opts.shard and self:profile() or learn_while_reading(self, self.opts.peers)
    self.context = context.new(self.opts)
  end
  self.pull = pull_files(self)
  return self
end

--- An archive of records that come from elsewhere (an archive database,
-- broadsheet.parallel's workers): pull() returns a fresh iterator of them
-- each time it is called.
function archive.from(pull, opts)
  local self = setmetatable({ paths = {}, opts = opts or {}, errors = {}, skipped = {}, readers = {} }, Archive)
  self.root, self.pull, self.context = self, pull, context.new(self.opts)
  return self
end

-- Calls fn(text) for each article of the sample: the first
-- opts.profile_sample (5000) of the whole archive's text, whatever the
-- shard, and no web archive (a site's boilerplate is learned from article
-- text); on_file, when given, as each file is opened. Returns how many.
local function each_sample_text(self, fn, on_file)
  local sample, seen = self.opts.profile_sample or PROFILE_SAMPLE, 0
  local reader = coroutine.create(function()
    sources.each(self.root.paths, {
      text = function(text)
        fn(text)
        seen = seen + 1
        if seen >= sample then coroutine.yield() end
      end,
      record = function() end,
      error = function() end, -- reported when the records are read
      text_only = true,
    }, { pattern = self.opts.pattern, limits = self.context.limits, on_file = on_file })
  end)
  local ok, err = coroutine.resume(reader)
  coroutine.close(reader) -- closes the file a full sample stopped in
  if not ok then error(err, 0) end
  return seen
end

--- Learns the site profile (masthead, footers) from the text of the first
-- opts.profile_sample (5000) articles.
function Archive:profile()
  local learner = profile.learner()
  each_sample_text(self, learner.add)
  return learner.result()
end

--- Where the profile's sample ends, for workers that learn it together:
-- { place = the place in the walk of the file holding the sample's last
-- article, n = that article's number in the file }, or nil when the
-- archive holds no more articles than the sample.
function Archive:sample_end()
  local place, in_file = 0, 0
  local seen = each_sample_text(self, function() in_file = in_file + 1 end,
    function() place, in_file = place + 1, 0 end)
  if seen < (self.opts.profile_sample or PROFILE_SAMPLE) then return nil end
  return { place = place, n = in_file }
end

--- The records, for a generic for: `for record in archive:each() do`.
function Archive:each()
  return self.pull()
end

--- Stops every reading under way, closing its files (also on `local a <close> = ...`).
function Archive:close()
  for reader in pairs(self.root.readers) do coroutine.close(reader) end
end

Archive.__close = Archive.close

--- Keeps the records a filter, a function(record) or a query string matches.
function Archive:filter(f)
  -- loaded here, not above: reading an archive needs no query grammar
  local test = require("broadsheet.filter").compile(f, require("broadsheet.query").env(self.context))
  local parent = self
  return derive(self, function()
    local next_record = parent.pull()
    return function()
      for record in next_record do
        if test(record) then return record end
      end
    end
  end)
end

--- fn(record) returns the record to pass on (the same or a new one), or nil to drop it.
function Archive:map(fn)
  local parent = self
  return derive(self, function()
    local next_record = parent.pull()
    return function()
      for record in next_record do
        local mapped = fn(record)
        if mapped ~= nil then return mapped end
      end
    end
  end)
end

function Archive:limit(n)
  local parent = self
  return derive(self, function()
    local next_record, seen = parent.pull(), 0
    return function()
      if seen >= n then return nil end
      seen = seen + 1
      return next_record()
    end
  end)
end

--- Keeps the first of articles with the same id or the same body.
function Archive:unique()
  local parent = self
  return derive(self, function()
    local next_record, seen = parent.pull(), {}
    return function()
      for record in next_record do
        local body = core.hash(table.concat(record.body or {}, "\n"))
        local id = record.id or body
        if not seen[id] and not seen[body] then
          seen[id], seen[body] = true, true
          return record
        end
      end
    end
  end)
end

--- Sorts by a field name or a function(record); records without a value go last.
function Archive:sort(key, descending)
  local value = type(key) == "function" and key or function(record) return record[key] end
  local parent = self
  return derive(self, function()
    local rows = {}
    for record in parent.pull() do rows[#rows + 1] = { record = record, value = value(record), order = #rows } end
    table.sort(rows, function(a, b)
      if a.value == nil or b.value == nil then
        if a.value == b.value then return a.order < b.order end
        return b.value == nil
      end
      if a.value ~= b.value then
        if descending then return a.value > b.value end
        return a.value < b.value
      end
      return a.order < b.order
    end)
    local i = 0
    return function()
      i = i + 1
      return rows[i] and rows[i].record
    end
  end)
end

function Archive:count()
  local n = 0
  for _ in self.pull() do n = n + 1 end
  return n
end

function Archive:collect()
  local list = {}
  for record in self.pull() do list[#list + 1] = record end
  return list
end

--- Writes the records in a format (a name, a table, or a .lua file) to an
-- open file, a path (atomically) or a directory (one file per article).
function Archive:export(format, destination, opts)
  return formats.export(format, self:each(), destination, opts)
end

local function add(counts, key, n)
  counts[key] = (counts[key] or 0) + (n or 1)
end

--- Counts: articles, first and last date, per year and month, words, top tags, sites.
function Archive:stats(top)
  local stats = { articles = 0, words = 0, per_year = {}, per_month = {}, sites = {}, undated = 0 }
  local tag_counts, tag_labels = {}, {}
  for record in self.pull() do
    stats.articles = stats.articles + 1
    stats.words = stats.words + (record.words or 0)
    local date = record.date
    if date then
      stats.first_date = (not stats.first_date or date < stats.first_date) and date or stats.first_date
      stats.last_date = (not stats.last_date or date > stats.last_date) and date or stats.last_date
      add(stats.per_year, date:sub(1, 4))
      add(stats.per_month, date:sub(1, 7))
    else
      stats.undated = stats.undated + 1
    end
    if record.site then add(stats.sites, record.site) end
    for i, slug in ipairs(record.tags or {}) do
      add(tag_counts, slug)
      tag_labels[slug] = tag_labels[slug] or (record.tag_labels or {})[i]
    end
  end
  local tags = {}
  for slug, count in pairs(tag_counts) do tags[#tags + 1] = { slug = slug, label = tag_labels[slug], count = count } end
  table.sort(tags, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.slug < b.slug
  end)
  for i = #tags, (top or 20) + 1, -1 do tags[i] = nil end
  stats.top_tags = tags
  stats.skipped = {}
  for kind, n in pairs(self.skipped) do stats.skipped[kind] = n end
  return stats
end

return archive
