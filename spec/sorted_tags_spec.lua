-- Multi-word tags in space-joined tag lines with no vocabulary given: the
-- order of lines sorted by name, stop words, and the vocabulary the parse of
-- a directory learns in its first pass.
local broadsheet = require "broadsheet"
local cjson = require "cjson"
local reuters = require "spec.reuters_archive"
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"

local function parse_lines(out)
  local records = {}
  for line in out:gmatch("[^\n]+") do records[#records + 1] = cjson.decode(line) end
  return records
end

local function run_ok(command)
  local out, err, status = support.run(command)
  assert(status == 0, command .. ": " .. err)
  return out
end

describe("a space-joined tag line of one article", function()
  local function labels(line)
    return broadsheet.parse("Headline\n\nBody text.\n\n\n" .. line .. "\nSend us a news tip").tag_labels
  end

  it("is read in order where it is sorted by name: two words out of order are one tag", function()
    assert.same({ "artificial intelligence", "Europe", "France", "machine learning", "start-ups" },
      labels("artificial intelligence Europe France machine learning start-ups"))
    assert.same({ "Asia", "China", "speech recognition", "US" }, labels("Asia China speech recognition US"))
  end)

  it("compares names as WordPress sorts them, U.S. before UK", function()
    assert.same({ "broadband", "smartphones", "U.S.", "UK" }, labels("broadband smartphones U.S. UK"))
  end)

  it("never takes a stop word for a tag", function()
    assert.same({ "energy", "internet of things", "security", "UK" }, labels("energy internet of things security UK"))
    assert.same({ "cocoa", "el salvador", "usa" }, labels("cocoa el salvador usa"))
  end)

  it("keeps the words of a line in no order apart", function()
    assert.same({ "US", "trade", "war", "China" }, labels("US trade war China"))
    assert.same({ "zebra", "apple", "mango", "banana" }, labels("zebra apple mango banana"))
  end)
end)

describe("the parse of a directory", function()
  it("learns the demo archive's multi-word tags in its first pass", function()
    local records = parse_lines(run_ok(COMMAND .. " parse examples/archive"))
    local by_file, all = {}, {}
    for _, record in ipairs(records) do
      by_file[record.source:match("[^/]+$")] = table.concat(record.tags or {}, " ")
      for _, slug in ipairs(record.tags or {}) do all[slug] = true end
    end
    for _, slug in ipairs { "machine-learning", "internet-of-things", "speech-recognition",
        "artificial-intelligence", "data-centres", "cloud-computing" } do
      assert(all[slug], slug .. " not found")
    end
    assert.is_nil(all["of"])
    -- Lines of one-word tags, and Tags: lines, read as before.
    assert.equal("europe hacking healthcare ransomware security", by_file["01-ransomware-hospitals.txt"])
    assert.equal("asia semiconductors trade 中国", by_file["04-chip-export.txt"])
    assert.equal("broadband europe satellites telecoms", by_file["08-satellite-broadband.txt"])
    assert.equal("elections security us", by_file["11-election-security.txt"])
    assert.equal("artificial-intelligence mobile privacy smartphones speech-recognition",
      by_file["12-phone-assistant.txt"])
  end)

  it("carries the vocabulary in the profile, which a tagger with a vocabulary of its own ignores", function()
    local profile = broadsheet.open("examples/archive"):profile()
    assert.is_true(profile.vocabulary.sorted)
    assert.truthy(profile.vocabulary.tags["artificial intelligence"])
    local tagger = broadsheet.tags.new { vocabulary = { ["open source"] = 1 } }
    local records = broadsheet.open("examples/archive", { profile = profile, tagger = tagger }):collect()
    assert.same({ "cloud", "computing", "databases", "licensing", "open-source" }, records[9].tags)
  end)

  it("tags --learn learns no stop word as a tag", function()
    local vocabulary = run_ok(COMMAND .. " tags --learn examples/archive")
    assert.matches('%["internet of things"%] = 1', vocabulary)
    assert.not_matches('%["of"%]', vocabulary)
    assert.matches("sorted = true", vocabulary)
  end)
end)

describe("Reuters-21578 as a WordPress archive", function()
  local dir = support.shared("corpus/reuters21578")
  if not dir then
    pending("../shared/corpus/reuters21578 is absent: sorted tag line checks skipped")
    return
  end

  -- Every article's tags exactly right, as the default tagger names them.
  local function score(stories, out)
    local tagger, right, total = broadsheet.tags.new { spellings = false }, 0, 0
    for _, record in ipairs(parse_lines(out)) do
      local story = stories[tonumber(record.source:match("(%d+)%.txt$"))]
      local want = tagger:normalize(story.labels)
      local got = { table.unpack(record.tags or {}) }
      table.sort(want)
      table.sort(got)
      total = total + 1
      if table.concat(want, " ") == table.concat(got, " ") then right = right + 1 end
    end
    assert.equal(#stories, total)
    return right / total
  end

  it("gets every tag of 97% of the articles by default, and of 99.5% with a learned vocabulary", function()
    -- Half the corpus (reut2-000 to -010) keeps the suite quick; the whole
    -- corpus scores alike.
    local stories = reuters.stories(dir, 11)
    local archive = support.temp_dir()
    finally(function() os.execute(("rm -rf %q"):format(archive)) end)
    reuters.write(archive, stories)
    local default = score(stories, run_ok(("%s parse %q"):format(COMMAND, archive)))
    local vocab = archive .. ".vocab.lua"
    finally(function() os.remove(vocab) end)
    run_ok(("%s -o %q tags --learn %q"):format(COMMAND, vocab, archive))
    local learned = score(stories, run_ok(("%s parse --vocabulary %q %q"):format(COMMAND, vocab, archive)))
    print(("\nReuters-21578, %d articles with tags: every tag right for %.2f%% by default, %.2f%% with"
      .. " tags --learn's vocabulary"):format(#stories, default * 100, learned * 100))
    assert(default >= 0.97, ("default parse: %.2f%%"):format(default * 100))
    assert(learned >= 0.995, ("with a learned vocabulary: %.2f%%"):format(learned * 100))
  end)
end)
