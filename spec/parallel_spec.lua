-- -j N: worker processes over shards give the output of one process, byte
-- for byte; parse --framed --shard K/N outputs merge into it.
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"

-- An archive whose boilerplate only a learned profile removes, with a
-- file of several articles, a JSON Lines file and a sub-folder.
local function write_archive(dir)
  assert(os.execute('mkdir -p "' .. dir .. '/2016/b" "' .. dir .. '/2017"'))
  for i = 1, 40 do
    local folder = i % 3 == 0 and "/2016/b/" or (i % 2 == 0 and "/2016/" or "/2017/")
    support.write(("%s%sstory-%02d.txt"):format(dir, folder, i), table.concat({
      "The Weekly Ledger",
      ("Headline number %d about trade"):format(i),
      ("March %d, 2016"):format(i % 28 + 1),
      ("By Reporter %d"):format(i % 5),
      ("Paragraph one of story %d, on trade and tariffs."):format(i),
      ("Paragraph two of story %d with a caf\u{e9} and more words."):format(i),
      i % 4 == 0 and "Tags: trade, china, Tariffs" or "Tags: trade, US",
      "Subscribe to the Ledger for more news every day",
      "Ledger Media Group 2016",
    }, "\n\n") .. "\n")
  end
  support.write(dir .. "/2017/several.txt",
    "First of many\n\nJanuary 2, 2017\n\nIts body.\n\f\nSecond of many\n\nIts body too.\n")
  support.write(dir .. "/2017/records.jsonl", '{"title":"From JSON","body":["A line."],"words":3}\n')
end

local function run(args)
  local out, err, status = support.run(COMMAND .. " " .. args)
  return out .. "\nexit " .. status, err
end

describe("broadsheet -j N", function()
  local dir
  setup(function()
    dir = support.temp_dir()
    write_archive(dir .. "/archive")
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("learns the profile one process learns, with the workers", function()
    local learned = run('parse -j 1 "' .. dir .. '/archive"')
    assert.are_not.equal(run('parse -j 1 --no-learn "' .. dir .. '/archive"'), learned)
    assert.equal(learned, run('parse -j 2 "' .. dir .. '/archive"'))
  end)

  local commands = {
    "parse", "stats", "check", "query 'tag:china'", "query --json --sort date --limit 7 'trade'",
    "export -f csv", "export -f atom --title Ledger", "tags --learn", "tags --top 3",
    "parse --no-learn --pattern 'story-*.txt'",
  }
  for _, command in ipairs(commands) do
    it("prints what one process prints: " .. command, function()
      local paths = ' "' .. dir .. '/archive" "' .. dir .. '/missing.txt"'
      local serial, serial_err = run(command .. " -j 1" .. paths)
      assert.matches("exit 1$", serial)
      assert.matches("missing%.txt: No such file or directory", serial .. serial_err)
      for _, jobs in ipairs { 2, 3 } do
        local out, err = run(command .. " -j " .. jobs .. paths)
        assert.equal(serial, out)
        assert.equal(serial_err, err)
      end
    end)
  end

  it("writes -o FILE as one process does", function()
    run('-o "' .. dir .. '/one.jsonl" parse -j 1 "' .. dir .. '/archive"')
    run('-o "' .. dir .. '/two.jsonl" parse -j 2 "' .. dir .. '/archive"')
    assert.equal(support.read(dir .. "/one.jsonl"), support.read(dir .. "/two.jsonl"))
  end)

  it("stops its workers when a limit stops reading early", function()
    local out = run('query --limit 1 -j 2 trade "' .. dir .. '/archive"')
    assert.matches("^[^\n]+\n\nexit 0$", out)
  end)

  it("rejects a number of jobs that is not a whole number of at least 1", function()
    for _, bad in ipairs { "0", "1.5", "many" } do
      local out, err = run("parse -j " .. bad .. ' "' .. dir .. '/archive"')
      assert.matches("exit 2$", out)
      assert.matches("jobs must be a whole number", err)
    end
  end)
end)

-- An archive of more articles than the profile's sample (5,000), in files
-- of 101: the sample ends inside the 50th file, at its 51st article. Two
-- tag lines name "alpha beta", the sample's last two articles, and two
-- "zeta omega", the two after it: a vocabulary learned from one article too
-- many, or too few, is not the one the sample teaches.
local function write_large_archive(dir)
  assert(os.execute('mkdir -p "' .. dir .. '"'))
  local n = 0
  for file = 1, 52 do
    local articles = {}
    for i = 1, 101 do
      n = n + 1
      local tags = (n == 4999 or n == 5000) and "alpha beta" or (n == 5001 or n == 5002) and "zeta omega"
        or (n % 3 == 0 and "china trade" or "markets")
      articles[i] = table.concat({ "The Weekly Ledger", "", ("Story %d on the markets"):format(n), "",
        ("March %d, 2016"):format(n % 28 + 1), "", ("The body of story %d, on trade."):format(n), "", "",
        tags, "Send us a correction about this article", "" }, "\n")
    end
    support.write(("%s/%02d.txt"):format(dir, file), table.concat(articles, "\f\n"))
  end
end

describe("broadsheet -j N learning the profile", function()
  local dir
  setup(function()
    dir = support.temp_dir()
    write_large_archive(dir .. "/archive")
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("learns what one process learns from the sample, and prints what it prints", function()
    local cjson = require "cjson"
    local function parse(jobs)
      local profile = ("%s/profile-%d.json"):format(dir, jobs)
      local out = run(("parse -j %d --profile '%s' '%s/archive'"):format(jobs, profile, dir))
      return out, cjson.decode(support.read(profile))
    end
    local serial, profile = parse(1)
    assert.equal("The Weekly Ledger", profile.site)
    assert.same({ "Send us a correction about this article" }, profile.footers)
    assert.is_truthy(profile.vocabulary.tags["alpha beta"])
    assert.is_nil(profile.vocabulary.tags["zeta omega"])
    for _, jobs in ipairs { 2, 3 } do
      local out, learned = parse(jobs)
      assert.same(profile, learned)
      assert.equal(serial, out)
    end
  end)

  it("fails as one process does when the profile learned cannot be saved", function()
    local path = dir .. "/no-such-folder/profile.json"
    local serial, serial_err = run(("parse -j 1 --profile '%s' '%s/archive'"):format(path, dir))
    assert.matches("exit 1$", serial)
    assert.matches("no%-such%-folder/profile%.json: No such file or directory", serial_err)
    assert.same({ serial, serial_err }, { run(("parse -j 2 --profile '%s' '%s/archive'"):format(path, dir)) })
  end)

  it("fails, without waiting, when a worker ends before sharing what it learned", function()
    local parallel = require "broadsheet.parallel"
    local ok, err = pcall(parallel.start, "spec.dead_worker", { paths = { dir .. "/archive" }, pattern = "*.txt" },
      { profile = true, pattern = "*.txt" }, 2)
    assert.is_false(ok)
    assert.matches("worker 1/2: ended before it shared what it learned", err)
  end)
end)

describe("profile learners", function()
  it("merged, learn what one learner of all the documents learns", function()
    local profile = require "broadsheet.profile"
    local cjson = require "cjson"
    local texts = {}
    for i = 1, 300 do
      -- spellings that differ between the learners, and lines only some see
      local tag = ({ "Trade War", "trade war", "TRADE WAR", "Hong Kong" })[i % 4 + 1]
      texts[i] = table.concat({ "Masthead", "", "Story " .. i, "", "Its body, number " .. i .. ".", "", "",
        tag .. (i % 7 == 0 and " China" or "") .. " Markets", "Footer line " .. (i % 2), "" }, "\n")
    end
    local one = profile.learner()
    for _, text in ipairs(texts) do one.add(text) end
    local parts = { profile.learner(), profile.learner(), profile.learner() }
    for i, text in ipairs(texts) do parts[(i * i) % 3 + 1].add(text) end
    local merged = profile.learner()
    for _, part in ipairs(parts) do merged.merge(cjson.decode(cjson.encode(part.state()))) end
    local want = one.result()
    assert.same(want, merged.result())
    assert.equal("Masthead", want.site)
    assert.is_truthy(next(want.vocabulary.tags))
  end)
end)

describe("broadsheet merge", function()
  local dir
  setup(function()
    dir = support.temp_dir()
    write_archive(dir .. "/archive")
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("puts the framed outputs of the shards back in the order of one process", function()
    local serial = run('parse "' .. dir .. '/archive"')
    local parts = {}
    for k = 3, 1, -1 do
      parts[#parts + 1] = ('"%s/part-%d"'):format(dir, k)
      local out = run(('-o %s parse --framed --shard %d/3 "%s/archive"'):format(parts[#parts], k, dir))
      assert.equal("\nexit 0", out)
    end
    assert.equal(serial, run("merge " .. table.concat(parts, " ")))
  end)

  it("refuses a file that is not framed, and a frame cut short", function()
    support.write(dir .. "/plain.jsonl", '{"title":"x"}\n')
    local out, err = run('merge "' .. dir .. '/plain.jsonl"')
    assert.matches("exit 1$", out)
    assert.matches("plain%.jsonl: not framed records", err)
    support.write(dir .. "/cut", "\30" .. "1 100\n{}\n")
    out, err = run('merge "' .. dir .. '/cut"')
    assert.matches("exit 1$", out)
    assert.matches("cut: cut short inside a frame", err)
    support.write(dir .. "/counts", "\30" .. "skipped 9\n[1, 2, 3]")
    out, err = run('merge "' .. dir .. '/counts"')
    assert.matches("exit 1$", out)
    assert.matches("counts: skipped records not counted by kind", err)
  end)
end)

describe("broadsheet -j N over web archives", function()
  local warcs = support.shared("corpus/warc/warcs")

  it("counts the records that are no pages as one process does", function()
    if not warcs then return pending("../shared/corpus/warc/warcs is absent") end
    local cjson = require "cjson"
    local serial = run("stats -j 1 " .. warcs)
    assert.matches("\nskipped web archive records\n +%d+  request\n", serial)
    local serial_json = cjson.decode((run("stats --json -j 1 " .. warcs):gsub("\nexit %d+$", "")))
    assert.is_true(serial_json.skipped.request > 0 and serial_json.skipped["revisit (not HTML)"] > 0)
    for _, jobs in ipairs { 2, 3 } do
      assert.equal(serial, run(("stats -j %d %s"):format(jobs, warcs)), jobs .. " jobs")
      local json = run(("stats --json -j %d %s"):format(jobs, warcs)):gsub("\nexit %d+$", "")
      assert.same(serial_json, cjson.decode(json), jobs .. " jobs")
    end
  end)

  it("leaves the counts out of what merge prints", function()
    if not warcs then return pending("../shared/corpus/warc/warcs is absent") end
    local dir = support.temp_dir()
    local parts = {}
    for k = 1, 2 do
      parts[k] = ('"%s/part-%d"'):format(dir, k)
      assert.equal("\nexit 0", run(("-o %s parse --framed --no-learn --shard %d/2 %s/iana.warc.gz"):format(parts[k], k,
        warcs)))
    end
    assert.matches("\30skipped ", support.read(dir .. "/part-1") .. support.read(dir .. "/part-2"))
    assert.equal(run("parse -j 1 --no-learn " .. warcs .. "/iana.warc.gz"), run("merge " .. table.concat(parts, " ")))
    os.execute('rm -rf "' .. dir .. '"')
  end)
end)
