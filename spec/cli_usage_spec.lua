-- What a new user meets at the command line: queries that start with "-",
-- --version, the bare command, each command's own usage, the progress line
-- on a terminal only, and stats charts that fit the terminal.
local support = require "spec.support"

local COMMAND = "lua5.4 bin/broadsheet"
local DEMO = "examples/archive"

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function ids(out)
  local list = {}
  for id in out:gmatch("%s(%x+)  ") do list[#list + 1] = id end
  table.sort(list)
  return list
end

describe("a query that starts with -", function()
  it("is the query of `broadsheet query`, not an option", function()
    local out, err, status = support.run(COMMAND .. " query '-tag:europe' " .. DEMO)
    assert.equal("", err)
    assert.equal(0, status)
    local want = support.run(COMMAND .. " query 'NOT tag:europe' " .. DEMO)
    assert.equal(7, #ids(out))
    assert.same(ids(want), ids(out))
    -- Options still work around it.
    local sorted = support.run(COMMAND .. " query --sort date '-tag:europe' " .. DEMO .. " --limit 2")
    assert.equal(2, #ids(sorted))
  end)

  it("is the value of export -q, -q=, --query and --query=", function()
    local want = support.run(COMMAND .. " export -f csv -q 'NOT tag:europe' " .. DEMO)
    local _, rows = want:gsub("\n%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x,", "")
    assert.equal(7, rows)
    for _, form in ipairs { "-q '-tag:europe'", "-q=-tag:europe", "--query '-tag:europe'", "--query=-tag:europe" } do
      local out, err, status = support.run(COMMAND .. " export -f csv " .. form .. " " .. DEMO)
      assert.equal("", err, form)
      assert.equal(0, status, form)
      assert.equal(want, out, form)
    end
  end)

  it("-q= keeps a query that does not start with -", function()
    local want = support.run(COMMAND .. " export -f csv -q 'tag:europe' " .. DEMO)
    assert.equal(want, (support.run(COMMAND .. " export -f csv -q=tag:europe " .. DEMO)))
  end)
end)

describe("the bare command", function()
  it("--version prints the version", function()
    local out, err, status = support.run(COMMAND .. " --version")
    assert.equal(0, status)
    assert.equal("", err)
    assert.matches("^broadsheet %d+%.%d+%.%d+\n$", out)
  end)

  it("alone, lists the commands", function()
    local out, _, status = support.run(COMMAND)
    assert.equal(0, status)
    for _, name in ipairs { "parse", "tags", "query", "stats", "check", "export", "formats" } do
      assert.matches("\n   " .. name .. " ", out, 1, true)
    end
  end)

  it("a command's usage error shows that command's usage", function()
    local _, err, status = support.run(COMMAND .. " query")
    assert.equal(2, status)
    assert.matches("^broadsheet: usage: missing argument 'query'\nUsage: broadsheet query ", err)
    _, err, status = support.run(COMMAND .. " -o x.csv export --bogus " .. DEMO)
    assert.equal(2, status)
    assert.matches("^broadsheet: usage: unknown option '%-%-bogus'\nUsage: broadsheet export ", err)
    _, err, status = support.run(COMMAND .. " frobnicate")
    assert.equal(2, status)
    assert.matches("\nUsage: broadsheet %[", err)
  end)
end)

describe("the progress line", function()
  local has_script = os.execute("command -v script > /dev/null 2>&1")

  it("shows files of the total, a percentage, a rate and the time left on a terminal", function()
    if not has_script then
      pending("script (util-linux) is not installed: no pseudo-terminal to test on")
      return
    end
    local dir = support.temp_dir()
    -- script gives the command a pseudo-terminal and copies what it shows into the typescript.
    local _, _, status = support.run(("BROADSHEET_PROGRESS_DELAY=0 script -qc %s %s"):format(
      quote(COMMAND .. " parse " .. DEMO .. " > " .. quote(dir .. "/out.jsonl")), quote(dir .. "/typescript")))
    local shown = support.read(dir .. "/typescript")
    local records = support.read(dir .. "/out.jsonl")
    os.execute("rm -rf " .. quote(dir))
    assert.equal(0, status)
    assert.matches("broadsheet: %d+/12 files, %d+%%, %d+ articles, %d+ a second, %d+ s left", shown)
    local _, lines = records:gsub("\n", "")
    assert.equal(12, lines)
  end)

  it("is quiet when standard error is not a terminal", function()
    local out, err, status = support.run("BROADSHEET_PROGRESS_DELAY=0 " .. COMMAND .. " parse " .. DEMO)
    assert.equal(0, status)
    assert.equal("", err)
    local _, lines = out:gsub("\n", "")
    assert.equal(12, lines)
  end)

  it("reads as a user expects", function()
    local progress = require "broadsheet.progress"
    assert.equal("broadsheet: 30/120 files, 25%, 600 articles, 60 a second, 30 s left",
      progress.line(30, 120, 600, 10))
    assert.equal("broadsheet: 1/400 files, 0%, 10 articles, 5 a second, 13 min 18 s left", progress.line(1, 400, 10, 2))
    assert.equal("broadsheet: 0/0 files, 0 articles, 0 a second", progress.line(0, 0, 0, 0))
  end)
end)

describe("stats charts", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    support.write(dir .. "/a.txt", "January story\n\n14 January 2016\n\nBody one.\n")
    support.write(dir .. "/b.txt", "April story\n\n2 April 2016\n\nBody two.\n")
    support.write(dir .. "/c.txt", "Another April story\n\n3 April 2016\n\nBody three.\n")
  end)
  after_each(function() os.execute("rm -rf " .. quote(dir)) end)

  local function month_lines(out)
    local lines = {}
    for line in out:gmatch("[^\n]+") do
      if line:match("^%d%d%d%d%-%d%d  ") then lines[#lines + 1] = line end
    end
    return lines
  end

  it("show the months without articles as zero", function()
    local out = support.run(COMMAND .. " stats " .. quote(dir))
    local lines = month_lines(out)
    assert.equal(4, #lines)
    assert.matches("^2016%-01       1  █", lines[1])
    assert.equal("2016-02       0", lines[2])
    assert.equal("2016-03       0", lines[3])
    assert.matches("^2016%-04       2  █", lines[4])
  end)

  it("list dates that are no month after the range, rather than failing", function()
    support.write(dir .. "/odd.jsonl", '{"title":"x","date":"garbage"}\n{"title":"y","date":"2016-13-01"}\n')
    local out, err, status = support.run(COMMAND .. " stats " .. quote(dir .. "/odd.jsonl") .. " " .. quote(dir))
    assert.equal("", err)
    assert.equal(0, status)
    local lines = month_lines(out)
    assert.equal(5, #lines)
    assert.matches("^2016%-13       1", lines[5])
    assert.matches("\ngarbage       1  █", out)
  end)

  it("fit $COLUMNS, else 80 columns", function()
    for columns, env in pairs { [40] = "COLUMNS=40 ", [80] = "env -u COLUMNS ", [200] = "COLUMNS=200 " } do
      local lines = month_lines(support.run(env .. COMMAND .. " stats " .. DEMO))
      assert.is_true(#lines > 12)
      local widest = 0
      for _, line in ipairs(lines) do widest = math.max(widest, utf8.len(line)) end
      assert.is_true(widest <= columns, ("%d columns, a line of %d"):format(columns, widest))
      assert.is_true(widest > columns - 10, ("%d columns, the widest bar %d"):format(columns, widest))
    end
  end)
end)

describe("options that make the tagger", function()
  it("reach queries: an alias of a multi-word tag matches by either name", function()
    local dir = support.temp_dir()
    support.write(dir .. "/a.txt", "Robots\n\nBody.\n\n\nTags: ai, robots\n")
    support.write(dir .. "/aliases.lua", 'return { ai = { "artificial intelligence" } }\n')
    local out, err, status = support.run(COMMAND .. " query 'tag:\"artificial intelligence\"' --aliases "
      .. quote(dir .. "/aliases.lua") .. " " .. quote(dir .. "/a.txt"))
    os.execute("rm -rf " .. quote(dir))
    assert.equal("", err)
    assert.equal(0, status)
    assert.matches("Robots\n$", out)
  end)
end)
