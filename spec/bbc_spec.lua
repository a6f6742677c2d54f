-- The BBC corpus in ../shared/corpus/bbc: 2,225 real articles, headline then paragraphs.
local broadsheet = require "broadsheet"
local walk = require "broadsheet.walk"
local support = require "spec.support"

local function squeeze(s)
  return (s:gsub("\194\160", " "):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- The corpus's own structure, read independently of the parser.
local function blocks_of(text)
  local blocks = {}
  for block in (text .. "\n\n"):gmatch("(.-)\n[ \t]*\n") do
    if block:find("%S") then blocks[#blocks + 1] = squeeze(block) end
  end
  return blocks
end

describe("the BBC corpus", function()
  local dir = support.shared("corpus/bbc")
  if not dir then
    pending("../shared/corpus/bbc is absent: BBC corpus checks skipped")
    return
  end

  local files = {}
  walk.each({ dir }, function(path) files[#files + 1] = path end)

  it("has all 2,225 articles", function()
    assert.equal(2225, #files)
  end)

  it("parses every file: title = first line, body = the other paragraphs, nothing else", function()
    local wrong = {}
    for _, path in ipairs(files) do
      local text = support.read(path)
      local r = assert(broadsheet.parse_file(path))
      local blocks = blocks_of(text)
      local ok = r.title == blocks[1] and #(r.body or {}) == #blocks - 1
        and not (r.site or r.date or r.byline or r.caption or r.tags or r.footer)
      for i = 2, #blocks do
        ok = ok and (r.body[i - 1] == blocks[i] or r.warnings ~= nil)
      end
      if not ok then wrong[#wrong + 1] = path end
    end
    assert.same({}, wrong)
  end)

  it("decodes the stray 0xA3 byte in sport/199.txt as a pound sign, with a warning", function()
    local r = assert(broadsheet.parse_file(dir .. "/sport/199.txt"))
    assert.matches("a £15.8m signing", r.body[2], 1, true)
    assert.same({ "invalid UTF-8 decoded as Windows-1252 (1)" }, r.warnings)
  end)

  it("gives every article its own id", function()
    local seen, dupes = {}, 0
    for _, path in ipairs(files) do
      local r = broadsheet.parse_file(path)
      if seen[r.id] and seen[r.id] ~= table.concat(r.body, "\n") then dupes = dupes + 1 end
      seen[r.id] = table.concat(r.body, "\n")
    end
    assert.equal(0, dupes)
  end)
end)
