--- bench/harness.lua: what the benchmark programs share: finding the
-- checkout, dying with a message, timing (median of rounds), callgrind
-- instruction counts, peak memory, and Markdown tables. A benchmark is then its
-- workloads, as data, and a loop over them.
local harness = {}

--- Points package.path and package.cpath at the checkout this program
-- (bench/NAME) belongs to; returns the checkout's root.
function harness.checkout()
  local root = (arg[0] or ""):match("^(.*)/bench/[^/]*$") or "."
  package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
  package.cpath = root .. "/build/?.so;" .. package.cpath
  return root
end

function harness.die(name, status, message)
  io.stderr:write(name, ": ", message, "\n")
  os.exit(status)
end

function harness.median(values)
  local sorted = {}
  for i, v in ipairs(values) do sorted[i] = v end
  table.sort(sorted)
  local n = #sorted
  if n % 2 == 1 then return sorted[(n + 1) // 2] end
  return (sorted[n // 2] + sorted[n // 2 + 1]) / 2
end

--- Runs a shell command; returns its standard output, or nil and a message.
function harness.capture(command)
  local pipe = io.popen(command)
  local out = pipe:read("a")
  local ok, _, status = pipe:close()
  if not ok then return nil, ("`%s` failed (status %s)"):format(command, tostring(status)) end
  return out
end

--- Wall and CPU seconds (user + system, its children's included) of a shell
-- command, from GNU time; its standard output goes to out_path.
function harness.time_command(command, out_path)
  local times = os.tmpname()
  local ok = os.execute(("/usr/bin/time -f '%%e %%U %%S' -o %s sh -c %q > %s"):format(times, command, out_path))
  local file = io.open(times)
  local text = file and file:read("a") or ""
  if file then file:close() end
  os.remove(times)
  local wall, user, system = text:match("([%d.]+) ([%d.]+) ([%d.]+)%s*$")
  if not ok or not wall then return nil, ("`%s` failed: %s"):format(command, text) end
  return tonumber(wall), tonumber(user) + tonumber(system)
end

--- The instructions a shell command executes, its child processes
-- included (callgrind, which counts the same on a busy machine as on a
-- quiet one); nil when valgrind is not installed.
function harness.instructions(command, out_path)
  if not os.execute("command -v valgrind > /dev/null") then return nil end
  local dir = os.tmpname()
  os.remove(dir)
  os.execute("mkdir -p " .. dir)
  local ok = os.execute(("valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=%s/cg.%%p "
    .. "sh -c %q > %s 2> %s/log"):format(dir, command, out_path or "/dev/null", dir))
  local total = 0
  for line in (harness.capture("cat " .. dir .. "/cg.* 2> /dev/null") or ""):gmatch("[^\n]+") do
    local count = line:match("^summary: (%d+)") or line:match("^totals: (%d+)")
    if count then total = total + tonumber(count) end
  end
  os.execute("rm -rf " .. dir)
  if not ok or total == 0 then return nil end
  return total
end

--- The total size in bytes of the files under a folder.
function harness.bytes_under(dir)
  local out = harness.capture(("find %q -type f -printf '%%s\\n'"):format(dir)) or ""
  local total = 0
  for size in out:gmatch("%d+") do total = total + tonumber(size) end
  return total
end

--- A shell word for s.
function harness.quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

--- The regular files under a folder whose names match pattern (a Lua
-- pattern, default any), sorted, so that every run sees the same order.
function harness.files(dir, pattern)
  local files = {}
  for path in (harness.capture("find " .. harness.quote(dir) .. " -type f") or ""):gmatch("[^\n]+") do
    if path:match(pattern or ".") then files[#files + 1] = path end
  end
  table.sort(files)
  return files
end

--- Peak resident set in MiB, wall seconds and standard output size of a
-- shell command (GNU time's %M and %e).
function harness.peak_rss(command, out_path)
  local report = harness.capture(("/usr/bin/time -f '%%e %%M' sh -c %s 2>&1 > %s"):format(harness.quote(command),
    out_path))
  local wall, kb = (report or ""):match("([%d.]+) (%d+)%s*$")
  if not kb then return nil, ("`%s` failed: %s"):format(command, tostring(report)) end
  return tonumber(kb) / 1024, tonumber(wall)
end

--- Runs every workload once per round, round after round, so that the
-- machine's minute weighs on all alike; sets workload.time to the median of
-- the seconds its run() returned (or took on the CPU clock, when it returned
-- nothing). A full collection before each run keeps one run's garbage from
-- being charged to the next.
function harness.measure(workloads, rounds)
  for _, workload in ipairs(workloads) do workload.times = {} end
  for _ = 1, rounds do
    for _, workload in ipairs(workloads) do
      collectgarbage("collect")
      local started = os.clock()
      local seconds = workload.run()
      table.insert(workload.times, seconds or os.clock() - started)
    end
  end
  for _, workload in ipairs(workloads) do workload.time = harness.median(workload.times) end
end

--- Where and when: a Markdown list of the machine, the tools and the load.
function harness.machine()
  local cpu_line = harness.capture("sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1")
  local cpu = (cpu_line or ""):gsub("\n", "")
  local function first_line(command) return ((harness.capture(command .. " 2>&1") or "?"):match("[^\n]*")) end
  return table.concat({
    ("- Date: %s"):format(os.date("!%Y-%m-%d %H:%M UTC")),
    ("- Machine: %s; CPU: %s; %s logical CPUs"):format(first_line("uname -srm"), cpu, first_line("nproc")),
    ("- Lua: %s; C compiler: %s; Node: %s"):format(first_line("lua5.4 -v"), first_line("cc --version"),
      first_line("node --version")),
    ("- Load average (1, 5, 15 min) at the start: %s"):format(first_line("cut -d' ' -f1-3 /proc/loadavg")),
  }, "\n") .. "\n"
end

--- A Markdown table: columns is a list of headers, rows a list of lists.
function harness.table(columns, rows)
  local lines = { "| " .. table.concat(columns, " | ") .. " |", "|" .. ("---|"):rep(#columns) }
  for _, row in ipairs(rows) do
    local cells = {}
    for i = 1, #columns do cells[i] = tostring(row[i] == nil and "" or row[i]) end
    lines[#lines + 1] = "| " .. table.concat(cells, " | ") .. " |"
  end
  return table.concat(lines, "\n") .. "\n"
end

return harness
