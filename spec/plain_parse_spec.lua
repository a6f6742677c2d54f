-- bench/plain_parse.lua, the plain-Lua baseline that bench/run times beside
-- broadsheet.parse (issue 6): it must give the same records on the demo archive.
local broadsheet = require "broadsheet"
local core = require "broadsheet.core"
local lfs = require "lfs"
local support = require "spec.support"

local plain = dofile("bench/plain_parse.lua")

local ARCHIVE = "examples/archive"

local function archive_files()
  local files = {}
  for name in lfs.dir(ARCHIVE) do
    if name:match("%.txt$") then files[#files + 1] = ARCHIVE .. "/" .. name end
  end
  table.sort(files)
  return files
end

describe("bench/plain_parse.lua", function()
  local files = archive_files()

  it("has the twelve demo articles to compare", function()
    assert.equal(12, #files)
  end)

  for _, path in ipairs(files) do
    it("gives broadsheet.parse's record for " .. path, function()
      local text = support.read(path)
      -- The baseline splits a space-joined tag line at its spaces, as the
      -- core does: the reading of such lines as tags is Lua policy on top.
      local expected = broadsheet.parse(text, { segment = false })
      expected.source = nil
      assert.same(expected, plain.parse(text))
    end)
  end

  it("reads the dates the core reads, and rejects what it rejects", function()
    for _, s in ipairs {
      "Tue 14 Jun 2016", "14 June 2016", "June 14, 2016", "2016-06-14T09:30:00Z", "26-FEB-1987",
      "Wed, 18 Jul 2018 14:05:00 +0200", "Published 3 March 2017", "Posted on June 14th, 2016 at 3:45 pm",
      "Thu, 07 Apr 2016 08:15:00 +0000 (UTC)", "14 Jun 2016 - 10:00 EST", "Dated: 1 Sept. 2016",
      "31 Feb 2016", "June 2016", "14 June 2016 was a Tuesday", "2016-06-14T25:00:00Z", "Dated14 June 2016",
    } do
      assert.equal(core.parse_date(s) or false, plain.parse_date(s) or false, s)
    end
  end)

  it("hashes ids as the core does, 64-bit arithmetic wrapping as in C", function()
    local s = "Ransomware gang targets hospital networks \u{2014} caf\u{e9} \u{4e2d}\u{56fd}"
    for n = 0, #s do
      local prefix = s:sub(1, n)
      assert.equal(core.hash(prefix), ("%016x"):format(plain.id_add(0xcbf29ce484222325, prefix)))
    end
  end)

  it("slugs ASCII labels as the core does, and keeps non-Latin ones", function()
    assert.equal("internet-of-things", plain.slug("Internet of Things"))
    assert.equal("start-ups", plain.slug("start-ups"))
    assert.equal("us", plain.slug("U.S."))
    assert.equal("\u{4e2d}\u{56fd}", plain.slug("\u{4e2d}\u{56fd}"))
  end)

  it("marks an empty document as the core does", function()
    local expected = broadsheet.parse(" \n\n")
    expected.source = nil
    assert.same(expected, plain.parse(" \n\n"))
  end)
end)
