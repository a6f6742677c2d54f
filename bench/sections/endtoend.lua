--- The command end to end: `broadsheet parse DIR > out.jsonl` beside `cat`
-- of the same files, serially and with two processes, on both article sizes.
local harness = require "harness"
local root = harness.checkout()

local section = { title = "Parse, end to end" }

function section.prepare(dir)
  local files = harness.files(dir)
  return { bytes = harness.bytes_under(dir), items = #files }
end

function section.run(bench)
  local jsonl = bench.work .. "/endtoend-%s.jsonl"
  local function command(options, out)
    return function(dir)
      return ("lua5.4 %s/bin/broadsheet parse %s %s > %s"):format(root, options, harness.quote(dir), jsonl:format(out))
    end
  end
  section.workloads = {
    harness.cat_workload(),
    { label = "`broadsheet parse -j 1 --no-learn DIR > out.jsonl`", command = command("-j 1 --no-learn", "a") },
    { label = "`broadsheet parse -j 1 DIR > out.jsonl` (learns the profile)", command = command("-j 1", "1") },
    { label = "`broadsheet parse -j 2 DIR > out.jsonl`", command = command("-j 2", "2") },
    { label = "`broadsheet parse DIR > out.jsonl` (the default: one process per core)", command = command("", "d") },
  }
  local out = {}
  for _, archive in ipairs(bench.archives) do
    local workloads, input = harness.side_by_side("endtoend", section, archive.dir, archive.counted, bench.rounds)
    local same = harness.capture(("cmp %s %s && cmp %s %s && echo same"):format(jsonl:format("1"), jsonl:format("2"),
      jsonl:format("1"), jsonl:format("d"))) == "same\n"
    out[#out + 1] = ("### %s\n\n`%s`: %d files, %.1f MB; instructions counted over `%s` (all processes).\n\n")
      :format(archive.name, archive.dir, input.items, input.bytes / 1e6, archive.counted)
    out[#out + 1] = harness.rate_table(workloads, input, 1, "articles")
    local speedup = workloads[3].time / workloads[4].time
    out[#out + 1] = ("\n- `-j 2` against `-j 1`: %.2f× as fast (target: at least 1.5×): **%s**; output identical"
      .. " byte for byte (`-j 1`, `-j 2`, default): **%s**\n"):format(speedup, speedup >= 1.5 and "met" or "not met",
      same and "yes" or "NO")
    out[#out + 1] = ("- the default against `cat`: %.2f× its wall time (target: at most 2×): **%s**\n"):format(
      workloads[5].time / workloads[1].time, workloads[5].time <= 2 * workloads[1].time and "met" or "not met")
    local per_byte = workloads[3].per_byte
    out[#out + 1] = ("- `-j 1` (learning) instructions per input byte: %s (target: at most 90): **%s**\n\n"):format(
      per_byte and ("%.0f"):format(per_byte) or "n/a", per_byte and per_byte <= 90 and "met" or "not met")
  end
  return table.concat(out)
end

return section
