-- White space squeezing and word counts, checked against a plain Lua reference
-- on random text (the C side copies eight bytes at a time; the edges matter).
local broadsheet = require "broadsheet"

local NBSP = "\194\160"

local function reference(paragraph)
  local text = paragraph:gsub(NBSP, " ")
  local words = {}
  for word in text:gmatch("%S+") do words[#words + 1] = word end
  return table.concat(words, " "), #words
end

describe("squeezing white space", function()
  it("matches the reference on random prose", function()
    local pieces = { "a", "bc", "word", "x.", " ", " ", " ", "  ", "\t", NBSP, "é", "中", "12345678", "-" }
    local seed = 42
    local function random(n)
      seed = (seed * 6364136223846793005 + 1442695040888963407) & 0x7FFFFFFFFFFFFFFF
      return (seed >> 33) % n + 1
    end
    for _ = 1, 2000 do
      local parts = {}
      for i = 1, random(60) do parts[i] = pieces[random(#pieces)] end
      local paragraph = "x" .. table.concat(parts) .. "y"
      local record = broadsheet.parse("Headline\n\n" .. paragraph .. "\n")
      local squeezed, words = reference(paragraph)
      assert.same({ squeezed }, record.body)
      assert.equal(words, record.words)
    end
  end)

  it("keeps single spaces at every offset of an eight-byte window", function()
    for shift = 0, 16 do
      local paragraph = string.rep("z", shift) .. " a  b c   d e f g h i j k l m  n"
      local squeezed, words = reference(paragraph)
      local record = broadsheet.parse("Headline\n\n" .. paragraph)
      assert.equal(squeezed, record.body[1])
      assert.equal(words, record.words)
    end
  end)
end)
