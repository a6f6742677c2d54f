--- json and jsonl: records as JSON, keys in the order of the record format
-- (SPEC section 2) so that output is the same on every run.
local cjson = require "cjson"
local escape = require "broadsheet.formats.escape"

local json = {}

json.KEYS = { "site", "title", "date", "date_text", "byline", "caption", "url", "lang", "description", "body",
              "tags", "tag_labels", "footer", "boilerplate", "source", "id", "words", "warnings" }
local KNOWN = {}
for _, key in ipairs(json.KEYS) do KNOWN[key] = true end

local encoder = cjson.new()
encoder.encode_invalid_numbers(false)

-- The keys of a record in a stable order: the known ones first, then the rest sorted.
local function ordered_keys(record)
  local keys = {}
  for _, key in ipairs(json.KEYS) do
    if record[key] ~= nil then keys[#keys + 1] = key end
  end
  local extra = {}
  for key in pairs(record) do
    if type(key) == "string" and not KNOWN[key] then extra[#extra + 1] = key end
  end
  table.sort(extra)
  for _, key in ipairs(extra) do keys[#keys + 1] = key end
  return keys
end

local find, sub, concat = string.find, string.sub, table.concat

-- JSON needs no escape for "/"; cjson writes "\/", which reads the same but
-- is noise in paths and URLs. A "\/" is always that escape: cjson writes a
-- backslash itself as "\\", so scanning from the left never takes the second
-- half of one for the start of another. (Plain finds, at memchr's speed:
-- gsub's pattern matcher over every byte of a body would cost more than
-- the encoding.)
local function encode(value)
  local text = encoder.encode(value)
  local at = find(text, "\\/", 1, true)
  if not at then return text end
  local parts, n, pos = {}, 0, 1
  while at do
    n = n + 1
    parts[n] = sub(text, pos, at - 1)
    pos = at + 1
    at = find(text, "\\/", pos, true)
  end
  parts[n + 1] = sub(text, pos)
  return concat(parts)
end

local quoted_keys = setmetatable({}, {
  __index = function(t, key)
    t[key] = encoder.encode(key) .. ":"
    return t[key]
  end,
})

-- One line: the pieces go into one list and are joined once, since
-- concatenating a key to a long body first would copy the body twice more.
local function compact(record)
  local parts, n = { "{" }, 1
  for i, key in ipairs(ordered_keys(record)) do
    if i > 1 then
      n = n + 1
      parts[n] = ","
    end
    parts[n + 1], parts[n + 2] = quoted_keys[key], encode(record[key])
    n = n + 2
  end
  parts[n + 1] = "}"
  return concat(parts)
end

local function pretty(record, indent)
  local parts = {}
  for _, key in ipairs(ordered_keys(record)) do
    local value = record[key]
    if type(value) == "table" and #value > 0 then
      local items = {}
      for i, item in ipairs(value) do items[i] = indent .. "    " .. encode(item) end
      parts[#parts + 1] = ("%s  %s [\n%s\n%s  ]"):format(indent, quoted_keys[key], concat(items, ",\n"), indent)
    else
      parts[#parts + 1] = ("%s  %s %s"):format(indent, quoted_keys[key], encode(value))
    end
  end
  return "{\n" .. concat(parts, ",\n") .. "\n" .. indent .. "}"
end

--- One record as a JSON object on one line; with indent, spread over lines.
function json.encode_record(record, indent)
  local text = indent and pretty(record, indent) or compact(record)
  -- JSON is UTF-8, and cjson copies other bytes as they are: a record built
  -- by hand may hold some, which become U+FFFD (JSON's own characters are ASCII,
  -- so repairing the whole text cannot break its structure). One check per
  -- record: parsed records are always UTF-8.
  return escape.repair_utf8(text)
end

json.jsonl = {
  name = "jsonl",
  extension = "jsonl",
  mime = "application/x-ndjson",
  description = "JSON Lines: one record per line, as `broadsheet parse` prints and `broadsheet.open` reads",
  article = function(out, record) out:write(json.encode_record(record), "\n") end,
}

json.json = {
  name = "json",
  extension = "json",
  mime = "application/json",
  description = "one JSON array of records (--pretty to indent)",
  header = function(out) out:write("[") end,
  article = function(out, record, ctx)
    local indent = ctx.opts.pretty and "  " or nil
    out:write(ctx.index > 1 and "," or "", indent and "\n" .. indent or "", json.encode_record(record, indent))
  end,
  footer = function(out, ctx) out:write(ctx.opts.pretty and ctx.index > 0 and "\n]\n" or "]\n") end,
}

return json
