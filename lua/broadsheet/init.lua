--- broadsheet: parse archived news articles into records.
-- The parsing itself happens in the C core (broadsheet.core); this module is
-- the surface users `require`, and requires every layer below it (nothing
-- below requires it).
local core = require "broadsheet.core"
local archive = require "broadsheet.archive"
local context = require "broadsheet.context"
local formats = require "broadsheet.formats"
local learn = require "broadsheet.learn"
local limits = require "broadsheet.limits"
local tags = require "broadsheet.tags"

local broadsheet = {
  version = core.version,
  core = core,
  tags = tags,
  learn = learn,
  formats = formats,
  limits = limits,
}

-- The query language and the filters it compiles to are loaded when first
-- used (broadsheet.filter, broadsheet.query, broadsheet.compile): building
-- their grammars is a quarter of the start-up of a command that never
-- filters.
setmetatable(broadsheet, { __index = function(_, key)
  if key == "filter" then return require "broadsheet.filter" end
end })

--- The tagger parse uses when given none (see broadsheet.context.default).
function broadsheet.default_tagger()
  return context.default().tagger
end

-- The context of a parse given opts: the default one, or one of opts.tagger.
local function context_of(opts)
  if type(opts) == "table" and opts.tagger then return context.new { tagger = opts.tagger } end
  return context.default()
end

--- Parses the text of one archived article.
-- opts.site: the archive's masthead line; opts.footers: boilerplate lines;
-- opts.tagger: a broadsheet.tags tagger (default aliases otherwise), which
-- splits a space-joined tag line unless opts.segment is false (the words as
-- printed are then the labels); opts.source: stored as the record's `source`.
function broadsheet.parse(text, opts)
  return context_of(opts):parse(text, opts)
end

--- Parses one web page (see broadsheet.html): opts.url (the page's address,
-- when it names none), opts.charset (from HTTP headers), opts.tagger, opts.source.
function broadsheet.parse_html(page, opts)
  return context_of(opts):parse_html(page, opts)
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
broadsheet.open = archive.open

--- An archive over the records an iterator factory yields (see broadsheet.archive.from).
broadsheet.archive_from = archive.from

--- Compiles a query string to a filter (see broadsheet.query).
function broadsheet.query(text)
  return require("broadsheet.query").compile(text)
end

--- The test function of a filter, a function or a query string, built
-- against the default context: query strings inside filters compile too.
function broadsheet.compile(f)
  return require("broadsheet.filter").compile(f, require("broadsheet.query").env(context.default()))
end

return broadsheet
