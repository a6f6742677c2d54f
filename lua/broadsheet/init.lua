--- broadsheet: parse archived news articles into records.
-- The parsing itself happens in the C core (broadsheet.core); this module is
-- the surface users `require`.
local core = require "broadsheet.core"
local tags = require "broadsheet.tags"
local limits = require "broadsheet.limits"
local filter = require "broadsheet.filter"
local query = require "broadsheet.query"

local broadsheet = {
  version = core.version,
  core = core,
  tags = tags,
  filter = filter,
  limits = limits,
}

local default_tagger

--- The tagger parse uses when none is given: the default aliases. It keeps
-- no count of spellings, so that a program that parses for as long as it
-- runs does not grow with every new tag label.
function broadsheet.default_tagger()
  default_tagger = default_tagger or tags.new { spellings = false }
  return default_tagger
end

--- Parses the text of one archived article.
-- opts.site: the archive's masthead line; opts.footers: boilerplate lines;
-- opts.tagger: a broadsheet.tags tagger (default aliases otherwise);
-- opts.source: stored as the record's `source`.
function broadsheet.parse(text, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'parse' (string expected, got " .. type(text) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'parse' (table expected, got " .. type(opts) .. ")", 2)
  end
  local record, tag_line, listed = core.parse(text, opts)
  if tag_line then
    local tagger = opts and opts.tagger or broadsheet.default_tagger()
    local labels = record.tag_labels
    if not listed and tagger:has_vocabulary() then labels = tagger:segment(tag_line) end
    if #labels > limits.tags then
      record.warnings = record.warnings or {}
      table.insert(record.warnings, ("tags after the first %d dropped (%d in all)"):format(limits.tags, #labels))
      for i = #labels, limits.tags + 1, -1 do labels[i] = nil end
    end
    record.tags, record.tag_labels = tagger:normalize(labels)
  end
  record.source = opts and opts.source
  return record
end

--- Reads a whole file; nil and "PATH: reason" when it cannot be read.
function broadsheet.read_file(path)
  local file, err = io.open(path, "rb")
  if not file then return nil, err end
  local text, read_err = file:read("a")
  file:close()
  if not text then return nil, path .. ": " .. tostring(read_err) end
  return text
end

--- Parses one article file; its path becomes the record's `source`.
-- Returns nil and a message when the file cannot be read.
function broadsheet.parse_file(path, opts)
  local text, err = broadsheet.read_file(path)
  if not text then return nil, err end
  local options = setmetatable({ source = path }, { __index = opts })
  return broadsheet.parse(text, options)
end

--- Opens an archive (see broadsheet.archive): files, directories, "-", JSON Lines.
function broadsheet.open(paths, opts)
  return require("broadsheet.archive").open(paths, opts)
end

--- An archive over the records an iterator factory yields (see broadsheet.archive.of).
function broadsheet.archive_of(pull, opts)
  return require("broadsheet.archive").of(pull, opts)
end

--- Compiles a query string to a filter (see broadsheet.query).
function broadsheet.query(text)
  return query.compile(text)
end


return broadsheet
