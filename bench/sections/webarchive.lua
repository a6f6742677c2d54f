--- Web archives: Mozilla Readability's test pages served from 127.0.0.1
-- and crawled by wget --warc-file (tools/crawl.lua), read as a WARC and as
-- the files wget fetched, and twenty copies of the crawl in one .warc.gz.
-- Targets: the WARC within 1.3× the files' time; the twenty copies under
-- 64 MB of peak RSS.
local harness = require "harness"
local root = harness.checkout()

local section = { title = "Web archives" }
local SUITE = (root == "." and "" or root .. "/") .. "../shared/suites/readability"
local COPIES = 20

function section.prepare(dir)
  return { bytes = harness.bytes_under(dir .. "/pages"), items = #harness.files(dir .. "/pages", "%.html$") }
end

local function parse(what)
  return function(dir)
    return ("lua5.4 %s/bin/broadsheet parse --no-learn -j 1 %s/%s > /dev/null"):format(root, harness.quote(dir), what)
  end
end

section.workloads = {
  { label = "the pages wget fetched, as files", short = "files", command = parse("pages") },
  { label = "the same pages in `crawl.warc.gz`", command = parse("crawl.warc.gz") },
}

function section.run(bench)
  if not (io.open(SUITE) and os.execute("command -v wget > /dev/null && command -v python3 > /dev/null")) then
    return "Not measured: " .. SUITE .. ", wget or python3 is missing.\n\n"
  end
  local crawl = dofile(root .. "/tools/crawl.lua")
  local dir = bench.work .. "/webarchive"
  os.execute("mkdir -p " .. harness.quote(dir))
  local server = crawl.serve(SUITE, dir)
  local urls = {}
  for _, path in ipairs(harness.files(SUITE, "/source%.html$")) do
    urls[#urls + 1] = server.url .. path:sub(#SUITE + 2)
  end
  local list = assert(io.open(dir .. "/urls.txt", "w"))
  list:write(table.concat(urls, "\n"), "\n")
  list:close()
  -- wget keeps what it fetched (no --delete-after): those are the files.
  -- It exits non-zero when a page failed (on a loaded machine, a time-out):
  -- the comparison is over the pages it did fetch, and says how many.
  local status = os.execute(("wget -q -x --no-proxy --tries=3 --timeout=30 --no-warc-keep-log -P %s --warc-file=%s"
    .. " -i %s"):format(harness.quote(dir .. "/pages"), harness.quote(dir .. "/crawl"),
    harness.quote(dir .. "/urls.txt")))
  server.stop()
  local fetched = #harness.files(dir .. "/pages", "%.html$")
  if fetched == 0 then return "Not measured: wget fetched no page.\n\n" end
  if not status then harness.say(("webarchive: wget fetched %d of %d pages"):format(fetched, #urls)) end
  local workloads, input = harness.side_by_side("webarchive", section, dir, dir, bench.rounds)
  local ratio = workloads[2].time / workloads[1].time
  local twenty = dir .. "/twenty.warc.gz"
  assert(os.execute(("for i in $(seq %d); do cat %s/crawl.warc.gz; done > %s"):format(COPIES, harness.quote(dir),
    harness.quote(twenty))))
  local peak, wall = harness.peak_rss(("lua5.4 %s/bin/broadsheet parse --no-learn -j 1 %s"):format(root,
    harness.quote(twenty)), dir .. "/twenty.jsonl")
  local records = tonumber(harness.capture("wc -l < " .. harness.quote(dir .. "/twenty.jsonl")))
  return table.concat({
    ("%d pages of `%s` (%d fetched), served from 127.0.0.1 and crawled with `wget --warc-file`; instructions"
      .. " counted over the same.\n\n"):format(#urls, SUITE, input.items),
    harness.rate_table(workloads, input, 1, "pages"),
    ("\n- the WARC at %.2f× the time of the files (target: at most 1.3×): **%s**\n"):format(ratio,
      ratio <= 1.3 and "met" or "not met"),
    ("- %d copies of the crawl in one .warc.gz (%.1f MB, %d records of %d expected): %.1f s, peak RSS %.1f MiB"
      .. " (target: under 64 MB): **%s**\n\n"):format(COPIES, io.open(twenty):seek("end") / 1e6, records,
      COPIES * fetched, wall, peak, peak * 1048576 < 64e6 and records == COPIES * fetched and "met" or "not met"),
  })
end

return section
