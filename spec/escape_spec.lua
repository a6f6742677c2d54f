-- The C escapes (core.escape_xml, core.escape_markdown, core.json_object)
-- against the rules written plainly in Lua, on random text of the bytes
-- that matter to them.
local cjson = require "cjson"
local core = require "broadsheet.core"

-- Bytes not UTF-8 become U+FFFD, one per byte, as utf8.codepoint reads them.
local function repair(text)
  local out, i = {}, 1
  while i <= #text do
    local ok, code = pcall(utf8.codepoint, text, i)
    local char = ok and utf8.char(code) or "\239\191\189"
    out[#out + 1] = char
    i = i + (ok and #char or 1)
  end
  return table.concat(out)
end

local XML = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

local function xml_rule(text)
  text = repair(text):gsub("[%z\1-\8\11\12\14-\31]", ""):gsub("\239\191[\190\191]", "")
  return (text:gsub("[&<>\"']", XML))
end

local function markdown_rule(text)
  text = text:gsub("[%z\1-\8\14-\31\127]", ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  text = repair(text):gsub("[\\`*_%[%]<>|]", "\\%0"):gsub("&([#%w]+;)", "\\&%1")
  return (text:gsub("^([#>+%-])", "\\%1"):gsub("^(%d+)([.)])", "%1\\%2"))
end

local encoder = cjson.new()
local function json_rule(record, keys)
  local parts = {}
  for _, key in ipairs(keys) do
    if record[key] ~= nil then parts[#parts + 1] = encoder.encode(key) .. ":" .. encoder.encode(record[key]) end
  end
  return repair((("{" .. table.concat(parts, ",") .. "}"):gsub("\\/", "/")))
end

local PIECES = { "a", "Z", "7", "12", " ", "  ", "\t", "\n", "\r", "\1", "\11", "\127", "#", "+", "-", ">", "<",
  "&", "&amp;", "&#39;", ";", "*", "_", "`", "[", "]", "|", "\\", '"', "'", "/", ".", ")", "é", "€", "\u{FFFE}",
  "\u{FFFF}", "\255", "\195", "\237\160\128", "\240\159\152\128" }

local function random_text(rng)
  local parts = {}
  for i = 1, rng(0, 12) do parts[i] = PIECES[rng(1, #PIECES)] end
  return table.concat(parts)
end

describe("core escapes", function()
  local rng = math.random
  setup(function() math.randomseed(20261202) end)

  it("escape_xml follows the XML rule", function()
    for _ = 1, 5000 do
      local text = random_text(rng)
      assert.equal(xml_rule(text), core.escape_xml(text), ("%q"):format(text))
    end
  end)

  it("escape_xml_twice is escape_xml of escape_xml, in one scan", function()
    for _ = 1, 2000 do
      local text = random_text(rng)
      assert.equal(xml_rule(xml_rule(text)), core.escape_xml_twice(text), ("%q"):format(text))
    end
    assert.equal("&lt;p&gt;a &amp;amp; b&lt;/p&gt;", core.escape_xml_twice({ "a & b" }, "&lt;p&gt;", "&lt;/p&gt;"))
  end)

  it("escape_markdown follows the Markdown rule", function()
    for _ = 1, 5000 do
      local text = random_text(rng)
      assert.equal(markdown_rule(text), core.escape_markdown(text), ("%q"):format(text))
    end
  end)

  it("escapes each text of a list between an opening and a closing", function()
    assert.equal("<p>a &amp; b</p><p></p><p>&lt;</p>", core.escape_xml({ "a & b", "", "<" }, "<p>", "</p>"))
    assert.equal("\\# one\n\ntwo\\*\n\n", core.escape_markdown({ "# one", "two*" }, "", "\n\n"))
    assert.error_matches(function() core.escape_xml({ "a", {} }) end, "item 2 of the list is not a string")
  end)

  it("json_object writes what lua-cjson writes, in the keys' order", function()
    local keys = { "title", "body", "tags", "words", "score", "flag" }
    for _ = 1, 2000 do
      local record = { title = random_text(rng), body = { random_text(rng), random_text(rng) }, words = rng(0, 999) }
      if rng(1, 2) == 1 then record.tags = {} end
      if rng(1, 3) == 1 then record.score = rng() * 100 end
      if rng(1, 4) == 1 then record.flag = rng(1, 2) == 1 end
      assert.equal(json_rule(record, keys), core.json_object(record, keys))
    end
  end)

  it("json_object leaves other records to the general encoder", function()
    local keys = { "title", "body" }
    assert.is_nil(core.json_object({ title = "x", extra = "y" }, keys))
    assert.is_nil(core.json_object({ title = "x", body = { { "nested" } } }, keys))
    assert.is_nil(core.json_object({ title = "x", body = { "a", nil, "c" } }, keys))
    assert.is_nil(core.json_object({ title = 1 / 0 }, keys))
  end)
end)
