-- broadsheet.serve's parts that need no server: finding lighttpd, and the
-- configuration and mod_magnet script it writes.
local serve = require "broadsheet.serve"
local support = require "spec.support"

describe("broadsheet.serve", function()
  it("says how to install lighttpd and mod_magnet when they are missing", function()
    local dir = support.temp_dir()
    local program, message = serve.find_lighttpd { path = dir, module_dirs = {} }
    assert.is_nil(program)
    assert.equal("lighttpd not found; lighttpd with mod_magnet is needed:"
      .. " sudo apt-get install lighttpd lighttpd-modules-lua", message)
    support.write(dir .. "/lighttpd", "")
    program, message = serve.find_lighttpd { path = dir, module_dirs = { dir } }
    assert.is_nil(program)
    assert.matches("^mod_magnet not found; .*lighttpd%-modules%-lua$", message)
    support.write(dir .. "/mod_magnet.so", "")
    local modules
    program, modules = serve.find_lighttpd { path = dir, module_dirs = { "/nonexistent", dir } }
    assert.equal(dir .. "/lighttpd", program)
    assert.equal(dir, modules)
    os.execute(("rm -rf %q"):format(dir))
  end)

  it("writes a configuration that listens where asked and hands every URL to the script", function()
    local config = serve.config { host = "127.0.0.1", port = 8123, state = "/srv/state", script = "/srv/state/w.lua" }
    assert.matches('server.bind = "127.0.0.1"\n', config, 1, true)
    assert.matches("server.port = 8123\n", config, 1, true)
    assert.matches('server.modules = ( "mod_magnet" )', config, 1, true)
    assert.matches('magnet.attract-raw-url-to = ( "/srv/state/w.lua" )', config, 1, true)
    assert.matches("server.max-worker = 0\n", config, 1, true)
  end)

  it("runs a process per worker asked for", function()
    local config = serve.config { host = "127.0.0.1", port = 8123, state = "/srv/state", script = "/srv/state/w.lua",
      workers = 2 }
    assert.matches("server.max-worker = 2\n", config, 1, true)
  end)

  it("refuses a path lighttpd's configuration cannot quote", function()
    assert.has_error(function()
      serve.config { host = "127.0.0.1", port = 1, state = '/tmp/a"b', script = "/tmp/s.lua" }
    end, 'cannot put "/tmp/a\\"b/www" in a lighttpd configuration')
  end)

  it("writes a script that loads this broadsheet by absolute paths and calls broadsheet.web", function()
    local script = serve.magnet_script("relative/archive.db")
    local chunk = assert(load(script, "script", "t", { package = { loaded = {} } }))
    assert.is_function(chunk)
    assert.matches('magnet%(lighty, "/[^"]*/relative/archive%.db"%)', script)
    for entry in script:match('package.path = "([^"]*)"'):gmatch("[^;]+") do
      assert.equal("/", entry:sub(1, 1), entry)
    end
  end)
end)
