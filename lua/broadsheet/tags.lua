--- broadsheet.tags: canonical tags.
-- The C core folds and slugs one label at a time (core.tag_key, core.slug);
-- this module holds the policy: aliases, a vocabulary of known tags, display
-- labels and the segmentation of space-joined tag lines. Learning a
-- vocabulary from an archive is broadsheet.learn's, which builds on this.
local core = require "broadsheet.core"
local cjson = require "cjson"
local segment = require "broadsheet.segment"

local tags = {}

--- Aliases that ship: canonical slug -> the slugs that mean the same tag.
tags.default_aliases = {
  us = { "usa", "u-s", "u-s-a", "united-states", "united-states-of-america" },
  uk = { "united-kingdom", "britain", "great-britain", "u-k" },
  eu = { "european-union" },
  un = { "united-nations" },
  uae = { "united-arab-emirates" },
  ["south-korea"] = { "republic-of-korea" },
  ["north-korea"] = { "dprk" },
  ["new-zealand"] = { "nz" },
}

-- Caches of label -> slug are dropped when they reach this size, so that
-- memory stays flat over an archive of any size.
local CACHE_LIMIT = 65536

--- Loads a table from a Lua file (which returns it) or a JSON file; errors
-- read "PATH: reason".
function tags.load(path)
  local file, err = io.open(path, "rb")
  if not file then error(path .. ": " .. err:gsub("^.-: ", ""), 0) end
  local text = file:read("a")
  file:close()
  if path:match("%.json$") then
    local ok, value = pcall(cjson.decode, text)
    if not ok then error(path .. ": " .. tostring(value), 0) end
    return value
  end
  local chunk, load_err = load(text, "=" .. path, "t", {})
  if not chunk then error(load_err, 0) end
  local ok, value = pcall(chunk)
  if not ok or type(value) ~= "table" then
    error(path .. ": " .. (ok and "does not return a table" or tostring(value)), 0)
  end
  return value
end

local function load_if_path(value)
  if type(value) == "string" then return tags.load(value) end
  return value
end

--- Pairs in a stable order, so that loading and learning do the same every run.
function tags.sorted_pairs(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local i = 0
  return function()
    i = i + 1
    return keys[i], t[keys[i]]
  end
end

local sorted_pairs = tags.sorted_pairs

-- Turns { canonical = { alias, ... } } and { alias = "canonical" } forms into
-- a map of slugs: alias -> canonical.
local function alias_slugs(spec, into)
  for key, value in sorted_pairs(spec) do
    if type(value) == "table" then
      local canonical = core.slug(key)
      for _, alias in ipairs(value) do into[core.slug(alias)] = canonical end
    elseif type(value) == "string" then
      into[core.slug(key)] = core.slug(value)
    else
      error("aliases: " .. tostring(key) .. " must map to a string or a list of strings", 0)
    end
  end
  return into
end

-- Aliases are one level deep: an alias whose target is itself an alias is a
-- chain (or a loop), an error at load time rather than a surprise later.
local function check_aliases(map)
  for alias, canonical in sorted_pairs(map) do
    local next_one = map[canonical]
    if next_one == alias then
      error(("aliases: %s -> %s -> %s is a loop"):format(alias, canonical, alias), 0)
    elseif next_one then
      error(("aliases: %s -> %s -> %s: aliases are one level, point %s at %s directly")
        :format(alias, canonical, next_one, alias, next_one), 0)
    end
  end
end

local function build_aliases(opts)
  local user = opts.aliases and alias_slugs(load_if_path(opts.aliases), {}) or {}
  local map = {}
  if opts.default_aliases ~= false then
    -- A user's aliases replace the defaults that mention the same tags.
    local mentioned = {}
    for alias, canonical in pairs(user) do mentioned[alias], mentioned[canonical] = true, true end
    for alias, canonical in pairs(alias_slugs(tags.default_aliases, {})) do
      if not mentioned[alias] and not mentioned[canonical] then map[alias] = canonical end
    end
  end
  for alias, canonical in pairs(user) do
    if alias ~= canonical then map[alias] = canonical end
  end
  check_aliases(map)
  return map
end

local Tagger = {}
Tagger.__index = Tagger

--- A tagger: tags.new { aliases = table or path, vocabulary = table or path,
-- default_aliases = false to start from no aliases, spellings = false to
-- keep no count of the spellings normalize sees }. Without those counts
-- label() knows only the vocabulary's spellings, but the tagger's memory no
-- longer grows with every new label of a long stream.
function tags.new(opts)
  opts = opts or {}
  local self = setmetatable({
    count_spellings = opts.spellings ~= false,
    aliases = build_aliases(opts),
    known = {},        -- slug -> count, the vocabulary's tags
    longest = 1,       -- words in the longest known tag
    total = 0,
    spellings = {},    -- slug -> { label -> count }
    first_seen = {},   -- label -> order of first sighting, for stable ties
    seen_count = 0,
    cache = {}, cache_size = 0,
    opens = {},        -- segment.opening of the known tags and aliases
    sorted = nil,      -- are tag lines sorted by name? nil: unknown
  }, Tagger)
  self.known_count = function(label) return self.known[self:canonical(label)] end
  for alias in pairs(self.aliases) do self:index_opening(alias) end
  if opts.vocabulary then self:add_vocabulary(load_if_path(opts.vocabulary)) end
  return self
end

--- The tagger for an archive whose profile learned a vocabulary: tagger
-- itself, given that vocabulary unless it knows one already (an explicit
-- vocabulary wins over a learned one), or a new tagger with it. A learned
-- vocabulary holds the words of tag lines as keys, not as printed, so its
-- labels do not count as spellings: display labels stay the articles' own.
function tags.learned(tagger, vocabulary)
  tagger = tagger or tags.new { spellings = false }
  if not tagger:has_vocabulary() then tagger:add_vocabulary(vocabulary, false) end
  return tagger
end

-- Where a line's words may start a known tag of several words.
function Tagger:index_opening(slug)
  local head = segment.opening(slug)
  if head then self.opens[head] = true end
end

--- The slug of a label after aliases.
function Tagger:canonical(label)
  local slug = self.cache[label]
  if slug then return slug end
  slug = core.slug(label)
  slug = self.aliases[slug] or slug
  if self.cache_size >= CACHE_LIMIT then self.cache, self.cache_size = {}, 0 end
  self.cache[label] = slug
  self.cache_size = self.cache_size + 1
  return slug
end

--- Records that label was seen (count times) for slug: display labels are the most frequent spelling.
function Tagger:observe(slug, label, count)
  local spellings = self.spellings[slug]
  if not spellings then
    spellings = {}
    self.spellings[slug] = spellings
  end
  spellings[label] = (spellings[label] or 0) + (count or 1)
  if not self.first_seen[label] then
    self.seen_count = self.seen_count + 1
    self.first_seen[label] = self.seen_count
  end
end

--- Adds known tags: { label = count, ... }, { tags = that, sorted = true
-- when the archive's tag lines are sorted by name }, or a list of labels.
-- spellings = false: the labels do not count as spellings seen for label().
function Tagger:add_vocabulary(vocabulary, spellings)
  if type(vocabulary) ~= "table" then error("vocabulary must be a table", 2) end
  local entries = vocabulary.tags or vocabulary
  if type(vocabulary.sorted) == "boolean" then self.sorted = vocabulary.sorted end
  local function add(label, count)
    if type(label) ~= "string" or type(count) ~= "number" then
      error("vocabulary: expected label = count, got " .. tostring(label) .. " = " .. tostring(count), 0)
    end
    local slug = self:canonical(label)
    self.known[slug] = (self.known[slug] or 0) + count
    self:index_opening(core.slug(label))
    self:index_opening(slug)
    self.total = self.total + count
    local _, spaces = label:gsub("%s+", "")
    if spaces + 1 > self.longest then self.longest = spaces + 1 end
    if spellings ~= false then self:observe(slug, label, count) end
  end
  for _, label in ipairs(entries) do add(label, 1) end
  for label, count in sorted_pairs(entries) do
    if math.type(label) ~= "integer" then add(label, count) end
  end
end

--- Slugs of labels after aliases, de-duplicated, in source order; also
-- returns the labels kept (the first spelling of each tag).
function Tagger:normalize(labels)
  local slugs, kept, seen = {}, {}, {}
  for _, label in ipairs(labels) do
    local slug = self:canonical(label)
    if not seen[slug] then
      seen[slug] = true
      slugs[#slugs + 1] = slug
      kept[#kept + 1] = label
    end
    if self.count_spellings then self:observe(slug, label) end
  end
  return slugs, kept
end

--- The display label of a slug: its most frequent spelling seen (the
-- earliest seen among equals), or the slug itself when none was.
function Tagger:label(slug)
  local best, best_count, best_order
  for label, count in pairs(self.spellings[slug] or {}) do
    local order = self.first_seen[label]
    if not best or count > best_count or (count == best_count and order < best_order) then
      best, best_count, best_order = label, count, order
    end
  end
  return best or slug
end

function Tagger:has_vocabulary()
  return self.total > 0
end

--- Splits a space-joined tag line into tags (see broadsheet.segment): the
-- best reading by the vocabulary, stop words and, where the line is sorted
-- by name, the order of its tags.
function Tagger:segment(line)
  return segment.split(line, self)
end

return tags
