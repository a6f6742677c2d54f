--- broadsheet.formats: export formats, and writing them safely.
-- A format is a table, the way a pandoc custom writer is: name, extension,
-- mime, description, and writers header(out, ctx), article(out, record,
-- ctx), footer(out, ctx) that stream. ctx.opts holds the export's options,
-- ctx.index the number of the article being written, ctx.split whether
-- each article gets a file of its own. A format that is no stream (a
-- database) has write_path(path, next_record, opts) instead, which writes
-- the file itself and returns the number of articles.
local core = require "broadsheet.core"
local lfs = require "lfs"
local output = require "broadsheet.output"
local names = require "broadsheet.formats.names"

local formats = {}

local registry = {}

local function check_format(format, where)
  if type(format) ~= "table" then error(where .. ": a format must be a table, got " .. type(format), 0) end
  if type(format.name) ~= "string" or format.name == "" then error(where .. ": a format needs a name", 0) end
  if type(format.article) ~= "function" then
    error(where .. ": format " .. format.name .. " needs an article(out, record, ctx) function", 0)
  end
  for _, key in ipairs { "header", "footer" } do
    if format[key] ~= nil and type(format[key]) ~= "function" then
      error(("%s: %s.%s must be a function"):format(where, format.name, key), 0)
    end
  end
  format.extension = format.extension or "txt"
  format.description = format.description or ""
  return format
end

function formats.register(format)
  check_format(format, "register")
  registry[format.name] = format
  return format
end

-- The modules of the built-in formats but JSON's, loaded when a name not
-- registered yet is looked up or the formats are listed: a command that
-- writes JSON Lines compiles none of them.
local BUILT_IN = { "csv", "markdown", "html", "feeds", "text", "sqlite" }
local built_in_loaded = false

-- Registers a module's formats; a format registered by its name already
-- (before the built-in ones were loaded) stays.
local function register_module(module)
  for _, format in pairs(require("broadsheet.formats." .. module)) do
    if type(format) == "table" and format.article and not registry[format.name] then formats.register(format) end
  end
end

local function load_built_in()
  if built_in_loaded then return end
  built_in_loaded = true
  for _, module in ipairs(BUILT_IN) do register_module(module) end
end

function formats.get(name)
  if not registry[name] then load_built_in() end
  local format = registry[name]
  if format then return format end
  local known = {}
  for _, f in ipairs(formats.list()) do known[#known + 1] = f.name end
  return nil, ("unknown format '%s' (known: %s)"):format(tostring(name), table.concat(known, ", "))
end

function formats.list()
  load_built_in()
  local list = {}
  for _, format in pairs(registry) do list[#list + 1] = format end
  table.sort(list, function(a, b) return a.name < b.name end)
  return list
end

--- Loads a format from a Lua file that returns its table (like a pandoc custom writer).
function formats.load(path)
  local chunk, err = loadfile(path, "t")
  if not chunk then error(err, 0) end
  local ok, format = pcall(chunk)
  if not ok then error(path .. ": " .. tostring(format), 0) end
  return check_format(format, path)
end

--- A format from a table, a registered name, or a path to a Lua file.
function formats.resolve(format)
  if type(format) == "table" then return check_format(format, "format") end
  if type(format) ~= "string" then error("format expected (a name, a table or a .lua file)", 0) end
  if format:match("%.lua$") or format:find("/", 1, true) then return formats.load(format) end
  local found, err = formats.get(format)
  if not found then error(err, 0) end
  return found
end

local function write_all(format, next_record, out, opts, split)
  local ctx = { opts = opts, index = 0, split = split }
  if format.header then format.header(out, ctx) end
  for record in next_record do
    ctx.index = ctx.index + 1
    format.article(out, record, ctx)
  end
  if format.footer then format.footer(out, ctx) end
  return ctx.index
end

--- Writes a file safely (see broadsheet.output): fn(out) writes into a
-- temporary file renamed over path when fn returns; if fn fails, the old
-- file stays as it was. A symlink's target is written so, a device or a
-- FIFO as a stream.
formats.atomic_write = output.write

--- The two halves of atomic_write, for callers that cannot wrap their work in
-- one function: a writer, and commit(ok [, err]), which puts the file in
-- place when ok, removes it when not, and raises err (or the error closing
-- or renaming met, naming path).
formats.open_atomic = output.open

-- Names Windows keeps for devices, whatever the extension ("CON.md").
local DEVICES = { CON = true, PRN = true, AUX = true, NUL = true }
for i = 1, 9 do DEVICES["COM" .. i], DEVICES["LPT" .. i] = true, true end

-- One article's file name: its id, which is hex, so no title can lead out
-- of the folder. An id from elsewhere keeps only [%w_-] and no leading "-"
-- (a name a shell command would take for an option), and falls back to a
-- hash of the text when it is not a string or that leaves nothing, a device
-- name or a name too long for a file system.
local function file_stem(record)
  local id = type(record.id) == "string" and record.id:gsub("[^%w_-]", ""):gsub("^%-+", "") or ""
  if id == "" or #id > 64 or DEVICES[id:upper()] then
    id = core.hash((record.title or "") .. "\n" .. table.concat(record.body or {}, "\n"))
  end
  return id
end

-- Articles with the same id (the same article twice in an archive) get
-- "-2", "-3", ... rather than overwriting each other or failing half-way.
local function file_name(record, format, taken)
  return names.unique(taken, file_stem(record)) .. "." .. format.extension
end

-- One file per article, staged in a folder beside dir and moved in only
-- when every article was written.
local function write_split(format, next_record, dir, opts)
  local folder = output.folder(dir, opts)
  local ok, result = pcall(function()
    local count, taken = 0, {}
    for record in next_record do
      folder:write(file_name(record, format, taken), function(out)
        write_all(format, function() local r = record; record = nil; return r end, out, opts, true)
      end)
      count = count + 1
    end
    return count
  end)
  folder:commit(ok, result)
  return result
end

--- Exports records (an iterator) in a format to a destination: an open file
-- (anything with :write), a path (written atomically), or a directory (one
-- file per article, named by id; opts.split makes one; opts.force overwrites).
-- Returns the number of articles written.
function formats.export(format, next_record, destination, opts)
  opts = opts or {}
  format = formats.resolve(format)
  -- A format that is no stream (a database) writes the file itself.
  if format.write_path then
    if type(destination) ~= "string" then error(format.name .. " export needs a path to write", 0) end
    return format.write_path(destination, next_record, opts)
  end
  if type(destination) == "string" then
    if opts.split or lfs.attributes(destination, "mode") == "directory" then
      return write_split(format, next_record, destination, opts)
    end
    return formats.atomic_write(destination, function(out)
      return write_all(format, next_record, out, opts, false)
    end)
  end
  if type(destination) ~= "userdata" and type(destination) ~= "table" then
    error("export destination expected (a file, a path or a directory)", 0)
  end
  -- An open file's write returns nil on failure (a full disk, a closed
  -- pipe); checked, the export stops there instead of going on regardless.
  if io.type(destination) == "file" then
    destination = output.checked(destination, destination == io.stdout and "standard output" or "output")
  end
  return write_all(format, next_record, destination, opts, false)
end

-- How {{variables}} are escaped, by the target's file extension.
local ESCAPES = {
  html = "xml", htm = "xml", xml = "xml", atom = "xml", rss = "xml", svg = "xml",
  json = "json", jsonl = "json",
}

local function escaper(extension)
  local kind = ESCAPES[extension]
  if kind == "xml" then return require("broadsheet.formats.escape").xml end
  if kind == "json" then
    local cjson = require "cjson"
    return function(text) return cjson.encode(text):sub(2, -2) end
  end
  return function(text) return text end
end

--- A format from Mustache templates: { article = source, header = source,
-- footer = source, name = ..., extension = ... }. Each article renders
-- with the record's fields, plus `index`, `paragraphs` and `tag_items`
-- ({ slug, label } pairs); header and footer with `title` and `count`.
-- Variables are escaped for the extension (XML for html, xml, atom, rss;
-- JSON for json; none otherwise) unless spec.escape is given.
function formats.template(spec)
  local template = require "broadsheet.template"
  local extension = spec.extension or (spec.name or ""):match("%.([%w]+)%.mustache$")
    or (spec.name or ""):match("%.(%w+)$") or "txt"
  if extension == "mustache" then extension = "txt" end
  local opts = { escape = spec.escape or escaper(extension), partials = spec.partials }
  local article = template.compile(spec.article, opts)
  local header = spec.header and template.compile(spec.header, opts)
  local footer = spec.footer and template.compile(spec.footer, opts)
  local function page_view(ctx) return { title = ctx.opts.title, count = ctx.index } end
  return check_format({
    name = spec.name or "template",
    extension = extension,
    description = "a Mustache template",
    header = header and function(out, ctx) out:write(header:render(page_view(ctx))) end,
    footer = footer and function(out, ctx) out:write(footer:render(page_view(ctx))) end,
    article = function(out, record, ctx)
      local items = {}
      for i, slug in ipairs(record.tags or {}) do items[i] = { slug = slug, label = (record.tag_labels or {})[i] } end
      local view = setmetatable({ index = ctx.index, paragraphs = record.body, tag_items = items },
        { __index = record })
      out:write(article:render(view))
    end,
  }, spec.name or "template")
end

register_module("json")

return formats
