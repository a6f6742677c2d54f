--- make demo: parses the small archive that ships in examples/archive and
-- the web pages in examples/web (or the directories given), prints a one-line summary per article, then one
-- full record of a text article and one of a web page, in the order of the
-- record format.
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/?.so;" .. package.cpath

local broadsheet = require "broadsheet"
local walk = require "broadsheet.walk"

local KEYS = require("broadsheet.formats.json").KEYS
local crawl = dofile("tools/crawl.lua")

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

-- A web archive the demo makes itself: wget crawls the folder's web pages
-- (every file when it has none) from a server on 127.0.0.1 into a WARC,
-- which then opens like any archive.
local function show_web_archive(dir)
  if not os.execute("command -v wget > /dev/null && command -v python3 > /dev/null") then
    print("\n(no web archive demo: wget or python3 is not installed)")
    return
  end
  local pages, files = {}, {}
  walk.each({ dir }, function(path) pages[#pages + 1] = path end, "*.html,*.htm,*.xhtml")
  walk.each({ dir }, function(path) files[#files + 1] = path end, "*")
  if #pages == 0 then pages = files end
  local work = os.tmpname()
  os.remove(work)
  assert(os.execute("mkdir -p '" .. work .. "'"))
  local server = crawl.serve(dir, work)
  local urls = {}
  for i, path in ipairs(pages) do urls[i] = server.url .. path:sub(#dir + 2) end
  local ok, warc = pcall(crawl.warc, urls, work .. "/demo", work)
  server.stop()
  if ok then
    local archive = broadsheet.open(warc)
    print(("\nA web archive: wget crawled %d pages of %s from 127.0.0.1 into a WARC; its records:"):format(#urls, dir))
    for r in archive:each() do
      print(("%-20s  %-44s  %s"):format(r.fetched or "-", clip(r.title or "(no title)", 44), r.url))
    end
    local kinds = {}
    for kind in pairs(archive.skipped) do kinds[#kinds + 1] = kind end
    table.sort(kinds)
    for _, kind in ipairs(kinds) do print(("  skipped: %d %s"):format(archive.skipped[kind], kind)) end
  else
    print("\n(no web archive demo: " .. tostring(warc) .. ")")
  end
  os.execute("rm -rf '" .. work .. "'")
end

show_web_archive("examples/web")
