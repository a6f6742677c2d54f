--- Filters: records per second through a compiled query, on records parsed
-- into memory beforehand: a five-clause query, each clause alone, and a
-- filter that does nothing (the floor). The target is a million records/s.
local harness = require "harness"
harness.checkout()
local broadsheet = require "broadsheet"

local section = { title = "Filters" }
local QUERY = 'tag:china date:2016..2017 -tag:us "trade" words:>200'
local CLAUSES = { '"trade"', "tag:china", "date:2016..2017", "-tag:us", "words:>200" }

function section.prepare(dir)
  local records = {}
  for i, path in ipairs(harness.files(dir)) do records[i] = assert(broadsheet.parse_file(path)) end
  return { records = records, bytes = harness.bytes_under(dir), items = #records }
end

local function filter(test)
  return function(input)
    local matched = 0
    for _, record in ipairs(input.records) do
      if test(record) then matched = matched + 1 end
    end
    input.matched = matched
  end
end

section.workloads = { { label = ("`%s`"):format(QUERY), short = "the query", run = filter(broadsheet.compile(QUERY)) } }
for _, clause in ipairs(CLAUSES) do
  section.workloads[#section.workloads + 1] = { label = ("`%s` alone"):format(clause),
    run = filter(broadsheet.compile(clause)) }
end
section.workloads[#section.workloads + 1] = { label = "floor: `function() return true end`",
  run = filter(function() return true end) }

function section.run(bench)
  local archive = bench.archives[1]
  local workloads, input = harness.side_by_side("filters", section, archive.dir, archive.counted, bench.rounds)
  local rate = input.items / workloads[1].time
  return ("Records parsed from `%s` (%d) into memory first; instructions per record, counted over"
    .. " `%s`.\n\n%s\nThe five-clause query: %.2f million records/s (target: at least 1 million): **%s**.\n\n")
    :format(archive.dir, input.items, archive.counted, harness.rate_table(workloads, input, 1, "records", "record"),
      rate / 1e6, rate >= 1e6 and "met" or "not met")
end

return section
