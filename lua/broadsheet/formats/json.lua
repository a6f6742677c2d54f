--- json and jsonl: records as JSON, keys in the order of the record format
-- (SPEC section 2) so that output is the same on every run.
local cjson = require "cjson"

local json = {}

json.KEYS = { "site", "title", "date", "date_text", "byline", "caption", "body", "tags", "tag_labels",
              "footer", "source", "id", "words", "warnings" }
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

-- JSON needs no escape for "/"; cjson writes "\/", which reads the same but
-- is noise in paths and URLs. A "\/" is always that escape: cjson writes a
-- backslash itself as "\\", so scanning from the left never takes the second
-- half of one for the start of another. (Pattern matching over every value
-- would cost more than the encoding: plain find first.)
local function encode(value)
  local text = encoder.encode(value)
  if text:find("\\/", 1, true) then text = text:gsub("\\/", "/") end
  return text
end

local quoted_keys = setmetatable({}, {
  __index = function(t, key)
    t[key] = encoder.encode(key) .. ":"
    return t[key]
  end,
})

--- One record as a JSON object on one line; with indent, spread over lines.
function json.encode_record(record, indent)
  local parts = {}
  for _, key in ipairs(ordered_keys(record)) do
    local value = record[key]
    if indent and type(value) == "table" and #value > 0 then
      local items = {}
      for i, item in ipairs(value) do items[i] = indent .. "    " .. encode(item) end
      parts[#parts + 1] = ("%s  %s [\n%s\n%s  ]"):format(indent, quoted_keys[key], table.concat(items, ",\n"), indent)
    elseif indent then
      parts[#parts + 1] = ("%s  %s %s"):format(indent, quoted_keys[key], encode(value))
    else
      parts[#parts + 1] = quoted_keys[key] .. encode(value)
    end
  end
  if indent then return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}" end
  return "{" .. table.concat(parts, ",") .. "}"
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
