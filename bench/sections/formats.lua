--- Exports: each format writing records parsed beforehand to a sink that
-- drops what it is given, beside one cjson.encode per record (the target is
-- at most 1.5× that for jsonl, csv, markdown and atom).
local harness = require "harness"
harness.checkout()
local broadsheet = require "broadsheet"
local formats = require "broadsheet.formats"
local cjson = require "cjson"

local section = { title = "Exports against cjson.encode" }
local TARGET = { jsonl = 1.5, csv = 1.5, markdown = 1.5, atom = 1.5 }
local FORMATS = { "jsonl", "csv", "markdown", "atom", "json", "html", "rss", "text" }

function section.prepare(dir)
  local records = {}
  for i, path in ipairs(harness.files(dir)) do records[i] = assert(broadsheet.parse_file(path)) end
  return { records = records, bytes = harness.bytes_under(dir), items = #records }
end

local sink = { write = function(self) return self end }
section.workloads = { { label = "`cjson.encode` of each record", short = "cjson.encode", run = function(input)
  for _, record in ipairs(input.records) do cjson.encode(record) end
end } }
for _, name in ipairs(FORMATS) do
  section.workloads[#section.workloads + 1] = { label = ("`formats.export` %s"):format(name), format = name,
    run = function(input)
      local i = 0
      formats.export(name, function() i = i + 1 return input.records[i] end, sink, {})
    end }
end

function section.run(bench)
  local archive = bench.archives[1]
  local workloads, input = harness.side_by_side("formats", section, archive.dir, archive.counted, bench.rounds)
  local lines = { ("Records parsed from `%s` (%d) into memory first; instructions per record, counted"
    .. " over `%s`.\n\n"):format(archive.dir, input.items, archive.counted), harness.rate_table(workloads, input, 1,
    "records", "record"), "\n" }
  for _, workload in ipairs(workloads) do
    local target = TARGET[workload.format]
    if target then
      local by_time, by_count = workload.time / workloads[1].time, workload.per_byte and workloads[1].per_byte
        and workload.per_byte / workloads[1].per_byte
      lines[#lines + 1] = ("- %s: %.2f× `cjson.encode` in time, %s in instructions (target: at most %.1f×): **%s**\n")
        :format(workload.format, by_time, by_count and ("%.2f×"):format(by_count) or "n/a", target,
          (by_count or by_time) <= target and "met" or "not met")
    end
  end
  return table.concat(lines) .. "\n"
end

return section
