--- Tags: core.slug beside the floor of one C call per label (Lua's
-- string.lower, ASCII only), the tagger, and the npm slugifiers
-- (bench/slug-peers.mjs, packages under bench/node only) on the same
-- generated labels (bench/labels.lua). Targets: core.slug at 0.8× the
-- floor's rate or better.
local harness = require "harness"
local root = harness.checkout()
local core = require "broadsheet.core"
local tags = require "broadsheet.tags"
local cjson = require "cjson"

local section = { title = "Tags" }
local PEERS = { "@sindresorhus/slugify", "slugify" }
-- Awkward labels, slugged by each slugifier and shown side by side.
local SAMPLE = { "Straße", "İstanbul", "Diyarbakır", "Łódź", "Ærø", "São Paulo", "Zürich", "Café", "Москва",
  "Ελλάδα", "中国", "東京 2020", "서울", "القاهرة", "हिन्दी", "🚀", "🇺🇸", "ﬁnance", "ＦＵＬＬＷＩＤＴＨ", "x²",
  "Wi‑Fi", "Apple™", "€5m", "C++", "C#", ".NET", "AT&T", "U.S.", "O'Reilly", "Node.js", "YouTube", "100%" }

function section.prepare(path)
  local input = { all = {}, chunks = {}, bytes = 0, non_ascii = 0, path = path }
  for label in io.lines(path) do
    input.all[#input.all + 1] = label
    if label:find("[\128-\255]") then input.non_ascii = input.non_ascii + 1 end
    input.bytes = input.bytes + #label
  end
  for i = 1, #input.all, 5 do input.chunks[#input.chunks + 1] = { table.unpack(input.all, i, i + 4) } end
  input.items = #input.all
  input.tagger = tags.new()
  return input
end

local function over(list_name, fn)
  return function(input)
    for _, label in ipairs(input[list_name]) do fn(label) end
  end
end

-- Both peers run in one Node process (a warm-up pass, then one timed pass
-- each); the first row runs it, the second reads what it measured. The
-- slugs are scaled to the whole list: the rows' rates stay per label.
local function peer(k)
  return { label = ("npm `%s` (Node, one untimed warm-up pass first)"):format(PEERS[k]), clock = "wall",
    count = false, run = function(input)
    if k == 1 then
      local report = assert(harness.capture(("cd %s && node --expose-gc bench/slug-peers.mjs %s %s 1"):format(
        harness.quote(root), harness.quote(input.path), harness.quote(input.path .. ".sample"))))
      input.peers = cjson.decode(report).peers
    end
    for _, result in ipairs(input.peers) do
      if result.name == PEERS[k] then
        input.peer_results = input.peer_results or {}
        input.peer_results[k] = result
        return result.median_s * input.items / result.timed
      end
    end
  end }
end

section.workloads = {
  { label = "Lua `string.lower` (the floor: one C call per label)", run = over("all", string.lower) },
  { label = "`core.slug`", short = "core.slug", run = over("all", core.slug) },
  { label = "`tagger:normalize`, 5 labels a call", run = function(input)
    for _, chunk in ipairs(input.chunks) do input.tagger:normalize(chunk) end
  end },
}
local have_node = io.open(root .. "/bench/node/node_modules/slugify/package.json")
  and os.execute("command -v node > /dev/null")
if have_node then
  section.workloads[#section.workloads + 1] = peer(1)
  section.workloads[#section.workloads + 1] = peer(2)
end

function section.run(bench)
  local count = bench.quick and 50000 or 1000000
  local path, counted = ("%s/labels-%d.txt"):format(bench.out, count), bench.out .. "/labels-20000.txt"
  require("labels").write(path, count, 1)
  require("labels").write(counted, 20000, 1)
  for _, list in ipairs({ path, counted }) do
    local file = assert(io.open(list .. ".sample", "w"))
    file:write(table.concat(SAMPLE, "\n"), "\n")
    file:close()
  end
  local workloads, input = harness.side_by_side("tags", section, path, counted, bench.rounds)
  local slug_rate, floor_rate = input.items / workloads[2].time, input.items / workloads[1].time
  local lines = { ("%d labels (`bench/labels.lua`, seed 1), %d of them non-ASCII, %.1f bytes on average; instructions"
    .. " counted over the first 20,000.\n\n"):format(input.items, input.non_ascii, input.bytes / input.items),
    harness.rate_table(workloads, input, 2, "labels", "label"),
    ("\n- `core.slug` at %.2f× the floor's rate (target: at least 0.8×): **%s**\n"):format(slug_rate / floor_rate,
      slug_rate >= 0.8 * floor_rate and "met" or "not met") }
  if not have_node then
    lines[#lines + 1] = "- The npm peers were not run: node or `npm ci --prefix bench/node` is missing.\n"
    return table.concat(lines) .. "\n"
  end
  local fastest = math.min(workloads[4].time, workloads[5].time)
  lines[#lines + 1] = ("- `core.slug` at %.1f× the faster npm package's rate; the floor at %.1f×\n\n"):format(
    fastest / workloads[2].time, fastest / workloads[1].time)
  local rows = {}
  for i, label in ipairs(SAMPLE) do
    local function cell(slug) return slug == "" and "*(empty)*" or "`" .. slug:gsub("|", "\\|") .. "`" end
    rows[i] = { cell(label), cell(core.slug(label)), cell(input.peer_results[1].sample[i]),
      cell(input.peer_results[2].sample[i]) }
  end
  lines[#lines + 1] = "Slugs of awkward labels:\n\n" .. harness.table({ "label", "`core.slug`", "`" .. PEERS[1] .. "`",
    "`" .. PEERS[2] .. "`" }, rows)
  return table.concat(lines) .. "\n"
end

return section
