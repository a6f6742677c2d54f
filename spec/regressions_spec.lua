-- Inputs the fuzzers (csrc/fuzz/) found breaking the C core, kept as regression
-- tests. Each is a file csrc/fuzz/corpus/HARNESS/regression-NAME, so that the
-- fuzzers start from it too; here every one goes through every entry point of
-- broadsheet.core, and must give sane output, plus the check of what it broke.
local core = require "broadsheet.core"

local function read(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("a")
  file:close()
  return data
end

local function is_text(s)
  return type(s) == "string" and #s > 0 and utf8.len(s) ~= nil
end

local function is_slug(s)
  return is_text(s) and #s <= 64 and not s:find("^%-") and not s:find("%-$") and not s:find("%-%-")
end

-- What every record must look like, whatever the input.
local function assert_sane_record(r, tag_line, listed)
  assert.is_table(r)
  for _, key in ipairs { "site", "title", "date_text", "byline", "caption", "footer" } do
    assert(r[key] == nil or is_text(r[key]), key)
  end
  assert.equal(r.date == nil, r.date_text == nil)
  if r.date then assert.equal(r.date, core.parse_date(r.date)) end
  assert.equal("integer", math.type(r.words))
  assert.matches("^%x+$", r.id)
  assert.equal(16, #r.id)
  for _, p in ipairs(r.body or {}) do assert(is_text(p), "paragraph") end
  assert.equal(r.tag_labels == nil, tag_line == nil)
  for _, label in ipairs(r.tag_labels or {}) do
    assert(is_text(label), "label")
    assert(is_slug(core.slug(label)), "slug of a label")
  end
  if tag_line then assert.is_boolean(listed) end
end

-- Runs the input through core.parse (with and without opts from its own
-- lines), core.parse_date, core.slug and core.tag_key.
local function assert_survives(input)
  assert_sane_record(core.parse(input))
  local first, last = input:match("^([^\n]*)"), input:match("([^\n]*)$")
  assert_sane_record(core.parse(input, { site = first, footers = { last } }))
  local iso, why = core.parse_date(input)
  if iso then assert.equal(iso, core.parse_date(iso)) else assert.is_string(why) end
  assert(is_slug(core.slug(input)), "slug")
  assert.is_truthy(utf8.len(core.tag_key(input)))
end

-- The records core.warc_reader finds in a fuzz_warc input (its first byte
-- picks the chunk size and the record limit, as in the harness), fed in
-- chunks of that size or whole.
local function warc_records(input, whole)
  local selector, data = input:byte(1), input:sub(2)
  local chunk = whole and math.max(#data, 1) or 1 + (selector & 0x0f) * 7
  local max = selector & 0x10 ~= 0 and 64 or 1 << 20
  local pos = 1
  local reader = core.warc_reader(function()
    if pos > #data then return nil end
    local piece = data:sub(pos, pos + chunk - 1)
    pos = pos + chunk
    return piece
  end, max)
  local found = {}
  for what, record in reader.next, reader do
    if what == "record" then
      local _, body = reader:http()
      found[#found + 1] = { record.type, record.uri, reader:block(), body }
      assert(#reader:block() <= max, "block longer than the limit")
    else
      assert.matches("^offset %d+: ", record)
    end
  end
  return found
end

local function same_records_whole_or_chunked(input)
  assert.same(warc_records(input, true), warc_records(input, false))
end

-- { harness, name, what the fuzzer found, an extra check of the fix }
local cases = {
  { "slug", "hangul-jamo-apostrophe",
    "dropping the apostrophe of \"ᄒ'ᅡ\" left two jamo that compose: the key was not NFKC, " ..
    "so key(key(x)) and slug(key(x)) differed from key(x) and slug(x)",
    function(input)
      local key = core.tag_key(input)
      assert.equal(key, core.tag_key(key))
      assert.equal(core.slug(input), core.slug(key))
      assert.equal("하", core.tag_key("\u{1112}'\u{1161}"))
      assert.equal(core.slug("하"), core.slug("\u{1112}.\u{1161}"))
    end },
  { "warc", "one-byte-feed",
    "a first chunk of one byte that is not gzip's was read two bytes deep to tell gzip from plain",
    same_records_whole_or_chunked },
  { "warc", "chunk-cut-to-nothing",
    "a chunk cut to nothing by the size limit was copied from a null buffer", same_records_whole_or_chunked },
  { "warc", "lone-gzip-byte",
    "an input of one byte that may start gzip moved its empty input buffer from a null pointer",
    same_records_whole_or_chunked },
  { "warc", "truncated-member-then-good",
    "zlib read into the next gzip member before it saw the truncated one was broken, and that member was lost",
    function(input)
      same_records_whole_or_chunked(input)
      local records = warc_records(input, true)
      assert.equal(1, #records)
      assert.equal("http://b/", records[1][2])
    end },
}

describe("fuzzer regressions", function()
  for _, case in ipairs(cases) do
    local harness, name, found, check = case[1], case[2], case[3], case[4]
    it(harness .. ": " .. name .. " (" .. found .. ")", function()
      local input = read("csrc/fuzz/corpus/" .. harness .. "/regression-" .. name)
      assert_survives(input)
      check(input)
    end)
  end

  it("lists every regression input kept in the seed corpora", function()
    local listed = {}
    for _, case in ipairs(cases) do listed[case[1] .. "/regression-" .. case[2]] = true end
    local ls = assert(io.popen("cd csrc/fuzz/corpus && ls -1 */regression-* 2>/dev/null"))
    for path in ls:lines() do assert(listed[path], path .. " has no case here") end
    ls:close()
  end)
end)
