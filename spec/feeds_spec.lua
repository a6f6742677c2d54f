-- Feeds and pages: undated articles get no 1970 date, items link to the
-- article's url, and ids and anchors stay unique when an article comes twice.
local broadsheet = require "broadsheet"
local lfs = require "lfs"
local support = require "spec.support"

local DATED = {
  id = "00000000000000b1", title = "Dated", date = "2016-06-14T09:30:00Z", body = { "Dated body." },
  url = "https://news.example/dated?a=1&b=2",
}

local function all(text, pattern)
  local found = {}
  for match in text:gmatch(pattern) do found[#found + 1] = match end
  return found
end

local function has_duplicates(list)
  local seen = {}
  for _, item in ipairs(list) do
    if seen[item] then return true end
    seen[item] = true
  end
  return false
end

local function utc(seconds) return os.date("!%Y-%m-%dT%H:%M:%SZ", seconds) end

describe("undated articles in feeds", function()
  local dir, path
  before_each(function()
    dir = support.temp_dir()
    path = dir .. "/undated.txt"
    support.write(path, "An undated story\n\nIts body.\n")
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("atom: take their file's time as updated, and have no published", function()
    local undated = broadsheet.open(path):collect()[1]
    assert.is_nil(undated.date)
    local out = support.export_text("atom", { DATED, undated })
    assert.is_nil(out:find("1970", 1, true))
    local entry = out:match("<entry>\n<title>An undated story</title>.-</entry>")
    assert.equal(utc(lfs.attributes(path, "modification")), entry:match("<updated>(.-)</updated>"))
    assert.is_nil(entry:find("<published>", 1, true))
  end)

  it("atom: take the feed's updated when they come from no file", function()
    local out = support.export_text("atom", { DATED, { title = "From nowhere", body = { "Text." } } })
    assert.is_nil(out:find("1970", 1, true))
    assert.same({ "2016-06-14T09:30:00Z", "2016-06-14T09:30:00Z", "2016-06-14T09:30:00Z" },
      all(out, "<updated>(.-)</updated>"))
    local given = support.export_text("atom", { { title = "From nowhere", body = { "Text." } } },
      { updated = "2020-01-02T03:04:05Z" })
    assert.same({ "2020-01-02T03:04:05Z", "2020-01-02T03:04:05Z" }, all(given, "<updated>(.-)</updated>"))
  end)

  it("rss: leave the item without a pubDate", function()
    local undated = broadsheet.open(path):collect()[1]
    local out = support.export_text("rss", { DATED, undated })
    assert.is_nil(out:find("1970", 1, true))
    assert.same({ "Tue, 14 Jun 2016 09:30:00 +0000" }, all(out, "<pubDate>(.-)</pubDate>"))
  end)
end)

describe("links", function()
  it("rss items and atom entries link to the record's url, escaped", function()
    local rss = support.export_text("rss", { DATED, { title = "No url", body = { "x" } } })
    assert.same({ "https://example.invalid/", "https://news.example/dated?a=1&amp;b=2" }, all(rss, "<link>(.-)</link>"))
    local atom = support.export_text("atom", { DATED, { title = "No url", body = { "x" } } })
    assert.same({ "https://news.example/dated?a=1&amp;b=2" }, all(atom, '<link rel="alternate" href="(.-)"/>'))
  end)
end)

describe("the same article twice", function()
  local twice = { DATED, DATED, { title = "Other", body = { "y" } }, DATED }

  it("gets unique atom ids and rss guids", function()
    local ids = all(support.export_text("atom", twice), "<entry>.-<id>(.-)</id>")
    assert.equal(4, #ids)
    assert.is_false(has_duplicates(ids))
    assert.equal("urn:broadsheet:article:00000000000000b1", ids[1])
    assert.equal("urn:broadsheet:article:00000000000000b1-2", ids[2])
    local guids = all(support.export_text("rss", twice), "<guid[^>]*>(.-)</guid>")
    assert.equal(4, #guids)
    assert.is_false(has_duplicates(guids))
  end)

  it("gets unique anchors in the HTML page, each linked from the index", function()
    local page = support.export_text("html", twice)
    local anchors = all(page, '<article id="(.-)"')
    assert.equal(4, #anchors)
    assert.is_false(has_duplicates(anchors))
    assert.same(anchors, all(page, '<li><a href="#(.-)"'))
  end)

  it("ids stay the same from one export to the next", function()
    assert.equal(support.export_text("atom", twice), support.export_text("atom", twice))
  end)
end)
