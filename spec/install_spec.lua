-- The ways users get broadsheet: make install, the rock, and embedding the core in a C host.
local support = require "spec.support"

local SAMPLE = "examples/archive/01-ransomware-hospitals.txt"
local TITLE = "Ransomware gang targets hospital networks across three countries"

describe("installing", function()
  local dir
  before_each(function() dir = support.temp_dir() end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("make install PREFIX=... gives a working command in Lua's usual layout", function()
    local _, err, status = support.run('make -s install PREFIX="' .. dir .. '"')
    assert.equal(0, status, err)
    assert.is_true(support.exists(dir .. "/share/lua/5.4/broadsheet/init.lua"))
    assert.is_true(support.exists(dir .. "/lib/lua/5.4/broadsheet/core.so"))
    -- the archive browser: its modules, and the command's help for serve
    for _, module in ipairs { "web", "web/page", "serve", "database", "sql", "formats/sqlite" } do
      assert.is_true(support.exists(dir .. "/share/lua/5.4/broadsheet/" .. module .. ".lua"), module)
    end
    local help = support.run('cd / && "' .. dir .. '/bin/broadsheet" serve --help')
    assert.matches("--port", help, 1, true)
    local out
    local sample = os.getenv("PWD") .. "/" .. SAMPLE
    out, err, status = support.run('cd / && "' .. dir .. '/bin/broadsheet" parse "' .. sample .. '"')
    assert.equal(0, status, err)
    assert.matches(TITLE, out, 1, true)
  end)

  it("luarocks make builds the rock offline with Debian's packages", function()
    local _, err, status = support.run("LUAROCKS_CONFIG=tools/luarocks-config.lua luarocks --lua-version=5.4" ..
      " --tree='" .. dir .. "' make rockspec/broadsheet-scm-1.rockspec")
    assert.equal(0, status, err)
    local out
    out, err, status = support.run("'" .. dir .. "/bin/broadsheet' parse " .. SAMPLE)
    assert.equal(0, status, err)
    assert.matches(TITLE, out, 1, true)
  end)
end)

describe("the rockspec", function()
  it("lists every Lua module and C file of the checkout", function()
    local rockspec = support.read("rockspec/broadsheet-scm-1.rockspec")
    local files = support.run("find lua -name '*.lua'; find csrc -maxdepth 1 -name '*.c'")
    for path in files:gmatch("[^\n]+") do
      assert.truthy(rockspec:find('"' .. path .. '"', 1, true), path .. " is missing from the rockspec")
    end
  end)
end)

describe("the embedding example", function()
  it("links Lua and the core statically and prints a file's title", function()
    local out, err, status = support.run("build/embed " .. SAMPLE)
    assert.equal(0, status, err)
    assert.equal(TITLE .. "\n", out)
  end)

  it("reports an unreadable file and bad usage", function()
    local _, err, status = support.run("build/embed /nonexistent/file.txt")
    assert.equal(1, status)
    assert.matches("/nonexistent/file.txt", err, 1, true)
    _, _, status = support.run("build/embed")
    assert.equal(2, status)
  end)
end)
