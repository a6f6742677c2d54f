--- Scoring records parsed from page dumps against Readability's test pages:
-- title, byline and date against expected-metadata.json, the body by the F1
-- of its 4-word shingles (spec/score.lua) against the text of expected.html.
-- Used by spec/dump_spec.lua; words are core.words' (folded, punctuation dropped).
local core = require "broadsheet.core"
local cjson = require "cjson"
local measures = require "spec.score"

local score = {}

local function word_list(text)
  local words = {}
  for word in core.words(text or ""):gmatch("%S+") do words[#words + 1] = word end
  return words
end

local SHINGLES = { words = word_list, short_is_empty = true }

--- F1 of the 4-word shingles of two texts, cut into words as core.words
-- does (1 when both have none: a text under 4 words has none).
function score.shingle_f1(got, want)
  return (measures.shingle_f1(got, want, SHINGLES))
end

score.html_text = measures.html_text

-- Is the word list a a contiguous run of b?
local function is_run_of(a, b)
  for i = 1, #b - #a + 1 do
    local j = 1
    while j <= #a and a[j] == b[i + j - 1] do j = j + 1 end
    if j > #a then return true end
  end
  return false
end

--- Do two names of a thing match: one's words a run of the other's, covering
-- at least half of them ("Headline" and "Headline | Site" do).
function score.same_words(got, want)
  local a, b = word_list(got), word_list(want)
  if a[1] == "by" then table.remove(a, 1) end
  if b[1] == "by" then table.remove(b, 1) end
  if #a == 0 or #b == 0 then return false end
  if #a > #b then a, b = b, a end
  return 2 * #a >= #b and is_run_of(a, b)
end

--- Does a byline name the expected author? Its words hold the expected
-- ones as a run ("Jane Doe, Science Editor" names "Jane Doe"), or are, two
-- words or more, a run of them ("Jane Doe" of "By Jane Doe (jane@example.org)").
function score.same_byline(got, want)
  local a, b = word_list(got), word_list(want)
  if a[1] == "by" then table.remove(a, 1) end
  if b[1] == "by" then table.remove(b, 1) end
  if #a == 0 or #b == 0 then return false end
  return is_run_of(b, a) or (#a >= 2 and is_run_of(a, b))
end

--- The test pages of a Readability suite folder: name, source path, expected text and metadata.
function score.pages(dir)
  local pages = {}
  local list = io.popen('ls "' .. dir .. '"')
  for name in list:lines() do
    local base = dir .. "/" .. name .. "/"
    local html = io.open(base .. "expected.html", "rb")
    local meta = io.open(base .. "expected-metadata.json", "rb")
    if html and meta then
      pages[#pages + 1] = { name = name, source = base .. "source.html",
                            text = score.html_text(html:read("a")), meta = cjson.decode(meta:read("a")) }
    end
    if html then html:close() end
    if meta then meta:close() end
  end
  list:close()
  return pages
end

local function present(value)
  return type(value) == "string" and value:find("%S") ~= nil
end

--- Scores records (one per page, same order): the share of right titles,
-- bylines and dates among the pages whose metadata has each, and the mean body F1.
function score.records(pages, records)
  local sums = { title = 0, byline = 0, date = 0, body = 0 }
  local counts = { title = 0, byline = 0, date = 0, body = #pages }
  for i, page in ipairs(pages) do
    local record, meta = records[i], page.meta
    if present(meta.title) then
      counts.title = counts.title + 1
      if score.same_words(record.title, meta.title) then sums.title = sums.title + 1 end
    end
    if present(meta.byline) then
      counts.byline = counts.byline + 1
      if score.same_byline(record.byline, meta.byline) then sums.byline = sums.byline + 1 end
    end
    if present(meta.publishedTime) then
      counts.date = counts.date + 1
      if record.date and record.date:sub(1, 10) == meta.publishedTime:sub(1, 10) then
        sums.date = sums.date + 1
      end
    end
    page.f1 = score.shingle_f1(table.concat(record.body or {}, "\n"), page.text)
    sums.body = sums.body + page.f1
  end
  local result = {}
  for key, sum in pairs(sums) do result[key] = counts[key] > 0 and sum / counts[key] or 1 end
  return result
end

return score
