--- Scaling: time and peak resident set (GNU time) of the streaming
-- commands over growing archives of generated articles (100 a file,
-- `bench/gen --multi 100`), and over a stream whose tags never repeat, as
-- an archive of person and place tags looks to a tagger that has seen none
-- of them. Target: peak RSS under 64 MB at 300,000 articles or 1 GB (the
-- stream of new tags has 300,000; the archives stop at 100,000 to keep
-- `make bench` short).
local harness = require "harness"
local root = harness.checkout()

local section = { title = "Scaling and memory" }
local QUERY = 'tag:china date:2016..2017 -tag:us "trade" words:>200'
local COMMANDS = {
  { label = "`broadsheet query QUERY DIR` (learns first)", run = "query %s %s" },
  { label = "`broadsheet query --no-learn QUERY DIR`", run = "query --no-learn %s %s" },
  { label = "`broadsheet parse -j 1 DIR > /dev/null` (learns first)", run = "parse -j 1 %s%s" },
}
local UNIQUE_ARTICLE = table.concat({
  "Ministers meet over plan number %d", "14 June 2016",
  "Plan %d was discussed at length by the ministers on Tuesday.",
  "Officials said a decision would follow once the figures had been checked again.", "",
  "Tags: Person %d, Place %d, Company %d, Topic %d, Event %d",
}, "\n\n") .. "\n\f\n"

local function unique_stream(path, count)
  local file = assert(io.open(path, "w"))
  for i = 1, count do file:write(UNIQUE_ARTICLE:format(i, i, i, i, i, i, i)) end
  file:close()
end

function section.run(bench)
  local sizes = bench.quick and { 1000, 10000 } or { 1000, 10000, 100000 }
  local rows, biggest = {}, {}
  local function measure(label, command, count, bytes)
    local peak, wall = harness.peak_rss(command, bench.work .. "/scale.out")
    rows[#rows + 1] = { label, count, ("%.1f"):format(bytes / 1e6), ("%.2f"):format(wall),
      ("%.0f"):format(count / wall), ("%.1f"):format(wall / count * 1e6), ("%.1f"):format(peak) }
    return peak
  end
  local bin = "lua5.4 " .. root .. "/bin/broadsheet "
  for _, count in ipairs(sizes) do
    local dir = harness.generate(("%s/scale-%d"):format(bench.out, count), ("--multi 100 %d"):format(count))
    local bytes = harness.bytes_under(dir)
    os.execute(("find %s -type f -exec cat {} + > /dev/null"):format(harness.quote(dir)))
    for k, command in ipairs(COMMANDS) do
      biggest[k] = measure(command.label, bin .. command.run:format(k < 3 and harness.quote(QUERY) or "",
        harness.quote(dir)), count, bytes)
    end
  end
  local unique_count = bench.quick and 10000 or 300000
  local unique = ("%s/unique-tags-%d.txt"):format(bench.work, unique_count)
  unique_stream(unique, unique_count)
  local unique_peak = measure("`broadsheet query --no-learn QUERY FILE`, every tag new", bin .. "query --no-learn "
    .. harness.quote(QUERY) .. " " .. harness.quote(unique), unique_count, io.open(unique):seek("end"))
  local lines = { ("Archives `bench/out/scale-N` (`bench/gen --multi 100 N`), each read once with `cat` before its"
    .. " runs; one run each; QUERY is `%s`. RSS in MiB.\n\n"):format(QUERY),
    harness.table({ "command", "articles", "MB", "wall s", "articles/s", "µs per article", "peak RSS" }, rows), "\n" }
  for k, command in ipairs(COMMANDS) do
    lines[#lines + 1] = ("- %s over %d articles: peak RSS %.1f MiB (target: under 64 MB): **%s**\n"):format(
      command.label, sizes[#sizes], biggest[k], biggest[k] * 1048576 < 64e6 and "met" or "not met")
  end
  lines[#lines + 1] = ("- every tag new, %d articles: peak RSS %.1f MiB (target: under 64 MB): **%s**\n\n"):format(
    unique_count, unique_peak, unique_peak * 1048576 < 64e6 and "met" or "not met")
  return table.concat(lines)
end

return section
