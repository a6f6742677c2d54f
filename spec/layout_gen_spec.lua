-- The layout rules against the benchmark generator: bench/articlegen.lua
-- builds each synthetic article and says what it laid out (masthead,
-- headline, date, byline or caption, paragraphs, tags, footer); parse must
-- find the same. A failure names the seed, the article and the field:
-- `require("bench.articlegen").article(SEED, I)` gives that article's bytes
-- again (article I of `bench/gen N DIR SEED` is the same file, for I < N).
--
-- LAYOUT_GEN_SEED and LAYOUT_GEN_COUNT sweep other articles, e.g.
--   LAYOUT_GEN_SEED=7 LAYOUT_GEN_COUNT=100000 busted spec/layout_gen_spec.lua
local broadsheet = require "broadsheet"
local articlegen = require "bench.articlegen"
local support = require "spec.support"

-- Seed 1 is the benchmark archive's seed (bench/run): these are its first articles.
local SEED = math.tointeger(tonumber(os.getenv("LAYOUT_GEN_SEED") or "1"))
local COUNT = math.tointeger(tonumber(os.getenv("LAYOUT_GEN_COUNT") or "3000"))
local SHOWN = 10 -- mismatching articles listed in a failure message

-- Expectations -----------------------------------------------------------------

local function squeeze(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function split_words(s)
  local words = {}
  for word in s:gmatch("%S+") do words[#words + 1] = word end
  return words
end

-- The tags as parse should read them. A "Tags:" line is a list: its labels
-- come back whole. A space-joined line is split at every space unless the
-- tagger has a vocabulary, since "multi-word tags cannot be split back by
-- spaces alone" (SPEC 1.6): by default "machine learning" is two tags.
local function printed_labels(fields, segmented)
  if fields.tag_line == "listed" or (fields.tag_line == "joined" and segmented) then
    return fields.tag_labels
  elseif fields.tag_line == "joined" then
    return split_words(table.concat(fields.tag_labels, " "))
  end
end

-- SPEC 2: tags are slugs after aliases, de-duplicated, in source order, and
-- tag_labels the same tags as printed (so "US" then "U.S." is one tag, as is
-- "data" twice in "big data data centres"). Slugs and aliases come from the
-- tagger, which tags_spec checks; what is checked here is which labels the
-- layout found.
local function dedupe(labels, tagger)
  if not labels then return nil, nil end
  local kept, slugs, seen = {}, {}, {}
  for _, label in ipairs(labels) do
    local slug = tagger:canonical(label)
    if not seen[slug] then
      seen[slug] = true
      kept[#kept + 1], slugs[#slugs + 1] = label, slug
    end
  end
  return kept, slugs
end

-- The record parse should return for an article, field by field.
local function expected_record(fields, tagger, segmented)
  local body = {}
  for i, para in ipairs(fields.body) do body[i] = squeeze(para) end
  local tag_labels, tags = dedupe(printed_labels(fields, segmented), tagger)
  return {
    site = fields.site, title = fields.title, date = fields.date, date_text = fields.date_text,
    byline = fields.byline, caption = fields.caption, body = body,
    tag_labels = tag_labels, tags = tags, footer = fields.footer,
  }
end

-- Known parser bug ---------------------------------------------------------------

-- article.c's is_site() rejects the masthead when the next block starts like
-- a byline: "By" and then anything but an ASCII lower-case letter
-- (byline_start). So "The Stack Archive / By Intel not a says growth ... /
-- <date>" is read as headline "The Stack Archive" and byline "Intel not a
-- says growth ...", although SPEC 1 puts the headline after the masthead and
-- the date before a byline, and SPEC 2 makes a byline author names, which a
-- line with "not a says" is not. The article's real byline or caption then
-- lands in the body. None of the headlines the generator makes this way is
-- shaped like names (every word capitalized or a connective), so none is a
-- genuine ambiguity. Passing opts.site avoids it.
local BUG = "article.c is_site(): a headline starting \"By <Capital>\" after the masthead is read as a byline"

-- byline_start's test, for a headline (which never ends a sentence): at most
-- SHORT_LINE bytes, "By ", then anything but an ASCII lower-case letter.
local function byline_shaped(line)
  return #line <= 120 and line:match("^[Bb][Yy] +[^a-z]") ~= nil
end

-- The record the bug gives, or nil when the bug does not apply.
local function bug_reading(fields, expected)
  if not (fields.site and byline_shaped(fields.title)) then return nil end
  local reading = {}
  for key, value in pairs(expected) do reading[key] = value end
  reading.site, reading.title = nil, fields.site
  reading.byline, reading.caption = squeeze((fields.title:gsub("^%S+%s+", ""))), nil
  local extra = fields.byline and ("By " .. fields.byline) or fields.caption
  reading.body = { table.unpack(expected.body) }
  if extra then table.insert(reading.body, 1, extra) end
  return reading
end

-- Comparison ----------------------------------------------------------------------

local SCALARS = { "site", "title", "date", "date_text", "byline", "caption", "footer" }
local LISTS = { "body", "tag_labels", "tags" }

local function show(value)
  if value == nil then return "nil" end
  local s = tostring(value)
  if #s > 100 then s = s:sub(1, 100) .. "..." end
  return ("%q"):format(s)
end

-- The first difference between two lists, as a message, or nil.
local function list_difference(key, want, got)
  if want == nil or got == nil then
    if want ~= got then return ("%s: expected %s, got %s"):format(key, want and #want .. " items" or "nil",
      got and #got .. " items" or "nil") end
    return nil
  end
  for i = 1, math.max(#want, #got) do
    if want[i] ~= got[i] then
      return ("%s: %d items expected, got %d; item %d: expected %s, got %s"):format(
        key, #want, #got, i, show(want[i]), show(got[i]))
    end
  end
end

-- Every field where the record differs from the expectation, as messages.
local function differences(want, record)
  local found = {}
  for _, key in ipairs(SCALARS) do
    if want[key] ~= record[key] then
      found[#found + 1] = ("%s: expected %s, got %s"):format(key, show(want[key]), show(record[key]))
    end
  end
  for _, key in ipairs(LISTS) do
    found[#found + 1] = list_difference(key, want[key], record[key])
  end
  if record.warnings then
    found[#found + 1] = "warnings: expected none, got " .. show(table.concat(record.warnings, "; "))
  end
  return found
end

-- Checks article i of seed: returns "ok", "known" (the known bug, exactly as
-- described above), or "wrong" and the differences from the intended record.
local function check_article(seed, i, tagger, segmented)
  local text, fields = articlegen.article(seed, i)
  local record = broadsheet.parse(text, { tagger = tagger })
  local want = expected_record(fields, tagger, segmented)
  local found = differences(want, record)
  if #found == 0 then return "ok" end
  local reading = bug_reading(fields, want)
  if reading and #differences(reading, record) == 0 then return "known" end
  return "wrong", found
end

local function failure_report(wrong, checked, seed)
  local lines = { ("%d of %d articles of seed %d differ from what bench/articlegen laid out"
    .. " (bytes: require(\"bench.articlegen\").article(%d, I)):"):format(#wrong, checked, seed, seed) }
  for n = 1, math.min(#wrong, SHOWN) do
    lines[#lines + 1] = ("  seed %d article %d: %s"):format(seed, wrong[n].index, table.concat(wrong[n].found, "; "))
  end
  return table.concat(lines, "\n")
end

-- Checks articles 0..count-1 of seed; fails listing the wrong ones, and
-- returns the indices of those that show the known bug.
local function check_range(seed, count, tagger, segmented)
  local wrong, known = {}, {}
  for i = 0, count - 1 do
    local status, found = check_article(seed, i, tagger, segmented)
    if status == "wrong" then wrong[#wrong + 1] = { index = i, found = found } end
    if status == "known" then known[#known + 1] = i end
  end
  assert(#wrong == 0, failure_report(wrong, count, seed))
  return known
end

-- Specs -----------------------------------------------------------------------------

describe("generated articles (bench/articlegen)", function()
  local known_in_range = {}

  it(("parse recovers the laid-out fields of articles 0-%d of seed %d"):format(COUNT - 1, SEED), function()
    known_in_range = check_range(SEED, COUNT, broadsheet.default_tagger(), false)
  end)

  it("a tagger whose vocabulary holds the generator's tags splits space-joined lines back into them", function()
    local tagger = broadsheet.tags.new { vocabulary = articlegen.tag_labels() }
    check_range(SEED, COUNT, tagger, true)
  end)

  it("are the articles bench/gen writes", function()
    -- What is checked here is worth as much as the module still makes the
    -- benchmark's articles: file I of `bench/gen N DIR SEED` is article I.
    local dir = support.temp_dir()
    finally(function() support.run(("rm -rf %q"):format(dir)) end)
    local _, err, status = support.run(("lua5.4 bench/gen 4 %q 5"):format(dir))
    assert(status == 0, err)
    for i = 0, 3 do
      local path = ("%s/0000/%07d.txt"):format(dir, i)
      assert(support.read(path) == articlegen.article(5, i), path .. " differs from articlegen.article(5, " .. i .. ")")
    end
  end)

  -- Articles of other seeds that show the known bug, so that it is seen (and
  -- a fix is checked) whatever SEED and COUNT are. Once article.c reads them
  -- as laid out, they pass as they stand and the pending note goes away.
  local BUG_CASES = { { 2, 1313 }, { 2, 3658 }, { 2, 4067 }, { 2, 7257 }, { 3, 253 }, { 3, 1155 } }

  it("known bug: " .. BUG, function()
    local tagger = broadsheet.default_tagger()
    local seen, listed = {}, {}
    local function note(seed, i)
      local name = ("seed %d article %d"):format(seed, i)
      if not listed[name] then seen[#seen + 1], listed[name] = name, true end
    end
    for _, case in ipairs(BUG_CASES) do
      local seed, i = case[1], case[2]
      local status, found = check_article(seed, i, tagger, false)
      assert(status ~= "wrong", ("seed %d article %d: %s"):format(seed, i, table.concat(found or {}, "; ")))
      if status == "known" then note(seed, i) end
      -- With the masthead named, the article is read as laid out.
      local text, fields = articlegen.article(seed, i)
      found = differences(expected_record(fields, tagger, false), broadsheet.parse(text, { site = fields.site }))
      assert(#found == 0, ("seed %d article %d with opts.site: %s"):format(seed, i, table.concat(found, "; ")))
    end
    for _, i in ipairs(known_in_range) do note(SEED, i) end
    if #seen > 0 then pending(BUG .. " (" .. table.concat(seen, ", ") .. ")") end
  end)
end)
