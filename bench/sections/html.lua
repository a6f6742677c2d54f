--- HTML pages: broadsheet.parse_html and the command beside
-- @mozilla/readability over linkedom (bench/readability-peer.mjs, packages
-- under bench/node only) on Mozilla Readability's test pages, and the peak
-- memory of the command over 1,000 and 10,000 pages (the pages cycled).
-- Target: at least 10× the peer's pages/s; memory flat.
local harness = require "harness"
local root = harness.checkout()
local broadsheet = require "broadsheet"
local cjson = require "cjson"

local section = { title = "HTML pages" }
local SUITE = (root == "." and "" or root .. "/") .. "../shared/suites/readability"

function section.prepare(dir)
  local paths = harness.files(dir, "%.html$")
  local list = assert(io.open(dir .. ".list", "w"))
  list:write(table.concat(paths, "\n"), "\n")
  list:close()
  local texts, bytes = harness.read_all(paths)
  return { texts = texts, bytes = bytes, items = #texts, list = dir .. ".list" }
end

local function command(dir)
  return ("lua5.4 %s/bin/broadsheet parse --no-learn -j 1 %s > /dev/null"):format(root, harness.quote(dir))
end

section.workloads = {
  { label = "`broadsheet.parse_html` (in memory)", short = "parse_html", run = function(input)
    for _, html in ipairs(input.texts) do broadsheet.parse_html(html) end
  end },
  { label = "`broadsheet parse --no-learn -j 1 DIR > /dev/null`", command = command },
  { label = "`@mozilla/readability` over `linkedom` (Node, in memory, after a warm-up pass)", short = "readability",
    clock = "wall", count = false, run = function(input)
      local report = assert(harness.capture(("cd %s && node --expose-gc bench/readability-peer.mjs %s 1"):format(
        harness.quote(root), harness.quote(input.list))))
      return cjson.decode(report).times_s[1]
    end },
}

-- A folder of count pages, the suite's cycled, as hard links (no copies).
local function pages(dir, sources, count)
  if #harness.files(dir, "%.html$") ~= count then
    os.execute("rm -rf " .. harness.quote(dir) .. " && mkdir -p " .. harness.quote(dir))
    for i = 1, count do
      local target = ("%s/%05d.html"):format(dir, i)
      assert(os.execute(("ln %s %s"):format(harness.quote(sources[(i - 1) % #sources + 1]), harness.quote(target))))
    end
  end
  return dir
end

function section.run(bench)
  local sources = harness.files(SUITE, "/source%.html$")
  if #sources == 0 then return "Not measured: " .. SUITE .. " is missing.\n\n" end
  -- Hard links need the same file system; copies of the suite's pages do.
  local suite = bench.out .. "/html-suite"
  if #harness.files(suite, "%.html$") ~= #sources then
    os.execute("rm -rf " .. harness.quote(suite) .. " && mkdir -p " .. harness.quote(suite))
    for i, path in ipairs(sources) do
      assert(os.execute(("cp %s %s/%05d.html"):format(harness.quote(path), harness.quote(suite), i)))
    end
  end
  sources = harness.files(suite, "%.html$")
  local counted = pages(bench.out .. "/html-30", sources, 30)
  local workloads, input = harness.side_by_side("html", section, suite, counted, bench.rounds)
  local ratio = workloads[3].time / workloads[1].time
  local lines = { ("The %d pages of `%s` (%.1f MB), read into memory first; instructions counted over the"
    .. " first %d.\n\n"):format(input.items, SUITE, input.bytes / 1e6, 30),
    harness.rate_table(workloads, input, 1, "pages"),
    ("\n- `broadsheet.parse_html` at %.1f× the pages/s of Readability over linkedom (target: at least 10×): **%s**\n")
      :format(ratio, ratio >= 10 and "met" or "not met") }
  local sizes, peaks = bench.quick and { 200, 1000 } or { 1000, 10000 }, {}
  for i, count in ipairs(sizes) do
    local dir = pages(("%s/html-%d"):format(bench.out, count), sources, count)
    local peak, wall = harness.peak_rss(command(dir):gsub(" > /dev/null$", ""), "/dev/null")
    peaks[i] = peak
    lines[#lines + 1] = ("- `broadsheet parse --no-learn -j 1` over %d pages (the suite cycled): peak RSS %.1f MiB,"
      .. " %.1f s, %.0f pages/s\n"):format(count, peak, wall, count / wall)
  end
  lines[#lines + 1] = ("- peak RSS at %d pages ÷ at %d: %.2f (flat: at most 1.10): **%s**\n\n"):format(sizes[2],
    sizes[1], peaks[2] / peaks[1], peaks[2] <= 1.1 * peaks[1] and "met" or "not met")
  return table.concat(lines)
end

return section
