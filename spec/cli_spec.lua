-- The broadsheet command, run as a user runs it.
local cjson = require "cjson"
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"

local function records(out)
  local list = {}
  for line in out:gmatch("[^\n]+") do list[#list + 1] = cjson.decode(line) end
  return list
end

describe("broadsheet parse", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    assert(os.execute('mkdir -p "' .. dir .. '/sub/.hidden"'))
    support.write(dir .. "/a.txt", "First headline\n\nFirst body.\n")
    support.write(dir .. "/sub/b.txt", "Second headline\n\nSecond body.\n")
    support.write(dir .. "/sub/notes.md", "Not an article\n")
    support.write(dir .. "/sub/.hidden/c.txt", "Hidden\n\nHidden body.\n")
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("prints one JSON record per file, walking directories in order", function()
    local out, err, status = support.run(COMMAND .. ' parse "' .. dir .. '"')
    assert.equal("", err)
    assert.equal(0, status)
    local list = records(out)
    assert.equal(2, #list)
    assert.equal("First headline", list[1].title)
    assert.equal(dir .. "/a.txt", list[1].source)
    assert.same({ "Second body." }, list[2].body)
    assert.equal(dir .. "/sub/b.txt", list[2].source)
  end)

  it("keeps the path as given for a file, and reads - from standard input", function()
    local out = support.run(COMMAND .. ' parse "' .. dir .. '/a.txt" -', "Piped headline\n\nPiped body.\n")
    local list = records(out)
    assert.equal(dir .. "/a.txt", list[1].source)
    assert.equal("Piped headline", list[2].title)
    assert.equal("-", list[2].source)
  end)

  it("reports an unreadable file on one line, parses the rest, and exits 1", function()
    local out, err, status = support.run(COMMAND .. ' parse "' .. dir .. '/missing.txt" "' .. dir .. '/a.txt"')
    assert.equal(1, status)
    assert.matches("^broadsheet: " .. dir:gsub("%p", "%%%0") .. "/missing%.txt: No such file or directory\n$", err)
    assert.equal(1, #records(out))
  end)

  it("exits 2 with a usage message on bad usage", function()
    local _, err, status = support.run(COMMAND .. " parse")
    assert.equal(2, status)
    assert.matches("^broadsheet: usage: ", err)
    _, err, status = support.run(COMMAND .. " frobnicate")
    assert.equal(2, status)
    assert.matches("^broadsheet: usage: ", err)
  end)

  it("writes -o FILE through a temporary file that leaves nothing behind", function()
    for _ = 1, 3 do
      local _, _, status = support.run(COMMAND .. ' -o "' .. dir .. '/same.jsonl" parse "' .. dir .. '/a.txt"')
      assert.equal(0, status)
    end
    assert.equal("a.txt\nsame.jsonl\nsub\n", (support.run('ls "' .. dir .. '"')))
  end)

  it("writes to -o FILE", function()
    local out, _, status = support.run(COMMAND .. ' -o "' .. dir .. '/out.jsonl" parse "' .. dir .. '/a.txt"')
    assert.equal(0, status)
    assert.equal("", out)
    assert.equal("First headline", records(support.read(dir .. "/out.jsonl"))[1].title)
  end)

  it("prints the seed article's full record", function()
    local seed = support.shared("seed/000_45b1fb54bce00bc4.txt")
    if not seed then
      pending("../shared/seed is absent: seed check skipped")
      return
    end
    local record = records(support.run(COMMAND .. " parse " .. seed))[1]
    assert.equal("The Stack Archive", record.site)
    assert.equal("2016-06-14", record.date)
    assert.same({ "asia", "china", "hacking", "security", "us" }, record.tags)
    assert.equal(10, #record.body)
  end)
end)

describe("broadsheet tags", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    local lines = { "Asia Hong Kong trade", "Hong Kong stocks", "USA banking Hong Kong", "Asia China U.S." }
    for i, line in ipairs(lines) do
      support.write(("%s/%d.txt"):format(dir, i), ("Headline %d\n\nBody.\n\n\n%s\n"):format(i, line))
    end
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("prints count, slug and label, most frequent first", function()
    local out, err, status = support.run(COMMAND .. ' tags --top 3 "' .. dir .. '"')
    assert.equal(0, status, err)
    -- "Hong Kong" recurs whole: the first pass over the directory learns it.
    -- The learned vocabulary casts no vote on spellings: "USA" and "U.S."
    -- are printed once each, and the one seen first is the label.
    assert.equal("      3  hong-kong  Hong Kong\n      2  asia  Asia\n      2  us  USA\n", out)
  end)

  it("prints JSON with --json", function()
    local out = support.run(COMMAND .. ' tags --json "' .. dir .. '"')
    local rows = cjson.decode(out)
    assert.same({ slug = "hong-kong", label = "Hong Kong", count = 3 }, rows[1])
    assert.equal(7, #rows) -- asia hong-kong trade stocks us banking china
  end)

  it("learns a vocabulary that parse and tags then use", function()
    local vocab = dir .. "/vocab.lua"
    local _, err, status = support.run(COMMAND .. ' -o "' .. vocab .. '" tags --learn "' .. dir .. '"')
    assert.equal(0, status, err)
    assert.matches('%["Hong Kong"%] = 3', support.read(vocab))
    local out = support.run(COMMAND .. ' tags --top 2 --vocabulary "' .. vocab .. '" "' .. dir .. '"')
    assert.equal("      3  hong-kong  Hong Kong\n      2  asia  Asia\n", out)
    out = support.run(COMMAND .. ' parse --vocabulary "' .. vocab .. '" "' .. dir .. '/3.txt"')
    assert.same({ "us", "banking", "hong-kong" }, cjson.decode(out).tags)
  end)

  it("reports a vocabulary that cannot be loaded as bad usage", function()
    local _, err, status = support.run(COMMAND .. ' tags --vocabulary /nonexistent.lua "' .. dir .. '"')
    assert.equal(2, status)
    assert.matches("^broadsheet: /nonexistent.lua: ", err)
  end)
end)

describe("broadsheet query, stats and check", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    support.write(dir .. "/1.txt", "Cloud prices fall\n\n3 March 2017\n\nPrices fell.\n\n\nCloud Europe\n")
    support.write(dir .. "/2.txt", "Cloud prices rise\n\n2016-06-14\n\nPrices rose.\n\n\nCloud US\n")
    support.write(dir .. "/3.txt", "Election security\n\n1 December 2015\n\nOfficials rehearsed.\n\n\nelections US\n")
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("query prints date, id and title of the matching articles", function()
    local out, err, status = support.run(COMMAND .. " query 'tag:cloud' --sort date \"" .. dir .. '"')
    assert.equal(0, status, err)
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.equal(2, #lines)
    assert.matches("^2016%-06%-14 +%x+  Cloud prices rise$", lines[1])
    assert.matches("^2017%-03%-03 +%x+  Cloud prices fall$", lines[2])
  end)

  it("query --json prints records, and --limit and --reverse apply", function()
    local out = support.run(COMMAND .. " query 'tag:us' --json --sort date --reverse --limit 1 \"" .. dir .. '"')
    assert.equal("Cloud prices rise", records(out)[1].title)
    assert.equal(1, #records(out))
  end)

  it("query reports a syntax error with the column and a caret, exit 2", function()
    local out, err, status = support.run(COMMAND .. " query 'tag:cloud (site:x' \"" .. dir .. '"')
    assert.equal(2, status)
    assert.equal("", out)
    assert.equal("broadsheet: query: column 18: expected ')'\ntag:cloud (site:x\n                 ^\n", err)
  end)

  it("stats prints counts and a bar chart per month", function()
    local out, err, status = support.run("env -u COLUMNS " .. COMMAND .. ' stats "' .. dir .. '"')
    assert.equal(0, status, err)
    assert.matches("articles  3\n", out, 1, true)
    assert.matches("dates     2015-12-01 .. 2017-03-03 (0 undated)", out, 1, true)
    -- 80 columns: the month and count take 17, the bar all but the last of the rest.
    assert.matches("2016-06       1  " .. string.rep("█", 62) .. "\n", out, 1, true)
    assert.matches("      2  us  US\n", out, 1, true)
    local stats = cjson.decode((support.run(COMMAND .. ' stats --json "' .. dir .. '"')))
    assert.equal(3, stats.articles)
  end)

  it("check passes a clean archive and fails on warnings and non-articles", function()
    local out, _, status = support.run(COMMAND .. ' check "' .. dir .. '"')
    assert.equal(0, status)
    assert.equal("3 articles, 0 with warnings, 0 not articles\n", out)
    support.write(dir .. "/4.txt", "Caf\233\n\nBody.\n")
    support.write(dir .. "/5.txt", "\n\n")
    out, _, status = support.run(COMMAND .. ' check "' .. dir .. '"')
    assert.equal(1, status)
    assert.matches(dir .. "/4.txt: invalid UTF-8 decoded as Windows-1252 (1)\n", out, 1, true)
    assert.matches(dir .. "/5.txt: not an article: empty document\n", out, 1, true)
    assert.matches("5 articles, 1 with warnings, 1 not articles\n", out, 1, true)
  end)

  it("learns a directory's profile first, unless told not to, and saves it with --profile", function()
    for i = 1, 12 do
      support.write(("%s/p%02d.txt"):format(dir, i),
        ("Daily Bugle\n\nStory %d\n\nBody %d.\n\nPrinted by the Bugle Press.\n"):format(i, i))
    end
    local list = records((support.run(COMMAND .. ' parse "' .. dir .. '"')))
    assert.equal("Daily Bugle", list[#list].site)
    assert.equal("Printed by the Bugle Press.", list[#list].footer)
    list = records((support.run(COMMAND .. ' parse --no-learn "' .. dir .. '"')))
    assert.equal("Daily Bugle", list[#list].title)
    local profile = dir .. "/profile.json"
    support.run(COMMAND .. ' parse --profile "' .. profile .. '" "' .. dir .. '"')
    assert.equal("Daily Bugle", cjson.decode(support.read(profile)).site)
    list = records((support.run(COMMAND .. ' parse --profile "' .. profile .. '" "' .. dir .. '/p01.txt"')))
    assert.equal("Daily Bugle", list[1].site)
  end)

  it("reads its own JSON Lines back", function()
    local jsonl = dir .. "/all.jsonl"
    support.run(COMMAND .. ' -o "' .. jsonl .. '" parse "' .. dir .. '"')
    local out = support.run(COMMAND .. ' query "tag:us" "' .. jsonl .. '"')
    local _, lines = out:gsub("\n", "")
    assert.equal(2, lines)
  end)
end)

describe("broadsheet --shard", function()
  local function by_source(out)
    local list, map = records(out), {}
    for _, record in ipairs(list) do map[record.source] = record end
    return map, #list
  end

  for _, dir in ipairs { "examples/archive", support.shared("corpus/bbc") or false } do
    it("splits " .. tostring(dir) .. " into 4 shards that together equal the serial output", function()
      if not dir then
        pending("../shared/corpus/bbc is absent: BBC shard check skipped")
        return
      end
      local serial, total = by_source((support.run(COMMAND .. " parse " .. dir)))
      local seen = 0
      for k = 1, 4 do
        local shard, count = by_source((support.run(("%s parse --shard %d/4 %s"):format(COMMAND, k, dir))))
        assert.is_true(count < total)
        for source, record in pairs(shard) do
          assert.same(serial[source], record)
          seen = seen + 1
        end
      end
      assert.equal(total, seen)
    end)
  end

  it("refuses a shard outside 1..N", function()
    local _, err, status = support.run(COMMAND .. " parse --shard 0/4 examples/archive")
    assert.equal(2, status)
    assert.matches("shard must be K/N", err)
  end)
end)

describe("the progress line", function()
  it("shows on a terminal and not in a pipe", function()
    local bbc = support.shared("corpus/bbc")
    if not bbc then
      pending("../shared/corpus/bbc is absent: progress check skipped")
      return
    end
    local command = "BROADSHEET_PROGRESS_DELAY=0 " .. COMMAND .. " parse --no-learn " .. bbc .. " > /dev/null"
    local terminal = support.run("script -qc '" .. command .. "' /dev/null")
    assert.matches("\rbroadsheet: %d+/2225 files, %d+%%, %d+ articles, %d+ a second", terminal)
    assert.matches("\r\27[K", terminal, 1, true)
    local _, piped = support.run(command)
    assert.equal("", piped)
  end)
end)
