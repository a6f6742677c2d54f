-- README.md as tested truth: every ```sh block runs as written from the
-- root of a temporary copy of the repository (so that what it writes lands
-- there), and every ```lua block runs, in order, in one Lua state in that
-- copy. A block fenced ```console is shown, never run: it starts a server,
-- needs the network, installs something or runs the tests themselves.
local blocks = require "spec.readme.blocks"
local support = require "spec.support"

local ROOT = io.popen("pwd"):read("l")
local BUILD = os.getenv("BROADSHEET_BUILD") or (ROOT .. "/build")
local README = blocks.of(support.read("README.md"))

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- A copy of the checkout without its history and build products; the
-- command and the Lua blocks find the core through BROADSHEET_BUILD.
local function copy_repo()
  local dir = support.temp_dir()
  assert(os.execute(("tar -C %s --exclude=./.git --exclude=./build --exclude=./bench/out -cf - . | tar -C %s -xf -")
    :format(quote(ROOT), quote(dir))))
  return dir
end

describe("README.md", function()
  it("has code blocks of the kinds the spec knows", function()
    local known = { sh = true, lua = true, console = true, [""] = true, c = true, json = true, text = true }
    assert.is_true(#blocks.select(README, "sh") > 0)
    assert.is_true(#blocks.select(README, "lua") > 0)
    for _, block in ipairs(README) do
      assert(known[block.lang], ("README.md:%d: a ```%s block: fence it sh, lua or console"):format(block.line,
        block.lang))
    end
  end)

  describe("shell blocks", function()
    local dir
    setup(function() dir = copy_repo() end)
    teardown(function() os.execute("rm -rf " .. quote(dir)) end)

    -- One test per block, in order: later blocks may use what earlier ones wrote.
    for _, block in ipairs(blocks.select(README, "sh")) do
      it("run as written: the block at README.md:" .. block.line, function()
        local script = dir .. "/.readme-block.sh"
        support.write(script, "set -e\n" .. block.source)
        local out, err, status = support.run(("cd %s && BROADSHEET_BUILD=%s sh .readme-block.sh")
          :format(quote(dir), quote(BUILD)))
        os.remove(script)
        assert(status == 0, ("README.md:%d: the shell block starting here exited %s\n%s%s"):format(block.line,
          tostring(status), out:sub(-2000), err))
      end)
    end
  end)

  it("Lua blocks run in order in one Lua state, printing what they say", function()
    local dir = copy_repo()
    local list = {}
    for _, block in ipairs(blocks.select(README, "lua")) do
      list[#list + 1] = ("{ line = %d, source = %q },"):format(block.line, block.source)
    end
    local blocks_file = dir .. "/.readme-blocks.lua"
    support.write(blocks_file, "return {\n" .. table.concat(list, "\n") .. "\n}\n")
    local out, err, status = support.run(("cd %s && BROADSHEET_BUILD=%s lua5.4 %s %s .readme-blocks.lua")
      :format(quote(dir), quote(BUILD), quote(ROOT .. "/spec/readme/run_lua.lua"), quote(ROOT)))
    os.execute("rm -rf " .. quote(dir))
    assert(status == 0, err .. "\n(printed before: " .. out:sub(-1500) .. ")")
  end)

  it("the runner catches a block that fails and names its line", function()
    local dir = support.temp_dir()
    support.write(dir .. "/blocks.lua", 'return { { line = 7, source = "local x = 1\\nprint(x + 1) --> 3\\n" },'
      .. ' { line = 20, source = "error(\\"unreached\\")\\n" } }')
    local _, err, status = support.run(("cd %s && lua5.4 %s %s blocks.lua")
      :format(quote(dir), quote(ROOT .. "/spec/readme/run_lua.lua"), quote(ROOT)))
    os.execute("rm -rf " .. quote(dir))
    assert.equal(1, status)
    assert.matches('README.md:8: printed "2", the README says "3"', err, 1, true)
    assert.not_matches("unreached", err)
  end)

  it("blocks are found with their language and first line", function()
    local found = blocks.of("text\n```sh\necho hi\n```\n\n```console\nmake serve\n```\n"
      .. "```lua\nx = 1\n\ny = 2\n```\n")
    assert.same({
      { lang = "sh", line = 3, source = "echo hi\n" },
      { lang = "console", line = 7, source = "make serve\n" },
      { lang = "lua", line = 10, source = "x = 1\n\ny = 2\n" },
    }, found)
    assert.error_matches(function() blocks.of("```sh\necho\n") end, "a code block opened at line 1 is never closed")
  end)
end)
