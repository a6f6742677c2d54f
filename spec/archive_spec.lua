-- broadsheet.open: sources, operations, boilerplate profiles.
local broadsheet = require "broadsheet"
local cjson = require "cjson"
local support = require "spec.support"

local function article(i, extra)
  return ("Headline number %d\n\n14 June 2016\n\nBody paragraph of article %d.%s\n"):format(i, i, extra or "")
end

local function titles(archive)
  local list = {}
  for record in archive:each() do list[#list + 1] = record.title end
  return list
end

describe("opening an archive", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    assert(os.execute(('mkdir -p "%s/b" "%s/a" "%s/.hidden"'):format(dir, dir, dir)))
    support.write(dir .. "/b/2.txt", article(2))
    support.write(dir .. "/a/1.txt", article(1))
    support.write(dir .. "/a/3.txt", article(3))
    support.write(dir .. "/a/notes.md", "not an article")
    support.write(dir .. "/.hidden/4.txt", article(4))
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("walks directories recursively in sorted order, skipping hidden entries", function()
    assert.same({ "Headline number 1", "Headline number 3", "Headline number 2" }, titles(broadsheet.open(dir)))
  end)

  it("takes another file pattern", function()
    local records = broadsheet.open(dir, { pattern = "*.md" }):collect()
    assert.equal(1, #records)
    assert.equal(dir .. "/a/notes.md", records[1].source)
  end)

  it("survives a symlink loop", function()
    assert(os.execute(('ln -s .. "%s/a/loop"'):format(dir)))
    assert.equal(3, broadsheet.open(dir):count())
  end)

  it("reads files named directly, in the order given", function()
    local records = broadsheet.open { dir .. "/b/2.txt", dir .. "/a/1.txt" }:collect()
    assert.equal(dir .. "/b/2.txt", records[1].source)
    assert.equal("Headline number 1", records[2].title)
  end)

  it("reads files of several articles separated by form feed lines, with path:line sources", function()
    local path = dir .. "/many.txt"
    support.write(path, article(1) .. "\f\n" .. article(2) .. "\n\f\n\n" .. article(3))
    local records = broadsheet.open(path):collect()
    assert.same({ "Headline number 1", "Headline number 2", "Headline number 3" },
      { records[1].title, records[2].title, records[3].title })
    assert.same({ path .. ":1", path .. ":7", path .. ":15" },
      { records[1].source, records[2].source, records[3].source })
    assert.same({ "Body paragraph of article 2." }, records[2].body)
  end)

  it("reads back the JSON Lines that broadsheet parse prints", function()
    local path = dir .. "/records.jsonl"
    local original = broadsheet.open(dir):collect()
    local lines = {}
    for i, record in ipairs(original) do lines[i] = cjson.encode(record) end
    support.write(path, table.concat(lines, "\n") .. "\n")
    local again = broadsheet.open(path):collect()
    assert.same(original, again)
  end)

  it("reads an article whose headline starts with a brace as an article", function()
    local path = dir .. "/brace.txt"
    support.write(path, "{Braces} in a headline\n\nBody text.\n")
    local records = broadsheet.open(path):collect()
    assert.equal("{Braces} in a headline", records[1].title)
  end)

  it("reports a JSON line that is not a record and goes on", function()
    local path = dir .. "/bad.jsonl"
    support.write(path, '{"title":"One"}\nnot json\n[1,2]\n{"title":"Two"}\n')
    local archive = broadsheet.open(path)
    assert.same({ "One", "Two" }, titles(archive))
    assert.equal(2, #archive.errors)
    assert.equal(path .. ":2", archive.errors[1].where)
    assert.matches("^not a JSON record", archive.errors[1].message)
  end)

  it("reports a missing file through on_error and reads the rest", function()
    local seen = {}
    local archive = broadsheet.open({ dir .. "/missing.txt", dir .. "/b" }, {
      on_error = function(where, message) seen[#seen + 1] = where .. ": " .. message end,
    })
    assert.same({ "Headline number 2" }, titles(archive))
    assert.same({ dir .. "/missing.txt: No such file or directory" }, seen)
  end)

  it("reads standard input as -", function()
    local out = support.run([[lua5.4 -e 'package.path="lua/?.lua;lua/?/init.lua;"..package.path
      package.cpath=(os.getenv("BROADSHEET_BUILD") or "build").."/?.so;"..package.cpath
      for r in require("broadsheet").open("-"):each() do print(r.source, r.title) end']], article(7))
    assert.equal("-\tHeadline number 7\n", out)
  end)

  it("streams: one article in memory at a time", function()
    local archive = broadsheet.open(dir)
    local next_record = archive:each()
    local first = next_record()
    collectgarbage()
    assert.equal("Headline number 1", first.title)
    assert.equal("Headline number 3", next_record().title)
  end)

  it("asks each file for no more than it holds, so that a long walk keeps flat memory", function()
    local long = article(5, string.rep(" More words of the body.", 400))
    support.write(dir .. "/a/5.txt", long)
    local asked, open = {}, io.open
    -- Lua's file:read(n) sets aside n bytes before reading: the sizes asked are the memory taken.
    io.open = function(path, mode) -- luacheck: ignore 122
      local file, err = open(path, mode)
      if not file then return nil, err end
      return setmetatable({}, {
        __index = function(_, method)
          return function(_, ...)
            if method == "read" then asked[#asked + 1] = select(1, ...) end
            return file[method](file, ...)
          end
        end,
        __close = function() file:close() end,
      })
    end
    local ok, records = pcall(function() return broadsheet.open(dir .. "/a"):collect() end)
    io.open = open -- luacheck: ignore 122
    assert(ok, records)
    assert.equal(3, #records)
    assert.matches("More words of the body%.$", records[3].body[#records[3].body])
    for _, n in ipairs(asked) do
      if type(n) == "number" then assert.is_true(n <= #long + 1, ("asked for %d bytes"):format(n)) end
    end
  end)

  it("closes what it reads with <close>", function()
    local first
    do
      local archive <close> = broadsheet.open(dir)
      first = archive:each()()
    end
    assert.equal("Headline number 1", first.title)
  end)
end)

describe("archive operations", function()
  local dir, archive
  setup(function()
    dir = support.temp_dir()
    local texts = {
      "Cloud prices fall\n\n3 March 2017\n\nPrices fell again. " .. string.rep("word ", 50) .. "\n\n\nCloud Europe",
      "Cloud prices rise\n\n2016-06-14\n\nPrices rose.\n\n\nCloud US",
      "Election security\n\n1 December 2015\n\nOfficials rehearsed.\n\n\nelections security US",
      "No date here\n\nJust text.",
      "Cloud prices rise again\n\n2016-06-14\n\nPrices rose.\n\n\nCloud US", -- same body as the second
    }
    for i, text in ipairs(texts) do support.write(("%s/%d.txt"):format(dir, i), text) end
    archive = broadsheet.open(dir)
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("filters with filter values, functions and query strings", function()
    assert.equal(3, archive:filter(broadsheet.filter.tag("cloud")):count())
    assert.equal(4, archive:filter(function(r) return r.words < 3 end):count())
    assert.same({ "Election security" }, titles(archive:filter("tag:us date:2015")))
  end)

  it("maps, dropping records for which the function returns nil", function()
    local upper = archive:map(function(r) return r.date and { title = r.title:upper() } or nil end)
    assert.same({ "CLOUD PRICES FALL", "CLOUD PRICES RISE", "ELECTION SECURITY", "CLOUD PRICES RISE AGAIN" },
      titles(upper))
  end)

  it("sorts by a field or a function, stably, with missing values last", function()
    assert.same({ "Election security", "Cloud prices rise", "Cloud prices rise again", "Cloud prices fall",
      "No date here" }, titles(archive:sort("date")))
    assert.same({ "Cloud prices fall", "Cloud prices rise", "Cloud prices rise again", "Election security",
      "No date here" }, titles(archive:sort("date", true)))
    assert.equal("Cloud prices fall", archive:sort(function(r) return -r.words end):collect()[1].title)
  end)

  it("limits, and chains like a pipeline", function()
    assert.same({ "Cloud prices fall" }, titles(archive:limit(1)))
    assert.same({ "Cloud prices rise" }, titles(archive:filter("tag:cloud"):sort("date"):limit(1)))
    assert.equal(0, archive:limit(0):count())
  end)

  it("keeps the first of articles with the same id or body", function()
    local records = archive:unique():collect()
    assert.equal(4, #records)
    assert.equal("Cloud prices rise", records[2].title)
  end)

  it("counts and collects", function()
    assert.equal(5, archive:count())
    assert.equal(5, #archive:collect())
  end)

  it("computes stats", function()
    local stats = archive:stats()
    assert.equal(5, stats.articles)
    assert.equal("2015-12-01", stats.first_date)
    assert.equal("2017-03-03", stats.last_date)
    assert.same({ ["2015"] = 1, ["2016"] = 2, ["2017"] = 1 }, stats.per_year)
    assert.same({ ["2015-12"] = 1, ["2016-06"] = 2, ["2017-03"] = 1 }, stats.per_month)
    assert.equal(1, stats.undated)
    assert.same({ slug = "cloud", label = "Cloud", count = 3 }, stats.top_tags[1])
    assert.same({ slug = "us", label = "US", count = 3 }, stats.top_tags[2])
  end)
end)

describe("learning an archive's boilerplate", function()
  it("learns nothing from the BBC corpus, which has none", function()
    local bbc = support.shared("corpus/bbc")
    if not bbc then
      pending("../shared/corpus/bbc is absent: BBC profile check skipped")
      return
    end
    local profile = broadsheet.open(bbc):profile()
    assert.equal(2225, profile.documents)
    assert.is_nil(profile.site)
    assert.same({}, profile.footers)
  end)

  it("learns nothing from a handful of files", function()
    local dir = support.temp_dir()
    for i = 1, 5 do
      support.write(("%s/%d.txt"):format(dir, i),
        "Daily Bugle\n\nHeadline " .. i .. "\n\nBody.\n\nPrinted by the Bugle.")
    end
    local profile = broadsheet.open(dir):profile()
    assert.is_nil(profile.site)
    assert.same({}, profile.footers)
    os.execute('rm -rf "' .. dir .. '"')
  end)

  it("finds a shared masthead and rotating footers, and parsing with the profile removes them", function()
    local dir = support.temp_dir()
    local footers = {
      "Printed from the Daily Bugle archive.",
      "Subscribers can read every story at bugle.example.",
      "The Daily Bugle is published by Bugle Media Ltd.",
    }
    for i = 1, 60 do
      local text = ("The Daily Bugle\n\nCity council story number %d\n\nThe council met on day %d.\n\n"
        .. "Members voted on item %d of the agenda.\n\n%s\n"):format(i, i, i, footers[i % 3 + 1])
      support.write(("%s/%02d.txt"):format(dir, i), text)
    end
    local plain = broadsheet.open(dir):collect()
    assert.is_nil(plain[1].site)
    assert.equal("The Daily Bugle", plain[1].title)

    local profile = broadsheet.open(dir):profile()
    assert.equal("The Daily Bugle", profile.site)
    table.sort(profile.footers)
    table.sort(footers)
    assert.same(footers, profile.footers)

    for record in broadsheet.open(dir, { profile = profile }):each() do
      assert.equal("The Daily Bugle", record.site)
      assert.matches("^City council story number %d+$", record.title)
      assert.equal(2, #record.body)
      for _, para in ipairs(record.body) do
        for _, footer in ipairs(footers) do assert.not_equal(footer, para) end
      end
      assert.truthy(record.footer)
    end
    assert.equal(60, broadsheet.open(dir, { profile = true }):filter("site:bugle"):count())
    local sampled = broadsheet.open(dir, { profile_sample = 30 }):profile()
    assert.equal(30, sampled.documents)
    assert.equal("The Daily Bugle", sampled.site)
    os.execute('rm -rf "' .. dir .. '"')
  end)
end)

describe("a large file of several articles", function()
  it("is read line by line, with the same sources as a small one", function()
    local dir = support.temp_dir()
    local path = dir .. "/big.txt"
    local parts = {}
    for i = 1, 4000 do parts[i] = article(i, " " .. string.rep("filler ", 700)) end
    support.write(path, table.concat(parts, "\f\n"))
    local count, last = 0, nil
    for record in broadsheet.open(path):each() do
      count = count + 1
      last = record
    end
    assert.equal(4000, count)
    assert.equal("Headline number 4000", last.title)
    assert.equal(path .. ":" .. (4000 - 1) * 6 + 1, last.source)
    os.execute('rm -rf "' .. dir .. '"')
  end)
end)
