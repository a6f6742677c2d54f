--- bench/harness.lua: what the benchmark programs share: finding the
-- checkout, dying with a message, timing (median of rounds), callgrind
-- instruction counts, peak memory, and Markdown tables. A benchmark is then its
-- workloads, as data, and a loop over them.
local harness = {}

--- Points package.path and package.cpath at the checkout this program
-- (bench/NAME) belongs to; returns the checkout's root.
function harness.checkout()
  if not harness.root then
    local root = (arg[0] or ""):match("^(.*)/bench/[^/]*$") or "."
    package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
    package.cpath = root .. "/build/?.so;" .. package.cpath
    harness.root = root
  end
  return harness.root
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
  -- A callgrind file states its total twice, as "summary:" and "totals:": one per process counts.
  local total = 0
  for line in (harness.capture("grep -h '^summary: ' " .. dir .. "/cg.* 2> /dev/null") or ""):gmatch("[^\n]+") do
    total = total + tonumber(line:match("^summary: (%d+)"))
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
  for path in (harness.capture("find " .. harness.quote(dir) .. " -type f 2> /dev/null") or ""):gmatch("[^\n]+") do
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

--- Workloads side by side over one input, timed and counted. A section
-- (bench/sections/NAME.lua) gives prepare(path), which builds its input
-- (with .bytes and .items) from a path, and workloads, each either in
-- process (run(input): one pass, CPU clock, unless it returns seconds) or a
-- shell command (command(path), wall clock). Each workload gets .time, the
-- median of rounds, and .per_byte, callgrind instructions per input byte
-- over the smaller count_path: an in-process workload runs alone in
-- `bench/run --count`, less a process that only prepares the input.
-- Workloads with count = false (a JIT, a server) are timed only.
function harness.side_by_side(name, section, path, count_path, rounds)
  local root = harness.checkout()
  local input = section.prepare(path)
  local workloads = {}
  for i, workload in ipairs(section.workloads) do
    workloads[i] = setmetatable({ run = function()
      if workload.command then return (assert(harness.time_command(workload.command(path), "/dev/null"))) end
      return workload.run(input)
    end }, { __index = workload })
  end
  harness.measure(workloads, rounds)
  local counted = section.prepare(count_path)
  local worker = ("lua5.4 %s/bench/run --count %s %%d %s"):format(root, name, harness.quote(count_path))
  local base
  for i, workload in ipairs(workloads) do
    if not workload.command and not base then base = harness.instructions(worker:format(0)) end
    local total
    if workload.count ~= false then
      total = harness.instructions(workload.command and workload.command(count_path) or worker:format(i))
    end
    if total and not workload.command then total = base and total - base end
    workload.per_byte = total and total / counted.bytes
    workload.per_item = total and total / counted.items
  end
  return workloads, input
end

--- `cat` of a folder's files to /dev/null: the floor of any reader, the
-- reference that command workloads are compared with.
function harness.cat_workload()
  return { label = "`cat` the files > /dev/null (the floor)", short = "cat", command = function(dir)
    return ("find %s -type f -print0 | xargs -0 cat > /dev/null"):format(harness.quote(dir))
  end }
end

--- The usual table of side_by_side's workloads: time, MB/s, items/s, time
-- relative to workloads[reference], instructions per byte.
function harness.rate_table(workloads, input, reference, items, per_item)
  local rows, base = {}, workloads[reference].time
  for _, workload in ipairs(workloads) do
    local time = math.max(workload.time, 1e-9)
    local clock = workload.clock or workload.command and "wall" or "CPU"
    rows[#rows + 1] = { workload.label, clock, ("%.3f"):format(workload.time),
      ("%.1f"):format(input.bytes / 1e6 / time), ("%.0f"):format(input.items / time),
      ("%.2f×"):format(workload.time / base),
      workload.per_byte and ("%.0f"):format(per_item and workload.per_item or workload.per_byte) or "n/a" }
  end
  return harness.table({ "workload", "clock", "median s", "MB/s", items .. "/s",
    "time ÷ " .. (workloads[reference].short or workloads[reference].label),
    "instructions/" .. (per_item or "byte") }, rows)
end

--- Makes dir with a generator command (words after `lua5.4 bench/gen`),
-- unless a stamp beside it names the same command and the same generator.
function harness.generate(dir, gen_args)
  local root = harness.checkout()
  local params = gen_args .. " " .. (harness.capture(("cat %s/bench/gen %s/bench/articlegen.lua | cksum"):format(root,
    root)) or "")
  local stamp = dir .. ".params"
  local file = io.open(stamp)
  local old = file and file:read("a")
  if file then file:close() end
  if old == params then return dir end
  os.execute("rm -rf " .. harness.quote(dir) .. " " .. harness.quote(stamp))
  harness.say("bench/gen " .. gen_args .. " " .. dir)
  local ok, message = harness.capture(("lua5.4 %s/bench/gen %s %s"):format(root, gen_args, harness.quote(dir)))
  if not ok then harness.die("bench/gen", 1, message) end
  file = assert(io.open(stamp, "w"))
  file:write(params)
  file:close()
  return dir
end

--- The contents of the files at paths, and their total size.
function harness.read_all(paths)
  local texts, bytes = {}, 0
  for i, path in ipairs(paths) do
    local file = assert(io.open(path, "rb"))
    texts[i] = file:read("a")
    file:close()
    bytes = bytes + #texts[i]
  end
  return texts, bytes
end

function harness.say(message)
  io.stderr:write("bench: ", message, "\n")
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
