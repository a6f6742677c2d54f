-- Bad input gets a clear error or a recorded warning: never a crash, a hang or silent loss.
local broadsheet = require "broadsheet"
local support = require "spec.support"

local function has_warning(record, pattern)
  for _, w in ipairs(record.warnings or {}) do
    if w:find(pattern) then return true end
  end
  return false
end

describe("bad input", function()
  it("rejects what is not a string with a clear error", function()
    assert.error_matches(function() broadsheet.parse(nil) end, "string expected, got nil")
    assert.error_matches(function() broadsheet.parse({}) end, "string expected, got table")
    assert.error_matches(function() broadsheet.parse("x", "y") end, "table expected, got string")
    assert.error_matches(function() broadsheet.parse("x", { footers = "y" }) end, "opts.footers")
    assert.error_matches(function() broadsheet.parse("x", { footers = { 1, {} } }) end, "opts.footers")
  end)

  it("warns on an empty file and a file of blanks", function()
    for _, text in ipairs { "", "\n\n", "   \t\n \r\n", "\239\187\191" } do
      local r = broadsheet.parse(text)
      assert.is_nil(r.title)
      assert.is_nil(r.body)
      assert.is_true(has_warning(r, "empty document"))
      assert.equal(0, r.words)
    end
  end)

  it("warns on a title alone", function()
    local r = broadsheet.parse("Just a headline\n")
    assert.equal("Just a headline", r.title)
    assert.is_nil(r.body)
    assert.is_true(has_warning(r, "no body"))
  end)

  it("decodes invalid UTF-8 as Windows-1252 with a warning", function()
    local r = broadsheet.parse("Caf\233 prices\n\nA \147quoted\148 price of \163100 and \128200.\n")
    assert.equal("Café prices", r.title)
    assert.equal("A “quoted” price of £100 and €200.", r.body[1])
    assert.is_true(has_warning(r, "Windows%-1252 %(5%)"))
    assert.is_true(utf8.len(r.body[1]) ~= nil)
  end)

  it("keeps truncated and overlong UTF-8 sequences as Windows-1252 characters", function()
    local r = broadsheet.parse("Head\n\nA\226\130 B \192\175 C \237\160\128 D\n")
    assert.is_truthy(utf8.len(r.body[1]))
    assert.is_true(has_warning(r, "Windows%-1252"))
  end)

  it("decodes UTF-16 with a byte order mark, little- or big-endian, with a warning", function()
    local function utf16(text, big_endian)
      local units = {}
      for _, c in utf8.codes(text) do
        local pieces = c < 0x10000 and { c } or { 0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF) }
        for _, u in ipairs(pieces) do
          units[#units + 1] = big_endian and string.char(u >> 8, u & 255) or string.char(u & 255, u >> 8)
        end
      end
      return (big_endian and "\254\255" or "\255\254") .. table.concat(units)
    end
    local text = "Café prices 😀\r\n\r\n14 June 2016\r\n\r\nThe body.\r\n"
    for _, big_endian in ipairs { false, true } do
      local r = broadsheet.parse(utf16(text, big_endian))
      assert.equal("Café prices 😀", r.title)
      assert.equal("2016-06-14", r.date)
      assert.same({ "The body." }, r.body)
      assert.same({ "UTF-16 decoded" }, r.warnings)
    end
    local r = broadsheet.parse("\255\254H\0i\0\0\216x")
    assert.equal("Hi\u{FFFD}\u{FFFD}", r.title)
    assert.is_true(has_warning(r, "UTF%-16 decoded %(2%)"))
  end)

  it("drops NUL bytes and control characters with a warning", function()
    local r = broadsheet.parse("Head\0line\n\nBody\1 text\27 here\127.\194\133\n")
    assert.equal("Headline", r.title)
    assert.equal("Body text here.", r.body[1])
    assert.is_true(has_warning(r, "NUL bytes dropped %(1%)"))
    assert.is_true(has_warning(r, "control characters dropped %(4%)"))
  end)

  it("survives binary junk", function()
    local bytes = {}
    local seed = 12345
    for i = 1, 200000 do
      seed = (seed * 1103515245 + 12345) % 2147483648
      bytes[i] = string.char(seed % 256)
    end
    local r = broadsheet.parse(table.concat(bytes))
    assert.is_table(r)
    assert.is_truthy(r.warnings)
    for _, para in ipairs(r.body or {}) do assert.is_truthy(utf8.len(para)) end
  end)

  it("parses a 100 MB line", function()
    local line = string.rep("word ", 20 * 1024 * 1024)
    local r = broadsheet.parse("Headline\n\n" .. line .. "\n")
    assert.equal("Headline", r.title)
    assert.equal(20 * 1024 * 1024, r.words)
    assert.equal(#line - 1, #r.body[1])
  end)

  it("parses a huge tag list", function()
    local labels = {}
    for i = 1, 20000 do labels[i] = "tag" .. i end
    local r = broadsheet.parse("Headline\n\nBody.\n\n\n" .. table.concat(labels, " "))
    assert.equal(20000, #r.tags)
    assert.equal("tag20000", r.tags[20000])
    r = broadsheet.parse("Headline\n\nBody.\n\nTags: " .. table.concat(labels, ", "))
    assert.equal(20000, #r.tag_labels)
  end)

  it("parses many short blocks in linear time and memory", function()
    local r = broadsheet.parse("Head\n\n" .. string.rep("a\n\n", 200000))
    assert.equal(200000, #r.body)
  end)

  it("loses no word of a messy article", function()
    local text = "The Stack Archive\r\n\r\nHead\tline  here \r\n\r\n14 June 2016\r\n\r\n" ..
                 "Body\194\160with odd   spacing.\r\n\r\n\r\nChina US\r\nSend us a news tip"
    assert.same(support.text_words(text), support.record_words(broadsheet.parse(text)))
  end)
end)
