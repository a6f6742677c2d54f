--- The measures the suite specs share: the text of an HTML fragment, the
-- words of a text, and the F1 of two texts' 4-word shingles (the measure
-- public article-extraction benchmarks use). Used by spec/html_score.lua
-- and spec/dump_score.lua, which differ in how they cut words and score
-- texts under 4 words, each as its floors were set.
local score = {}

local ENTITIES = { amp = "&", lt = "<", gt = ">", quot = '"', apos = "'", nbsp = " " }

-- A character reference as its character (a space for a code point UTF-8
-- cannot hold), a named one of ENTITIES likewise, any other name left as written.
local function decode_entity(whole, name)
  local hex, dec = name:match("^#[xX](%x+)$"), name:match("^#(%d+)$")
  local code = hex and tonumber(hex, 16) or dec and tonumber(dec)
  if code then
    local valid = code > 0 and code < 0x110000 and (code < 0xD800 or code > 0xDFFF)
    return valid and utf8.char(code) or " "
  end
  return ENTITIES[name] or whole
end

local function without_element(html, name)
  local pattern = name:gsub("%a", function(letter) return "[" .. letter:lower() .. letter:upper() .. "]" end)
  return (html:gsub("<" .. pattern .. ".-</" .. pattern .. ">", " "))
end

--- The text of an HTML fragment: tags as spaces, entities decoded, scripts
-- and styles left out.
function score.html_text(html)
  html = html:gsub("<!%-%-.-%-%->", " ")
  html = without_element(without_element(html, "script"), "style")
  html = html:gsub("<[^>]*>", " ")
  return (html:gsub("(&(#?%w+);)", decode_entity))
end

-- Characters of scripts written without spaces (CJK, kana, Thai) count as words.
local function spaced(text)
  return (text:gsub(utf8.charpattern, function(char)
    local code = utf8.codepoint(char)
    if (code >= 0x2E80 and code <= 0x9FFF) or (code >= 0xAC00 and code <= 0xD7AF) or (code >= 0xF900 and code <= 0xFAFF)
      or (code >= 0xFF00 and code <= 0xFFEF) or (code >= 0x0E00 and code <= 0x0E7F) then
      return " " .. char .. " "
    end
  end))
end

--- The words of a text, lowercase, punctuation taken off their ends.
function score.words(text)
  local words = {}
  if not utf8.len(text) then text = text:gsub("[\128-\255]", "?") end
  for word in spaced(text):gmatch("%S+") do
    word = word:lower():gsub("^%p+", ""):gsub("%p+$", "")
    if word ~= "" then words[#words + 1] = word end
  end
  return words
end

-- The distinct runs of 4 words and how many; fewer words make one shingle
-- of them all when whole_short, none otherwise.
local function shingles(words, whole_short)
  local set, count = {}, 0
  local n = whole_short and math.min(4, #words) or 4
  for i = 1, #words - n + 1 do
    local key = table.concat(words, " ", i, i + n - 1)
    if not set[key] then set[key], count = true, count + 1 end
  end
  return set, count
end

--- F1, precision and recall of got's shingles against want's (texts). By
-- default texts are cut into words by score.words and one of fewer than 4
-- words is one shingle; options.words cuts them otherwise, and
-- options.short_is_empty gives such texts no shingle (two of them score 1).
function score.shingle_f1(got, want, options)
  local words = options and options.words or score.words
  local whole_short = not (options and options.short_is_empty)
  local got_set, got_n = shingles(words(got), whole_short)
  local want_set, want_n = shingles(words(want), whole_short)
  if want_n == 0 then
    local f1 = got_n == 0 and 1 or 0
    return f1, f1, 1
  end
  if got_n == 0 then return 0, 0, 0 end
  local common = 0
  for key in pairs(got_set) do
    if want_set[key] then common = common + 1 end
  end
  local precision, recall = common / got_n, common / want_n
  local f1 = common > 0 and 2 * precision * recall / (precision + recall) or 0
  return f1, precision, recall
end

return score
