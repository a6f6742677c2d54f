--- make demo: parses the small archive that ships in examples/archive and
-- the web pages in examples/web (or the directories given), prints a one-line summary per article, then one
-- full record of a text article and one of a web page, in the order of the
-- record format.
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/?.so;" .. package.cpath

local broadsheet = require "broadsheet"
local walk = require "broadsheet.walk"

local KEYS = require("broadsheet.formats.json").KEYS

local function clip(text, width)
  if utf8.len(text) and utf8.len(text) > width then
    return text:sub(1, utf8.offset(text, width - 1) - 1) .. "…"
  end
  return text
end

local function show_record(record)
  for _, key in ipairs(KEYS) do
    local value = record[key]
    if type(value) == "table" then
      print(("  %-11s"):format(key))
      for i, item in ipairs(value) do print(("    [%d] %s"):format(i, clip(item, 100))) end
    elseif value ~= nil then
      print(("  %-11s %s"):format(key, tostring(value)))
    end
  end
end

local records = {}
local dirs = #arg > 0 and arg or { "examples/archive" }
walk.each(dirs, function(path)
  records[#records + 1] = assert(broadsheet.parse_file(path))
end)

print(("broadsheet %s: %d articles in %s\n"):format(broadsheet.version, #records, table.concat(dirs, ", ")))
print(("%-25s  %-44s  %5s  %s"):format("date", "title", "words", "tags"))
local words, warned = 0, 0
for _, r in ipairs(records) do
  print(("%-25s  %-44s  %5d  %s"):format(r.date or "-", clip(r.title or "(no title)", 44), r.words,
                                          table.concat(r.tags or {}, " ")))
  words = words + r.words
  if r.warnings then warned = warned + 1 end
end
print(("\n%d words in all; %d articles with warnings\n"):format(words, warned))
-- One full record of a text article, and one of a web page when there is one.
local shown = {}
for _, record in ipairs(records) do
  local kind = record.source:match("%.x?html?$") and "web page" or "text"
  if not shown[kind] then
    shown[kind] = true
    print(("One full record, of a %s (%s):"):format(kind, record.source))
    show_record(record)
    print()
  end
end
