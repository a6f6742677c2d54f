--- Learning an archive's boilerplate from repetition: the masthead is a
-- first line, and footers are last lines, that recur across many documents.
-- Thresholds need MIN_DOCUMENTS documents, so a handful of files never
-- teaches anything.
local core = require "broadsheet.core"

local profile = {}

local MIN_DOCUMENTS = 10
local MASTHEAD_SHARE = 0.5   -- of documents opening with the same line
local FOOTER_SHARE = 0.1     -- of documents ending with the same line
local TAIL_LINES = 3         -- last lines looked at
local SHORT_LINE = 120

local function squeeze(line)
  return (line:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function non_blank_lines(text)
  local lines = {}
  for line in text:gsub("\r\n?", "\n"):gmatch("[^\n]+") do
    line = squeeze(line)
    if line ~= "" then lines[#lines + 1] = line end
  end
  return lines
end

--- A learner: call :add(text) for each document, then :result().
function profile.learner()
  local firsts, lasts, documents = {}, {}, 0
  local learner = {}
  function learner.add(text)
    local lines = non_blank_lines(text)
    if #lines == 0 then return end
    documents = documents + 1
    firsts[lines[1]] = (firsts[lines[1]] or 0) + 1
    -- A tag line recurs too, but it is the article's, not boilerplate.
    local _, tag_line = core.parse(text)
    local seen = {}
    for i = math.max(2, #lines - TAIL_LINES + 1), #lines do
      local line = lines[i]
      if line ~= tag_line and not seen[line] and #line <= SHORT_LINE * 2 then
        seen[line] = true
        lasts[line] = (lasts[line] or 0) + 1
      end
    end
  end
  function learner.result()
    local result = { documents = documents, footers = {} }
    if documents < MIN_DOCUMENTS then return result end
    local best, best_count = nil, 0
    for line, count in pairs(firsts) do
      if count > best_count or (count == best_count and line < best) then best, best_count = line, count end
    end
    if best_count >= documents * MASTHEAD_SHARE and #best <= SHORT_LINE then result.site = best end
    local counts = {}
    for line, count in pairs(lasts) do
      if count >= math.max(MIN_DOCUMENTS, documents * FOOTER_SHARE) and line ~= result.site then
        result.footers[#result.footers + 1] = line
        counts[line] = count
      end
    end
    table.sort(result.footers, function(a, b)
      if counts[a] ~= counts[b] then return counts[a] > counts[b] end
      return a < b
    end)
    return result
  end
  return learner
end

return profile
