-- Learning a profile in one pass: the articles it learns from are kept and
-- parsed with what it learned, and the records, errors and skipped counts
-- are those of learning first (Archive:profile) and reading again.
local broadsheet = require "broadsheet"
local support = require "spec.support"

local DEMO = "examples/archive"

-- Records, errors and skipped counts of an archive read to its end.
local function reading(archive)
  return { records = archive:collect(), errors = archive.errors, skipped = archive.skipped }
end

local function two_pass(paths, opts)
  local learned = broadsheet.open(paths, opts):profile()
  local with = { profile = learned }
  for k, v in pairs(opts or {}) do with[k] = v end
  return reading(broadsheet.open(paths, with))
end

local function one_pass(paths, opts)
  local with = { profile = true }
  for k, v in pairs(opts or {}) do with[k] = v end
  return reading(broadsheet.open(paths, with))
end

describe("learning the profile in one pass", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    assert(os.execute(('lua5.4 bench/gen 120 "%s/gen" 7 > /dev/null'):format(dir)))
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("gives the demo archive's records as learning first does", function()
    local expected = two_pass(DEMO)
    assert.is_true(#expected.records > 10)
    assert.same(expected, one_pass(DEMO))
  end)

  it("gives a generated archive's records, learning from all of it or from a sample", function()
    local gen = dir .. "/gen"
    local expected = two_pass(gen)
    assert.truthy(expected.records[1].site) -- the profile was learned and used
    assert.same(expected, one_pass(gen))
    -- A sample smaller than the archive: kept records first, then the rest read on.
    local sampled = two_pass(gen, { profile_sample = 30 })
    assert.same(sampled, one_pass(gen, { profile_sample = 30 }))
  end)

  it("parses again the articles whose reading the profile changes, and only reuses the others", function()
    -- A masthead no rule takes alone (no date follows the headline) and a
    -- footer no rule knows: only the profile makes them so, in articles
    -- with LF or CRLF line ends, beside articles that never print them.
    local site = dir .. "/site"
    assert(os.execute(('mkdir "%s"'):format(site)))
    for i = 1, 14 do
      local text = ("Harbour Gazette\n\nHeadline number %d\n\nThe body of article %d, a sentence.\n\n" ..
                    "Printed by the harbour press\n"):format(i, i)
      if i % 3 == 0 then text = text:gsub("\n", "\r\n") end
      if i % 4 == 0 then text = ("Headline number %d\n\nOnly a body here, %d.\n"):format(i, i) end
      support.write(("%s/%02d.txt"):format(site, i), text)
    end
    local expected = two_pass(site)
    assert.equal("Harbour Gazette", expected.records[1].site)
    assert.equal("Printed by the harbour press", expected.records[1].footer)
    assert.same(expected, one_pass(site))
  end)

  it("learns on without keeping what it read once that passes 8 MiB, and reads the archive again", function()
    -- 8.7 MB of articles in files of 100: the text kept passes 8 MiB before
    -- the sample (all 1600) is learned.
    local big = dir .. "/big"
    assert(os.execute(('lua5.4 bench/gen --multi 100 1600 "%s" 3 > /dev/null'):format(big)))
    local expected = two_pass(big, { profile_sample = 1600 })
    assert.equal(1600, #expected.records)
    assert.same(expected, one_pass(big, { profile_sample = 1600 }))
  end)

  it("keeps errors, JSON records and skipped files in their places among the records", function()
    support.write(dir .. "/gen/0000/0000003.txt", "") -- empty: nothing to parse
    -- JSON Lines by their first line: a record, then an error.
    support.write(dir .. "/gen/0000/0000005.txt", '{"title": "A record"}\nnot json\n')
    for _, sample in ipairs { 4, 10, 5000 } do
      local expected = two_pass(dir .. "/gen", { profile_sample = sample })
      assert.is_true(#expected.errors > 0)
      assert.same(expected, one_pass(dir .. "/gen", { profile_sample = sample }))
    end
  end)

  it("makes `broadsheet parse` print what a saved profile loaded back gives", function()
    local gen, saved = dir .. "/gen", dir .. "/profile.json"
    local learned, _, status = support.run(('bin/broadsheet parse --profile "%s" "%s"'):format(saved, gen))
    assert.equal(0, status)
    local loaded = support.run(('bin/broadsheet parse --profile "%s" "%s"'):format(saved, gen))
    assert.is_true(#learned > 0)
    assert.equal(loaded, learned)
    assert.equal(learned, (support.run(('bin/broadsheet parse "%s"'):format(gen))))
  end)
end)
