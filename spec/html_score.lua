--- Scoring HTML extraction against a suite's expectations: the body by the
-- F1 of its 4-word shingles (spec/score.lua), and field matches. Used by
-- spec/html_suites_spec.lua.
local measures = require "spec.score"

local score = {}

--- Two field values the same, white space, case and quote marks aside (both
-- absent counts as the same).
function score.same(got, want)
  local function norm(s)
    if type(s) ~= "string" or s == "" then return nil end
    s = s:gsub("\u{A0}", " "):gsub("\u{202F}", " "):gsub("\u{3000}", " ")
    -- Each curly quote is three bytes: replaced as a whole, not as a set of bytes.
    s = s:gsub("’", "'"):gsub("‘", "'"):gsub("“", '"'):gsub("”", '"'):gsub("%s+", " "):lower()
    return (s:gsub("^ ", ""):gsub(" $", ""))
  end
  return norm(got) == norm(want)
end

--- A title matches the expected one, or that one less a site suffix (which
-- broadsheet removes and some suites keep: "Headline | Site").
function score.same_title(got, want)
  if score.same(got, want) then return true end
  if type(got) ~= "string" or type(want) ~= "string" or got == "" then return false end
  for _, separator in ipairs { " | ", " - ", " – ", " — ", " · ", " _", "_", " [" } do
    if score.same(got, want:sub(1, #got)) and want:sub(#got + 1, #got + #separator) == separator then
      return true
    end
  end
  return false
end

--- The day of an ISO date or date-time ("2018-04-05T06:00" -> "2018-04-05"),
-- in UTC when the time has a zone.
function score.day(value)
  if type(value) ~= "string" then return nil end
  local y, m, d, hh, mm, zone = value:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)[T ](%d%d):(%d%d)[%d:.]*(.*)$")
  local sign, zh, zm = (zone or ""):match("^([+-])(%d%d):?(%d%d)$")
  if y and (zone == "Z" or sign) then
    local offset = sign and (sign == "-" and -1 or 1) * (tonumber(zh) * 60 + tonumber(zm)) or 0
    local t = os.time { year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = tonumber(hh),
                        min = tonumber(mm) - offset, isdst = false }
    return os.date("%Y-%m-%d", t)
  end
  return value:match("^%d%d%d%d%-%d%d%-%d%d")
end

-- A byline as suites print it: "By" and what follows the names aside.
local function byline_matches(got, want)
  if type(want) ~= "string" or type(got) ~= "string" then return false end
  local function norm(s)
    s = s:gsub("%s+", " "):lower():gsub("^ ", ""):gsub("^by:? ", ""):gsub("^par ", ""):gsub("^von ", "")
    return s
  end
  got, want = norm(got), norm(want)
  return got ~= "" and want:sub(1, #got) == got
end
score.byline_matches = byline_matches

local function read(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local text = file:read("a")
  file:close()
  return text
end

local function list(dir)
  local names = {}
  local listing = assert(io.popen('ls "' .. dir .. '"'))
  for name in listing:lines() do names[#names + 1] = name end
  listing:close()
  return names
end

local function body_text(record)
  return table.concat(record.body or {}, "\n")
end

--- Scores every page of Mozilla Readability's test set under dir: a list of
-- { name, f1, title, byline, date } (booleans for the fields).
function score.readability(dir, parse)
  local cjson = require "cjson"
  local rows = {}
  for _, name in ipairs(list(dir)) do
    local source = read(dir .. "/" .. name .. "/source.html")
    if source then
      local want = cjson.decode(read(dir .. "/" .. name .. "/expected-metadata.json"))
      local record = parse(source)
      local expected = measures.html_text(read(dir .. "/" .. name .. "/expected.html"))
      local f1 = measures.shingle_f1(body_text(record), expected)
      rows[#rows + 1] = {
        name = name, f1 = f1, record = record, want = want,
        title = score.same_title(record.title, want.title),
        -- fields the suite names: a page without one says nothing of what was found
        byline = type(want.byline) ~= "string" or byline_matches(record.byline, want.byline),
        date = type(want.publishedTime) ~= "string" or score.day(record.date) == score.day(want.publishedTime),
      }
    end
  end
  return rows
end

--- newspaper4k's pages: html/NAME.html against txt/NAME.txt (body F1) and
-- metadata/NAME.json (title, authors, publish_date) where present.
function score.newspaper4k(dir, parse)
  local cjson = require "cjson"
  local rows = {}
  for _, file in ipairs(list(dir .. "/html")) do
    local name = file:match("^(.*)%.html$")
    local want_text = name and read(dir .. "/txt/" .. name .. ".txt")
    if want_text then
      local record = parse(read(dir .. "/html/" .. file))
      local f1 = measures.shingle_f1(body_text(record), want_text)
      local meta = read(dir .. "/metadata/" .. name .. ".json")
      local want = meta and cjson.decode(meta) or {}
      local authors = type(want.authors) == "table" and want.authors or {}
      rows[#rows + 1] = {
        name = name, f1 = f1, record = record, want = want,
        title = meta == nil or score.same_title(record.title, want.title),
        byline = #authors == 0 or (record.byline or ""):find(authors[1], 1, true) ~= nil,
        date = meta == nil or type(want.publish_date) ~= "string"
          or score.day(record.date) == score.day(want.publish_date),
      }
    end
  end
  return rows
end

--- goose3's content pages: the expected text is the start of the article,
-- so the body's recall of it is scored, and the title.
function score.goose3(dir, parse)
  local cjson = require "cjson"
  local rows = {}
  for _, file in ipairs(list(dir .. "/content")) do
    local name = file:match("^(.*)%.html$")
    local json = name and read(dir .. "/content/" .. name .. ".json")
    if json then
      local want = cjson.decode(json).expected or {}
      local record = parse(read(dir .. "/content/" .. file))
      local text = body_text(record)
      local _, _, recall = measures.shingle_f1(text, type(want.cleaned_text) == "string" and want.cleaned_text or "")
      rows[#rows + 1] = {
        name = name, f1 = recall, record = record, want = want,
        title = type(want.title) ~= "string" or score.same_title(record.title, want.title),
        byline = true, date = true,
      }
    end
  end
  return rows
end

--- Averages: f1 and the share of pages whose title, byline, date match.
function score.summary(rows)
  local sum = { f1 = 0, title = 0, byline = 0, date = 0, pages = #rows }
  for _, row in ipairs(rows) do
    sum.f1 = sum.f1 + row.f1
    for _, key in ipairs { "title", "byline", "date" } do
      if row[key] then sum[key] = sum[key] + 1 end
    end
  end
  for _, key in ipairs { "f1", "title", "byline", "date" } do sum[key] = sum[key] / math.max(1, #rows) end
  return sum
end

return score
