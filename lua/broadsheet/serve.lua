--- broadsheet.serve: the archive browser (broadsheet.web) in lighttpd. A
-- state folder gets the index (unless a database is given), a lighttpd
-- configuration and the mod_magnet script that calls broadsheet.web; then
-- lighttpd runs in the foreground until Ctrl-C (SIGINT), which it answers
-- by stopping cleanly.
local lfs = require "lfs"

local serve = {}

local INSTALL_HINT = "lighttpd with mod_magnet is needed: sudo apt-get install lighttpd lighttpd-modules-lua"
local MODULE_DIRS = { "/usr/lib/lighttpd", "/usr/local/lib/lighttpd", "/usr/lib64/lighttpd" }

local function shell_quote(text)
  return "'" .. text:gsub("'", "'\\''") .. "'"
end

--- The lighttpd program and the folder of its modules holding mod_magnet,
-- or nil and how to install them. Looked for in $PATH and the sbin folders,
-- and Debian's module folder, unless opts.path and opts.module_dirs say.
function serve.find_lighttpd(opts)
  opts = opts or {}
  local program
  local search = opts.path or ((os.getenv("PATH") or "") .. ":/usr/sbin:/usr/local/sbin")
  for dir in search:gmatch("[^:]+") do
    if lfs.attributes(dir .. "/lighttpd", "mode") == "file" then program = dir .. "/lighttpd" break end
  end
  if not program then return nil, "lighttpd not found; " .. INSTALL_HINT end
  for _, dir in ipairs(opts.module_dirs or MODULE_DIRS) do
    if lfs.attributes(dir .. "/mod_magnet.so", "mode") == "file" then return program, dir end
  end
  return nil, "mod_magnet not found; " .. INSTALL_HINT
end

local function absolute(path)
  if path:sub(1, 1) == "/" then return path end
  return lfs.currentdir() .. "/" .. path
end

-- Lua's search paths with every relative entry made absolute: lighttpd
-- runs the script from a folder of its own.
local function absolute_paths(paths)
  local entries = {}
  for entry in paths:gmatch("[^;]+") do entries[#entries + 1] = absolute(entry) end
  return table.concat(entries, ";")
end

-- lighttpd's configuration strings are "..." with no way to write some
-- characters: such a path is refused rather than mangled.
local function config_string(text)
  if text:find('["\\%c]') then error(("cannot put %q in a lighttpd configuration"):format(text), 0) end
  return '"' .. text .. '"'
end

--- Makes a folder and its parents, as mkdir -p.
function serve.make_dir(path)
  if lfs.attributes(path, "mode") == "directory" then return end
  local parent = path:match("^(.+)/[^/]+$")
  if parent then serve.make_dir(parent) end
  local made, err = lfs.mkdir(path)
  if not made and lfs.attributes(path, "mode") ~= "directory" then error(path .. ": " .. tostring(err), 0) end
end

local function write(path, text)
  local file, err = io.open(path, "wb")
  if not file then error(err, 0) end
  file:write(text)
  file:close()
end

--- The mod_magnet script: Lua paths of this broadsheet, the database, and
-- a call of broadsheet.web per request (mod_magnet gives each request
-- fresh globals; modules stay loaded, so the paths are set once).
function serve.magnet_script(db_path)
  return table.concat {
    "-- Written by broadsheet serve: each request goes to broadsheet.web.\n",
    "if not package.loaded[\"broadsheet.web\"] then\n",
    ("  package.path = %q\n"):format(absolute_paths(package.path)),
    ("  package.cpath = %q\n"):format(absolute_paths(package.cpath)),
    "end\n",
    ("return require(\"broadsheet.web\").magnet(lighty, %q)\n"):format(absolute(db_path)),
  }
end

--- The lighttpd configuration: opts.host, opts.port, opts.state (the state
-- folder), opts.script (the magnet script) and opts.workers (processes,
-- default 1).
function serve.config(opts)
  -- A search runs in the script and blocks its process: N processes answer
  -- N at once, each with its own Lua state and database connection
  -- (broadsheet.web). But the kernel hands connections to them unevenly:
  -- on two cores shared with the load (make bench), two processes stalled
  -- some requests for seconds where one answered all within a second.
  local workers = opts.workers or 1
  return table.concat({
    "# Written by broadsheet serve.",
    ("server.modules = ( %s )"):format(config_string("mod_magnet")),
    ("server.bind = %s"):format(config_string(opts.host)),
    ("server.port = %d"):format(opts.port),
    ("server.document-root = %s"):format(config_string(opts.state .. "/www")),
    ("server.errorlog = %s"):format(config_string(opts.state .. "/error.log")),
    -- Every URL is the browser's: the script answers before any file lookup.
    ("magnet.attract-raw-url-to = ( %s )"):format(config_string(opts.script)),
    -- 0: lighttpd's default, one process and no supervisor.
    ("server.max-worker = %d"):format(workers > 1 and workers or 0),
    "",
  }, "\n")
end

--- The default state folder: $XDG_STATE_HOME/broadsheet/serve (or ~/.local/state/...).
function serve.default_state()
  local base = os.getenv("XDG_STATE_HOME")
  if not base or base == "" then base = (os.getenv("HOME") or ".") .. "/.local/state" end
  return base .. "/broadsheet/serve"
end

--- Writes the configuration and script into opts.state for the database
-- at db_path, lighttpd running opts.workers processes; returns the
-- configuration's path.
function serve.prepare(db_path, opts)
  local state = absolute(opts.state)
  serve.make_dir(state .. "/www")
  local script = state .. "/broadsheet-web.lua"
  write(script, serve.magnet_script(db_path))
  local config = state .. "/lighttpd.conf"
  write(config, serve.config { host = opts.host, port = opts.port, state = state, script = script,
    workers = opts.workers })
  return config
end

--- Runs lighttpd in the foreground on a configuration, with its modules
-- from the folder given; returns true when it stopped cleanly (on SIGINT or
-- SIGTERM), or nil and why not.
function serve.run(program, modules, config)
  -- os.execute is system(3): while lighttpd runs, this process ignores
  -- SIGINT, so Ctrl-C stops lighttpd alone, which shuts down cleanly. The
  -- shell execs it, so that its exit status is lighttpd's own.
  local ok, how, code = os.execute(("exec %s -D -m %s -f %s"):format(shell_quote(program), shell_quote(modules),
    shell_quote(config)))
  if ok or (how == "exit" and code == 0) then return true end
  return nil, ("lighttpd stopped (%s %s); see %s"):format(how, tostring(code),
    config:gsub("lighttpd%.conf$", "error.log"))
end

return serve
