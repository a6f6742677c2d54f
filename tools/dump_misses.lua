#!/usr/bin/env lua5.4
-- tools/dump_misses.lua: what the page rules find in the dumps spec/dump_spec.lua
-- scores (Readability's test pages rendered by w3m, lynx and html2text), page
-- by page, to work from the misses by kind. For each converter it prints the
-- score and the ceiling of each field (the pages whose expected value the dump
-- prints at all: a converter does not print <title>), then, for each miss that
-- the dump could have given, the expected value, what was found, and the line
-- numbers where the expected value sits.
--
--   lua5.4 tools/dump_misses.lua [converter] [field]   (from the checkout; field: title, byline or date)
--
-- Renderings are cached under build/dumps/CONVERTER/.
package.path = "lua/?.lua;lua/?/init.lua;./?.lua;" .. package.path
package.cpath = "build/?.so;" .. package.cpath
local broadsheet = require "broadsheet"
local core = require "broadsheet.core"
local score = require "spec.dump_score"

local CONVERTERS = {
  w3m = "w3m -dump -T text/html -I UTF-8 -O UTF-8 -cols 80 %s",
  lynx = "lynx -dump -nolist -assume_charset=utf-8 -display_charset=utf-8 -width=80 %s",
  html2text = "html2text -utf8 %s",
}
local ORDER = { "w3m", "lynx", "html2text" }
local DATE_WORDS = 8 -- the longest printed date looked for, in words

local function quoted(path)
  return "'" .. path:gsub("'", "'\\''") .. "'"
end

local function render(name, page)
  local dir = "build/dumps/" .. name
  os.execute("mkdir -p " .. quoted(dir))
  local path = dir .. "/" .. page.name .. ".txt"
  local file = io.open(path, "rb")
  if not file then
    os.execute(CONVERTERS[name]:format(quoted(page.source)) .. " > " .. quoted(path) .. " 2>/dev/null")
    file = assert(io.open(path, "rb"))
  end
  local text = file:read("a")
  file:close()
  return text
end

local function lines_of(text)
  local lines = {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  return lines
end

-- The lines that hold the expected value, by the scorer's own match.
local function where(lines, matches)
  local found = {}
  for i, line in ipairs(lines) do
    if line:find("%S") and matches(line) then found[#found + 1] = i end
  end
  return found
end

local function dated(line, want)
  local words = {}
  for word in line:gmatch("%S+") do words[#words + 1] = word end
  for i = 1, #words do
    for j = i, math.min(#words, i + DATE_WORDS - 1) do
      local iso = core.parse_date(table.concat(words, " ", i, j))
      if iso and iso:sub(1, 10) == want:sub(1, 10) then return true end
    end
  end
  return false
end

local FIELDS = {
  title = { meta = "title", got = function(record, meta) return score.same_words(record.title, meta.title) end,
            line = function(line, meta) return score.same_words(line, meta.title) end },
  byline = { meta = "byline", got = function(record, meta) return score.same_byline(record.byline, meta.byline) end,
             line = function(line, meta) return score.same_byline(line, meta.byline) end },
  date = { meta = "publishedTime",
           got = function(record, meta)
             return record.date ~= nil and record.date:sub(1, 10) == meta.publishedTime:sub(1, 10)
           end,
           line = function(line, meta) return dated(line, meta.publishedTime) end },
}

local only_converter, only_field = arg[1], arg[2]
local pages = score.pages("../shared/suites/readability")
for _, name in ipairs(ORDER) do
  if not only_converter or only_converter == name then
    local totals = {}
    for key in pairs(FIELDS) do totals[key] = { count = 0, right = 0, there = 0 } end
    local report, records = {}, {}
    for i, page in ipairs(pages) do
      local text = render(name, page)
      local record = broadsheet.parse(text)
      records[i] = record
      local lines = lines_of(text)
      for key, field in pairs(FIELDS) do
        local want = page.meta[field.meta]
        if type(want) == "string" and want:find("%S") then
          local total = totals[key]
          total.count = total.count + 1
          local at = where(lines, function(line) return field.line(line, page.meta) end)
          if #at > 0 then total.there = total.there + 1 end
          if field.got(record, page.meta) then
            total.right = total.right + 1
          elseif #at > 0 and (not only_field or only_field == key) then
            report[#report + 1] = ("%s %s %s\n  want %q\n  got  %q\n  at lines %s"):format(name, key, page.name,
              want, tostring(record[key]), table.concat(at, ","))
          end
        end
      end
    end
    for _, key in ipairs { "title", "byline", "date" } do
      local total = totals[key]
      print(("%s %s: %d/%d right (%.2f), in the dump %d (ceiling %.2f)"):format(name, key, total.right, total.count,
        total.right / total.count, total.there, total.there / total.count))
    end
    print(("%s body F1: %.3f"):format(name, score.records(pages, records).body))
    for _, line in ipairs(report) do print(line) end
  end
end
