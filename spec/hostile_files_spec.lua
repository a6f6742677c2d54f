-- Hostile files and faults: what broadsheet writes onto (devices, FIFOs,
-- symlinks, files with their own mode), exports that fail or are killed
-- half-way, folders holding things that are not files, and reads that
-- never end. Through the command and the Lua API.
local broadsheet = require "broadsheet"
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"

local function sh(command)
  local out, err, status = support.run(command)
  return out, err, status
end

local function mode_of(path)
  return (sh('stat -c %A "' .. path .. '"')):gsub("%s+$", "")
end

local function listing(dir)
  return (sh('ls -A "' .. dir .. '"'))
end

local function is_root()
  return (sh("id -u")):match("^0%s") ~= nil
end

describe("writing onto what is not a plain new file", function()
  local dir
  before_each(function() dir = support.temp_dir() end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("writes through to a device node and leaves it a device", function()
    if not is_root() then
      pending("not root: mknod cannot make a device node to write onto")
      return
    end
    assert(os.execute(('mknod "%s/null" c 1 3'):format(dir)))
    local _, err, status = sh(('%s export -f csv -o "%s/null" examples/archive'):format(COMMAND, dir))
    assert.equal(0, status, err)
    assert.matches("^c", mode_of(dir .. "/null"))
    broadsheet.open("examples/archive"):export("json", dir .. "/null")
    assert.matches("^c", mode_of(dir .. "/null"))
    assert.equal("null\n", listing(dir))
  end)

  it("streams into a FIFO, whose reader gets every byte, and leaves it a FIFO", function()
    assert(os.execute(('mkfifo "%s/pipe"'):format(dir)))
    os.execute(('sh -c \'cat "%s/pipe" > "%s/got"\' >/dev/null 2>&1 &'):format(dir, dir))
    local _, err, status = sh(('%s export -f csv -o "%s/pipe" examples/archive'):format(COMMAND, dir))
    assert.equal(0, status, err)
    for _ = 1, 50 do
      if #support.read(dir .. "/got") > 0 then break end
      os.execute("sleep 0.1")
    end
    local expected = sh(COMMAND .. " export -f csv examples/archive")
    assert.equal(expected, support.read(dir .. "/got"))
    assert.matches("^p", mode_of(dir .. "/pipe"))
  end)

  it("follows a symlink: the target is written, the link stays a link", function()
    os.execute(('mkdir "%s/real" && ln -s real/target.csv "%s/link.csv"'):format(dir, dir))
    support.write(dir .. "/real/target.csv", "old")
    local _, err, status = sh(('%s export -f csv -o "%s/link.csv" examples/archive'):format(COMMAND, dir))
    assert.equal(0, status, err)
    assert.matches("^l", mode_of(dir .. "/link.csv"))
    assert.matches("^id,date", support.read(dir .. "/real/target.csv"))
    broadsheet.open("examples/archive"):limit(1):export("jsonl", dir .. "/link.csv")
    assert.matches("^l", mode_of(dir .. "/link.csv"))
    assert.matches('^{"site"', support.read(dir .. "/real/target.csv"))
    assert.equal("target.csv\n", listing(dir .. "/real"))
  end)

  it("creates a dangling symlink's target", function()
    os.execute(('ln -s made.csv "%s/link.csv"'):format(dir))
    broadsheet.open("examples/archive"):export("csv", dir .. "/link.csv")
    assert.matches("^l", mode_of(dir .. "/link.csv"))
    assert.matches("^id,date", support.read(dir .. "/made.csv"))
  end)

  it("keeps a file's mode (0600 stays 0600), through the command and the Lua API", function()
    local path = dir .. "/private.csv"
    support.write(path, "old")
    os.execute(('chmod 600 "%s"'):format(path))
    local _, err, status = sh(('%s export -f csv -o "%s" examples/archive'):format(COMMAND, path))
    assert.equal(0, status, err)
    assert.equal("-rw-------", mode_of(path))
    os.execute(('chmod 640 "%s"'):format(path))
    broadsheet.open("examples/archive"):export("csv", path)
    assert.equal("-rw-r-----", mode_of(path))
    assert.equal("private.csv\n", listing(dir))
  end)

  it("writes a --profile file the same way: through a symlink to its target", function()
    os.execute(('cp -r examples/archive "%s/a" && ln -s saved.json "%s/profile.json"'):format(dir, dir))
    local _, err, status = sh(('%s parse --profile "%s/profile.json" "%s/a"'):format(COMMAND, dir, dir))
    assert.equal(0, status, err)
    assert.matches("^l", mode_of(dir .. "/profile.json"))
    assert.matches('"footers"', support.read(dir .. "/saved.json"))
  end)

  it("names the path and the reason when -o cannot be written, not a temporary name", function()
    local path = dir .. "/missing/out.csv"
    local _, err, status = sh(('%s export -f csv -o "%s" examples/archive'):format(COMMAND, path))
    assert.equal(1, status)
    assert.equal("broadsheet: " .. path .. ": No such file or directory\n", err)
    local ok, message = pcall(function() broadsheet.open("examples/archive"):export("csv", path) end)
    assert.is_false(ok)
    assert.equal(path .. ": No such file or directory", message)
  end)
end)

describe("split exports", function()
  local dir
  before_each(function() dir = support.temp_dir() end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("make the missing parent folders, through the command and the Lua API", function()
    local _, err, status = sh(('%s export -f markdown --split -o "%s/site/content" examples/archive')
      :format(COMMAND, dir))
    assert.equal(0, status, err)
    local _, files = listing(dir .. "/site/content"):gsub("%.md\n", "")
    assert.equal(12, files)
    assert.equal(12, broadsheet.open("examples/archive"):export("markdown", dir .. "/deep/er/content/",
      { split = true }))
    assert.equal("content\n", listing(dir .. "/deep/er"))
  end)

  it("that fail half-way leave the destination as it was and no temporary folder", function()
    os.execute(('mkdir "%s/out" && echo keep > "%s/out/old.txt"'):format(dir, dir))
    local written = 0
    local failing = { name = "failing", extension = "txt", article = function(out)
      out:write("partial")
      written = written + 1
      if written == 3 then error("writer broke at 3", 0) end
    end }
    local ok, err = pcall(function()
      broadsheet.open("examples/archive"):export(failing, dir .. "/out", { split = true })
    end)
    assert.is_false(ok)
    assert.equal("writer broke at 3", err)
    assert.equal("old.txt\n", listing(dir .. "/out"))
    assert.equal("out\n", listing(dir))
    -- the command, with a format file that fails the same way
    support.write(dir .. "/failing.lua", [[local written = 0
    return { name = "failing", article = function(out)
      out:write("partial")
      written = written + 1
      if written == 3 then error("writer broke at 3", 0) end
    end }]])
    local _, cmd_err, status = sh(('%s export --format "%s/failing.lua" --split -o "%s/new" examples/archive')
      :format(COMMAND, dir, dir))
    assert.equal(1, status)
    assert.matches("writer broke at 3", cmd_err, 1, true)
    assert.equal("failing.lua\nout\n", listing(dir))
  end)

  it("name files by a string id only: no table address, no leading dash", function()
    local records = {
      { id = { 1 }, title = "A table id", body = { "a" } },
      { id = "-rf", title = "A dash", body = { "b" } },
    }
    local i = 0
    require("broadsheet.formats").export("text", function() i = i + 1 return records[i] end, dir .. "/out",
      { split = true })
    local names = listing(dir .. "/out")
    assert.is_nil(names:find("table", 1, true))
    assert.is_nil(names:find("^%-") or names:find("\n%-"))
    assert.matches("^%x+%.txt\nrf%.txt\n$", names)
  end)
end)

describe("folders that hold what is not an article file", function()
  local dir
  setup(function()
    dir = support.temp_dir()
    os.execute(('cp examples/archive/01-ransomware-hospitals.txt "%s/ok.txt"'):format(dir))
    os.execute(('cd "%s" && ln -s nowhere.txt dangling.txt && ln -s loop-b.txt loop-a.txt && '
      .. 'ln -s loop-a.txt loop-b.txt && mkfifo fifo.txt && touch out.csv.tmp-Ab12Cd'):format(dir))
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("reports each skipped entry and exits 1", function()
    local out, err, status = sh(('%s parse --no-learn "%s"'):format(COMMAND, dir))
    assert.equal(1, status)
    local _, records = out:gsub("\n", "")
    assert.equal(1, records)
    assert.matches(dir .. "/dangling.txt: a dangling symlink, skipped", err, 1, true)
    assert.matches(dir .. "/loop-a.txt: a symlink loop, skipped", err, 1, true)
    assert.matches(dir .. "/fifo.txt: a FIFO, skipped", err, 1, true)
  end)

  it("check lists them, and the temporary files a killed run left", function()
    local out, _, status = sh(('%s check --no-learn "%s"'):format(COMMAND, dir))
    assert.equal(1, status)
    assert.matches(dir .. "/dangling.txt: a dangling symlink, skipped\n", out, 1, true)
    assert.matches(dir .. "/loop-b.txt: a symlink loop, skipped\n", out, 1, true)
    assert.matches(dir .. "/fifo.txt: a FIFO, skipped\n", out, 1, true)
    assert.matches(dir .. "/out.csv.tmp-Ab12Cd: a temporary file left by an interrupted broadsheet run", out, 1, true)
    assert.matches("1 articles, 0 with warnings, 0 not articles, 5 not read\n", out, 1, true)
  end)

  it("reports a device in a folder, through the Lua API", function()
    if not is_root() then
      pending("not root: mknod cannot make a device node")
      return
    end
    local devices = support.temp_dir()
    os.execute(('mknod "%s/zero.txt" c 1 5'):format(devices))
    local archive = broadsheet.open(devices)
    assert.equal(0, archive:count())
    assert.same({ { where = devices .. "/zero.txt", message = "a device, skipped" } }, archive.errors)
    os.execute('rm -rf "' .. devices .. '"')
  end)

  it("names a folder it cannot list in the user's terms", function()
    local archive = broadsheet.open(dir .. "/missing-folder/")
    archive:count()
    assert.is_nil(tostring(archive.errors[1].message):find("%.lua:%d"))
  end)
end)

describe("reads that never end", function()
  it("parse - < /dev/zero ends with an error naming the source and the limit", function()
    local _, err, status = sh(COMMAND .. " parse - < /dev/zero")
    assert.equal(1, status)
    assert.matches("^broadsheet: %-:1: line longer than the limit of 268435456 bytes", err)
  end)

  it("bounds a file's line, a JSON line and standard input by opts.limits.article_bytes", function()
    local dir = support.temp_dir()
    support.write(dir .. "/long.txt", string.rep("x", 300000) .. "\n\nBody.\n")
    support.write(dir .. "/long.jsonl", '{"title":"ok"}\n{"title":"' .. string.rep("y", 300000) .. '"}\n')
    support.write(dir .. "/short.txt", "Headline\n\nBody.\n")
    local archive = broadsheet.open({ dir .. "/long.txt", dir .. "/long.jsonl", dir .. "/short.txt" },
      { limits = { article_bytes = 100000 } })
    local titles = {}
    for record in archive:each() do titles[#titles + 1] = record.title end
    assert.same({ "ok", "Headline" }, titles)
    assert.equal(2, #archive.errors)
    assert.equal(dir .. "/long.txt:1", archive.errors[1].where)
    assert.matches("line longer than the limit of 100000 bytes", archive.errors[1].message, 1, true)
    assert.equal(dir .. "/long.jsonl:2", archive.errors[2].where)
    os.execute('rm -rf "' .. dir .. '"')
  end)
end)

describe("signals", function()
  local dir
  setup(function()
    dir = support.temp_dir()
    -- A format slow enough to be caught in the middle of an export.
    support.write(dir .. "/slow.lua", [[return { name = "slow", article = function(out, record)
      local n = 0
      for i = 1, 3e7 do n = n + i end
      out:write(record.title, n, "\n")
    end }]])
  end)
  teardown(function() os.execute('rm -rf "' .. dir .. '"') end)

  -- Starts the command in the background, waits for its temporary output to
  -- appear, sends the signal, and returns the exit status and standard error.
  local function interrupt(signal, output_args, out_dir, ignoring)
    os.execute(('rm -rf "%s" && mkdir -p "%s"'):format(out_dir, out_dir))
    local script = (ignoring and ("trap '' " .. ignoring .. "\n") or "") .. ([[
      %s export --format "%s/slow.lua" %s examples/archive 2> "%s.err" & pid=$!
      i=0
      while [ $i -lt 300 ] && ! ls -a "%s" | grep -q 'tmp-'; do sleep 0.05; i=$((i+1)); done
      sleep 0.3
      kill %s $pid
      wait $pid
      echo $?]]):format(COMMAND, dir, output_args, out_dir, out_dir, signal)
    local out = sh(script)
    return tonumber(out:match("(%d+)%s*$")), support.read(out_dir .. ".err")
  end

  for _, case in ipairs { { "TERM", 143 }, { "HUP", 129 }, { "INT", 130 } } do
    it("SIG" .. case[1] .. " removes the temporary file and says only 'interrupted'", function()
      local out_dir = dir .. "/out-" .. case[1]
      local status, err = interrupt("-" .. case[1], ('-o "%s/export.txt"'):format(out_dir), out_dir)
      assert.equal(case[2], status)
      assert.equal("broadsheet: interrupted\n", err)
      assert.equal("", listing(out_dir))
    end)
  end

  it("SIGTERM during a --split export leaves no staged folder and no files", function()
    local out_dir = dir .. "/split"
    local status, err = interrupt("-TERM", ('--split -o "%s/content"'):format(out_dir), out_dir)
    assert.equal(143, status)
    assert.equal("broadsheet: interrupted\n", err)
    assert.equal("", listing(out_dir))
  end)

  it("SIGTERM stops a parse between two records of a stream", function()
    -- Built-in formats run no slow code of their own: the command stops at
    -- the next record it reads, with the same clean-up.
    local out_dir = dir .. "/stream"
    os.execute(('rm -rf "%s" && mkdir -p "%s"'):format(out_dir, out_dir))
    local line = '{"title":"A headline","date":"2024-05-01","body":["One paragraph of text."],"tags":["news"]}'
    local out = sh(([[
      yes '%s' | head -n 3000000 | %s -o "%s/records.jsonl" parse - 2> "%s.err" & pid=$!
      i=0
      while [ $i -lt 300 ] && ! ls -a "%s" | grep -q 'tmp-'; do sleep 0.05; i=$((i+1)); done
      sleep 0.3
      kill -TERM $pid
      wait $pid
      echo $?]]):format(line, COMMAND, out_dir, out_dir, out_dir))
    assert.equal(143, tonumber(out:match("(%d+)%s*$")))
    assert.equal("broadsheet: interrupted\n", support.read(out_dir .. ".err"))
    assert.equal("", listing(out_dir))
  end)

  it("leaves SIGHUP ignored when started ignoring it (nohup)", function()
    local out_dir = dir .. "/nohup"
    local status, err = interrupt("-HUP $pid; sleep 0.3; kill -TERM", ('-o "%s/export.txt"'):format(out_dir), out_dir,
      "HUP")
    assert.equal(143, status)
    assert.equal("broadsheet: interrupted\n", err)
  end)
end)
