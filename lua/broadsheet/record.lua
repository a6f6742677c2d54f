--- broadsheet.record: the record format, and the check of records read from
-- JSON Lines against it. Every stage after the readers (filters, queries,
-- formats) relies on these types, so a record from elsewhere is made to fit
-- on the way in: a field of the wrong type is converted when that keeps its
-- meaning (a number where a string belongs) and dropped otherwise, each
-- change reported, and the stream goes on.
local cjson = require "cjson"

local record = {}

--- The type of each key the record format defines (README, "The record"):
-- "string", "strings" (an array of strings) or "count" (an integer >= 0).
record.TYPES = {
  site = "string", title = "string", date = "string", date_text = "string", byline = "string",
  caption = "string", body = "strings", tags = "strings", tag_labels = "strings", footer = "string",
  boilerplate = "strings",
  source = "string", id = "string", words = "count", warnings = "strings",
  url = "string", lang = "string", description = "string", fetched = "string",
}

-- The keys in a fixed order, so that the warnings come in the same order on every run.
local KEYS = {}
for key in pairs(record.TYPES) do KEYS[#KEYS + 1] = key end
table.sort(KEYS)

--- What a JSON value is, in words: "null", "an array", "a number", ...
function record.describe(value)
  if value == cjson.null then return "null" end
  if type(value) == "table" then return next(value) ~= nil and #value == 0 and "an object" or "an array" end
  if type(value) == "number" or type(value) == "string" then return "a " .. type(value) end
  return "a " .. type(value) .. " value"
end

-- A number or a boolean as the text it stands for (85.0 as "85"); nil for anything else.
local function as_text(value)
  if type(value) == "number" then return tostring(math.tointeger(value) or value) end
  if type(value) == "boolean" then return tostring(value) end
end

local fix = {}

function fix.string(value)
  local text = as_text(value)
  if text then return text, "converted to a string" end
  return nil, "dropped (a string expected)"
end

function fix.count(value)
  local n = math.tointeger(type(value) == "string" and tonumber(value) or value)
  if n and n >= 0 then return n, "converted to a whole number" end
  return nil, "dropped (a whole number of at least 0 expected)"
end

function fix.strings(value)
  if type(value) == "string" then return { value }, "taken as a list of one string" end
  if type(value) ~= "table" or (next(value) ~= nil and #value == 0) then
    return nil, "dropped (an array of strings expected)"
  end
  local list, changed = {}, false
  for i = 1, #value do
    local item = value[i]
    if type(item) ~= "string" then item, changed = as_text(item), true end
    list[#list + 1] = item
  end
  return list, changed and "items that were not strings converted or dropped" or nil
end

local function fits(kind, value)
  if kind == "string" then return type(value) == "string" end
  if kind == "count" then return type(value) == "number" and math.tointeger(value) ~= nil and value >= 0 end
  if type(value) ~= "table" or (next(value) ~= nil and #value == 0) then return false end
  for i = 1, #value do
    if type(value[i]) ~= "string" then return false end
  end
  return true
end

--- Makes a decoded JSON object fit the record format, in place: each field of
-- the wrong type is converted or dropped and reported as warn(where,
-- "KEY: what it was, what became of it"). A record without a source gets
-- where (PATH:LINE). Keys the format does not define pass as they are.
function record.check(value, where, warn)
  for _, key in ipairs(KEYS) do
    local kind, field = record.TYPES[key], value[key]
    if field ~= nil and not fits(kind, field) then
      local fixed, what = fix[kind](field)
      value[key] = fixed
      if what then warn(where, ("%s: %s, %s"):format(key, record.describe(field), what)) end
    end
  end
  value.source = value.source or where
  return value
end

return record
