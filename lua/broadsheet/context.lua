--- broadsheet.context: what an archive decides once and every stage obeys.
-- A context holds the tagger (aliases, vocabulary, and the vocabulary a
-- profile learned), the limits (broadsheet.limits overridden per archive)
-- and the profile (masthead and footers); parsing, reading, filtering and
-- compiling queries all take theirs from it, so that an option given to
-- broadsheet.open reaches every one of them.
local core = require "broadsheet.core"
local limits = require "broadsheet.limits"
local tags = require "broadsheet.tags"

local context = {}

local Context = {}
Context.__index = Context

-- The limits of broadsheet.limits, with those of opts.limits in their place.
-- A table whose missing keys read through to the global one, so that a
-- change made there after opening still counts where no override is given.
local function resolve_limits(overrides)
  if overrides == nil then return limits end
  if type(overrides) ~= "table" then error("limits must be a table, got " .. type(overrides), 0) end
  for key, value in pairs(overrides) do
    if limits[key] == nil then error("limits: unknown limit '" .. tostring(key) .. "'", 0) end
    if math.type(value) ~= "integer" or value < 0 then
      error("limits: " .. key .. " must be a whole number of at least 0, got " .. tostring(value), 0)
    end
  end
  return setmetatable(overrides, { __index = limits })
end

-- The tagger: opts.tagger as given, or one made of opts.aliases,
-- opts.vocabulary and opts.spellings. A profile's learned vocabulary
-- (profile.vocabulary) is added to it, given or made, unless it knows a
-- vocabulary already: an explicit one wins over a learned one.
local function resolve_tagger(opts, profile)
  local tagger = opts.tagger
  if not tagger then
    tagger = tags.new {
      aliases = opts.aliases,
      vocabulary = opts.vocabulary,
      spellings = opts.spellings or false,
    }
  end
  if type(profile) == "table" and profile.vocabulary then tagger = tags.learned(tagger, profile.vocabulary) end
  return tagger
end

--- A context from the options broadsheet.open takes: tagger (or aliases,
-- vocabulary, spellings), limits, profile (a table; learning one is the
-- archive's job, which then calls context.new again with it).
function context.new(opts)
  opts = opts or {}
  local profile = type(opts.profile) == "table" and opts.profile or nil
  return setmetatable({
    limits = resolve_limits(opts.limits),
    profile = profile,
    tagger = resolve_tagger(opts, profile),
  }, Context)
end

local default_context

--- The context of broadsheet.parse when given no tagger: the default
-- aliases, broadsheet.limits, no profile. Its tagger keeps no count of
-- spellings, so that a program that parses for as long as it runs does not
-- grow with every new tag label.
function context.default()
  default_context = default_context or context.new()
  return default_context
end

-- The per-call options of parse (site, footers, source), when given, are a table.
local function check_opts(opts, name)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to '" .. name .. "' (table expected, got " .. type(opts) .. ")", 3)
  end
end

-- Bounds the labels by limits.tags (a warning says how many were dropped)
-- and sets the record's tags and labels through the context's tagger.
function Context:set_tags(record, labels)
  local most = self.limits.tags
  if #labels > most then
    record.warnings = record.warnings or {}
    table.insert(record.warnings, ("tags after the first %d dropped (%d in all)"):format(most, #labels))
    for i = #labels, most + 1, -1 do labels[i] = nil end
  end
  record.tags, record.tag_labels = self.tagger:normalize(labels)
end

--- Parses one web page (see broadsheet.html) with the context's tagger and
-- limits. opts: url (the page's address, when it names none), charset (from
-- HTTP headers), source.
function Context:parse_html(page, opts)
  if type(page) ~= "string" then
    error("bad argument #1 to 'parse_html' (string expected, got " .. type(page) .. ")", 2)
  end
  check_opts(opts, "parse_html")
  -- loaded with the first page: an archive of text needs no HTML reader
  local record = require("broadsheet.html").parse(page, opts)
  if record.tag_labels then self:set_tags(record, record.tag_labels) end
  return record
end

--- Parses the text of one article with the context's tagger, limits and
-- profile; a web page (told by its content) goes to parse_html. opts.site
-- and opts.footers, when given, replace the profile's; a space-joined tag
-- line is split by the tagger unless opts.segment is false (the words as
-- printed are then the labels); opts.source is stored as the record's `source`.
-- unprofiled, when given, is what core.parse made of text with no profile
-- (as learning the profile read it): it stands where core.profile_matters
-- says the profile cannot change it, and the text is not parsed again.
function Context:parse(text, opts, unprofiled)
  if type(text) ~= "string" then
    error("bad argument #1 to 'parse' (string expected, got " .. type(text) .. ")", 2)
  end
  check_opts(opts, "parse")
  if core.is_html(text) then return self:parse_html(text, opts) end
  local profile = self.profile
  local core_opts = {
    site = opts and opts.site or profile and profile.site,
    footers = opts and opts.footers or profile and profile.footers,
  }
  local record, tag_line, listed
  if unprofiled and not core.profile_matters(text, core_opts, unprofiled[1].site ~= nil) then
    record, tag_line, listed = unprofiled[1], unprofiled[2], unprofiled[3]
  else
    record, tag_line, listed = core.parse(text, core_opts)
  end
  if tag_line then
    local labels = record.tag_labels
    if not listed and not (opts and opts.segment == false) then labels = self.tagger:segment(tag_line) end
    self:set_tags(record, labels)
  end
  record.source = opts and opts.source
  return record
end

return context
