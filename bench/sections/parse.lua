--- Parse in memory: what the C core costs beside the floor (reading the
-- bytes) and beside the same parse in plain Lua (bench/plain_parse.lua,
-- checked against broadsheet.parse by spec/plain_parse_spec.lua).
local harness = require "harness"
local root = harness.checkout()
local broadsheet = require "broadsheet"
local core = require "broadsheet.core"
local plain = dofile(root .. "/bench/plain_parse.lua")

local section = { title = "Parse, in memory" }

function section.prepare(dir)
  local texts, bytes = harness.read_all(harness.files(dir))
  return { texts = texts, bytes = bytes, items = #texts }
end

local function over_texts(parse)
  return function(input)
    for _, text in ipairs(input.texts) do parse(text) end
  end
end

section.workloads = {
  harness.cat_workload(),
  { label = "Lua `gmatch` splitting the texts into lines", short = "gmatch",
    run = function(input) for _, text in ipairs(input.texts) do for _ in text:gmatch("[^\n]*\n?") do end end end },
  { label = "`core.parse` (the C core alone: tag labels, no slugs)", run = over_texts(core.parse) },
  { label = "`broadsheet.parse`", short = "broadsheet.parse", run = over_texts(broadsheet.parse) },
  { label = "`bench/plain_parse.lua` (the same parse in plain Lua and LPeg)", short = "plain",
    run = over_texts(plain.parse) },
}

function section.run(bench)
  local out = {}
  for _, archive in ipairs(bench.archives) do
    local workloads, input = harness.side_by_side("parse", section, archive.dir, archive.counted, bench.rounds)
    out[#out + 1] = ("### %s\n\n`%s`: %d files, %.1f MB, read into memory first; instructions counted over"
      .. " `%s`.\n\n"):format(archive.name, archive.dir, input.items, input.bytes / 1e6, archive.counted)
    out[#out + 1] = harness.rate_table(workloads, input, 4, "articles")
    local plain_ratio = workloads[5].time / workloads[4].time
    out[#out + 1] = ("\n`broadsheet.parse` is %.1f× as fast as the plain-Lua parse (target: at least 10×): **%s**.\n\n")
      :format(plain_ratio, plain_ratio >= 10 and "met" or "not met")
  end
  return table.concat(out)
end

return section
