-- broadsheet.tags: aliases, normalization, display labels, segmentation, learning.
local broadsheet = require "broadsheet"
local learn = require "broadsheet.learn"
local tags = require "broadsheet.tags"
local support = require "spec.support"

describe("a tagger", function()
  it("applies the default aliases", function()
    local tagger = tags.new()
    for _, label in ipairs { "US", "U.S.", "USA", "U.S.A.", "United States", "united-states" } do
      assert.equal("us", tagger:canonical(label), label)
    end
    for _, label in ipairs { "UK", "U.K.", "Britain", "United Kingdom" } do
      assert.equal("uk", tagger:canonical(label), label)
    end
    assert.equal("china", tagger:canonical("China"))
  end)

  it("takes aliases from a table, a Lua file or a JSON file, over the defaults", function()
    local dir = support.temp_dir()
    support.write(dir .. "/aliases.lua", 'return { ["artificial-intelligence"] = { "AI", "A.I." } }')
    support.write(dir .. "/aliases.json", '{ "Big Apple": "New York" }')
    assert.equal("artificial-intelligence", tags.new { aliases = dir .. "/aliases.lua" }:canonical("A.I."))
    assert.equal("new-york", tags.new { aliases = dir .. "/aliases.json" }:canonical("Big Apple"))
    local tagger = tags.new { aliases = { usa = { "us", "america" } } }
    assert.equal("usa", tagger:canonical("US"))
    assert.equal("usa", tagger:canonical("America"))
    assert.equal("usa", tagger:canonical("USA"))
    os.execute('rm -rf "' .. dir .. '"')
  end)

  it("can start from no aliases", function()
    assert.equal("usa", tags.new { default_aliases = false }:canonical("USA"))
  end)

  it("refuses alias chains and loops when it loads them", function()
    assert.error_matches(function() tags.new { aliases = { a = "b", b = "c" } } end,
      "aliases: a %-> b %-> c: aliases are one level")
    assert.error_matches(function() tags.new { aliases = { a = "b", b = "a" } } end, "is a loop")
    assert.error_matches(function() tags.new { aliases = { a = 5 } } end, "must map to a string")
    assert.error_matches(function() tags.new { aliases = "/nonexistent/aliases.lua" } end, "nonexistent")
  end)

  it("normalizes labels to de-duplicated slugs in source order", function()
    local slugs, kept = tags.new():normalize { "China", "USA", "china", "U.S.", "C++", "C#", "Asia" }
    assert.same({ "china", "us", "cpp", "csharp", "asia" }, slugs)
    assert.same({ "China", "USA", "C++", "C#", "Asia" }, kept)
  end)

  it("gives the most frequent spelling seen as the display label", function()
    local tagger = tags.new()
    tagger:normalize { "U.S." }
    tagger:normalize { "US" }
    tagger:normalize { "US" }
    assert.equal("US", tagger:label("us"))
    tagger:normalize { "Internet of things" }
    tagger:normalize { "Internet of Things" }
    assert.equal("Internet of things", tagger:label("internet-of-things")) -- a tie: the first seen
    assert.equal("never-seen", tagger:label("never-seen"))
  end)

  it("keeps no spellings with spellings = false, but the vocabulary's", function()
    local tagger = tags.new { spellings = false, vocabulary = { ["Internet of Things"] = 3 } }
    local slugs = tagger:normalize { "US", "U.S.", "internet of things", "Jane Doe" }
    assert.same({ "us", "internet-of-things", "jane-doe" }, slugs)
    assert.equal("us", tagger:label("us"))
    assert.equal("jane-doe", tagger:label("jane-doe"))
    assert.equal("Internet of Things", tagger:label("internet-of-things"))
    assert.is_nil(tagger.first_seen["Jane Doe"], "no spelling kept")
  end)

  it("parse's default tagger keeps no spellings, so a long run does not grow with its labels", function()
    broadsheet.parse("Headline\n\n14 June 2016\n\nBody text here.\n\n\nTags: Zanzibar Ferry Line, Jane Q. Doe")
    local default = broadsheet.default_tagger()
    assert.equal("zanzibar-ferry-line", default:label("zanzibar-ferry-line"))
    assert.is_nil(default.first_seen["Zanzibar Ferry Line"])
  end)
end)

describe("segmenting a space-joined tag line", function()
  local tagger = tags.new { vocabulary = { ["china trade"] = 3, ["trade war"] = 2, China = 10, US = 20 } }

  it("finds the best reading, not the greedy one", function()
    assert.same({ "China", "trade war", "US" }, tagger:segment("China trade war US"))
  end)

  it("keeps unknown words as tags of their own", function()
    assert.same({ "Asia", "China", "hacking", "trade war" }, tagger:segment("Asia China hacking trade war"))
    assert.same({ "zebra" }, tagger:segment("zebra"))
    assert.same({}, tagger:segment("   "))
  end)

  it("uses the frequencies to choose between readings that cover the words alike", function()
    local t = tags.new { vocabulary = { ["new york"] = 9, ["york times"] = 2 } }
    assert.same({ "new york", "times" }, t:segment("new york times"))
    t = tags.new { vocabulary = { ["new york"] = 2, ["york times"] = 9 } }
    assert.same({ "new", "york times" }, t:segment("new york times"))
  end)

  it("resolves ties the same way every run", function()
    local t = tags.new { vocabulary = { ["a b"] = 1, ["b c"] = 1 } }
    local first = t:segment("a b c")
    for _ = 1, 20 do assert.same(first, tags.new { vocabulary = { ["b c"] = 1, ["a b"] = 1 } }:segment("a b c")) end
  end)

  it("reads lines with a vocabulary whose longest tag is longer than any line", function()
    local words = {}
    for i = 1, 1200 do words[i] = "w" .. i end
    local t = tags.new { vocabulary = { [table.concat(words, " ")] = 3, ["machine learning"] = 5 } }
    assert.same({ "Europe", "machine learning" }, t:segment("Europe machine learning"))
  end)

  it("matches vocabulary entries through their slugs", function()
    local t = tags.new { vocabulary = { ["Internet of Things"] = 4 } }
    assert.same({ "IoT", "internet of things" }, t:segment("IoT internet of things"))
  end)

  it("is what broadsheet.parse does with a tagger that knows a vocabulary", function()
    local text = "Headline\n\nBody text.\n\n\nChina trade war US\nSend us a news tip"
    local r = broadsheet.parse(text, { tagger = tagger })
    assert.same({ "China", "trade war", "US" }, r.tag_labels)
    assert.same({ "china", "trade-war", "us" }, r.tags)
    -- With no vocabulary, a line in no order keeps its words apart.
    r = broadsheet.parse((text:gsub("China trade war US", "US trade war China")))
    assert.same({ "us", "trade", "war", "china" }, r.tags)
  end)

  it("leaves comma-separated labels as they are", function()
    local r = broadsheet.parse("Headline\n\nBody text.\n\nTags: China trade, war, USA", { tagger = tagger })
    assert.same({ "china-trade", "war", "us" }, r.tags)
  end)
end)

describe("learning a vocabulary", function()
  local function archive(lines)
    local records = {}
    for i, line in ipairs(lines) do
      records[i] = broadsheet.parse(("Headline %d\n\nBody text.\n\n\n%s\n"):format(i, line))
    end
    return records
  end

  it("learns word sequences that keep recurring together, not tags that merely co-occur", function()
    local records = archive {
      "Asia Hong Kong trade", "Hong Kong stocks", "banking Hong Kong", "Asia China US",
      "China US", "China economy", "US elections", "Asia markets",
    }
    local vocabulary = learn.learn(records)
    assert.equal(3, vocabulary.tags["Hong Kong"])
    assert.is_nil(vocabulary.tags["Hong"])
    assert.is_nil(vocabulary.tags["China US"])
    assert.equal(3, vocabulary.tags["China"])
  end)

  it("learns multi-word tags seen whole and finds them in space-joined lines", function()
    local records = archive { "Tags: cloud computing, Europe", "cloud computing security", "Asia cloud computing" }
    local vocabulary = learn.learn(records)
    assert.equal(3, vocabulary.tags["cloud computing"])
    assert.is_nil(vocabulary.tags["cloud"])
    assert.equal(1, vocabulary.tags["security"])
  end)

  it("keeps the most frequent spelling as the label", function()
    local vocabulary = learn.learn(archive { "Tags: U.S.", "Tags: US", "Tags: US, Asia" })
    assert.equal(3, vocabulary.tags["US"])
    assert.is_nil(vocabulary.tags["U.S."])
  end)

  it("reports labels that collide on one slug instead of merging them silently", function()
    local vocabulary = learn.learn(archive { "Tags: C-SPAN", "Tags: C SPAN, media", "Tags: US, U.S." })
    assert.same({ { slug = "c-span", labels = { "C SPAN", "C-SPAN" } } }, vocabulary.collisions)
  end)

  it("writes a vocabulary that loads back", function()
    local vocabulary = learn.learn(archive { "Tags: cloud computing, \"quoted\" tag", "Tags: cloud computing" })
    local path = os.tmpname()
    support.write(path, learn.dump(vocabulary))
    assert.same(vocabulary.tags, tags.load(path).tags)
    local tagger = tags.new { vocabulary = path }
    os.remove(path)
    assert.same({ "cloud computing", "security" }, tagger:segment("cloud computing security"))
  end)

  it("rejects a vocabulary that is not label = count", function()
    assert.error_matches(function() tags.new { vocabulary = { China = "many" } } end, "expected label = count")
  end)
end)

describe("learning from Reuters-21578", function()
  local dir = support.shared("corpus/reuters21578")
  if not dir then
    pending("../shared/corpus/reuters21578 is absent: Reuters learning checks skipped")
    return
  end

  -- Each story's places and topics, hyphens read as spaces ("el-salvador").
  local stories = {}
  for i = 0, 21 do
    local text = support.read(("%s/reut2-%03d.sgm"):format(dir, i))
    for story in text:gmatch("<REUTERS.-</REUTERS>") do
      local labels = {}
      for _, field in ipairs { "PLACES", "TOPICS" } do
        for d in (story:match("<" .. field .. ">(.-)</" .. field .. ">") or ""):gmatch("<D>(.-)</D>") do
          labels[#labels + 1] = d:gsub("%-", " ")
        end
      end
      if #labels > 0 then stories[#stories + 1] = labels end
    end
  end
  -- The same tags as a WordPress tag line prints them: sorted by name, joined by spaces.
  local lines = {}
  for i, labels in ipairs(stories) do
    local sorted = { table.unpack(labels) }
    table.sort(sorted)
    lines[i] = { truth = sorted, tag_labels = {} }
    for word in table.concat(sorted, " "):gmatch("%S+") do table.insert(lines[i].tag_labels, word) end
  end
  local official = {}
  for _, list in ipairs { "all-places-strings.lc.txt", "all-topics-strings.lc.txt" } do
    for line in io.lines(dir .. "/" .. list) do
      line = line:gsub("%s+$", "")
      if line:find("-", 1, true) then official[(line:gsub("%-", " "))] = true end
    end
  end

  it("learns the multi-word tags whole from comma-separated lists", function()
    local vocabulary = learn.learn((function()
      local records = {}
      for i, labels in ipairs(stories) do records[i] = { tag_labels = labels } end
      return records
    end)(), { default_aliases = false })
    local used = 0
    for _, labels in ipairs(stories) do
      for _, label in ipairs(labels) do
        if official[label] then
          used = used + 1
          assert.truthy(vocabulary.tags[label], label)
        end
      end
    end
    assert.is_true(used > 100)
  end)

  it("learns from space-joined lines well enough to split 99% of them back", function()
    local vocabulary = learn.learn(lines, { default_aliases = false })
    local tagger = tags.new { vocabulary = vocabulary, default_aliases = false }
    local right = 0
    for _, line in ipairs(lines) do
      if table.concat(tagger:segment(table.concat(line.tag_labels, " ")), "|") == table.concat(line.truth, "|") then
        right = right + 1
      end
    end
    assert.is_true(right / #lines >= 0.99, ("%d of %d lines"):format(right, #lines))
    -- most official multi-word tags used at least twice are found
    local seen = {}
    for _, labels in ipairs(stories) do
      for _, label in ipairs(labels) do seen[label] = (seen[label] or 0) + 1 end
    end
    local wanted, found = 0, 0
    for label in pairs(official) do
      if (seen[label] or 0) >= 2 then
        wanted = wanted + 1
        if vocabulary.tags[label] then found = found + 1 end
      end
    end
    assert.is_true(found / wanted >= 0.8, ("%d of %d"):format(found, wanted))
  end)
end)
