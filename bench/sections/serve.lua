--- The archive browser under wrk: bench/serve generates the articles,
-- indexes them with `broadsheet export -f sqlite`, starts `broadsheet serve`
-- on a loopback port and loads /search and /article/ID for 10 s at 32
-- connections; its Markdown lands here.
local harness = require "harness"
local root = harness.checkout()

local section = { title = "Archive browser" }

function section.run(bench)
  local settings = bench.quick and "BENCH_SERVE_N=2000 BENCH_SERVE_SECONDS=2 " or ""
  local ok = os.execute(("%ssh %s/bench/serve >&2"):format(settings, harness.quote(root)))
  local file = ok and io.open(bench.out .. "/serve.md")
  if not file then return "Not measured: bench/serve failed in this run (see the log of `make bench`).\n\n" end
  local text = file:read("a")
  file:close()
  return text .. "\n"
end

return section
