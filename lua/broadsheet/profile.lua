--- Learning an archive's boilerplate from repetition: the masthead is a
-- first line, and footers are last lines, that recur across many documents.
-- Thresholds need MIN_DOCUMENTS documents, so a handful of files never
-- teaches anything. The tag lines teach a vocabulary (broadsheet.learn):
-- multi-word tags, and whether the lines are sorted by name.
local core = require "broadsheet.core"
local learn = require "broadsheet.learn"

local profile = {}

local MIN_DOCUMENTS = 10
local MASTHEAD_SHARE = 0.5   -- of documents opening with the same line
local FOOTER_SHARE = 0.1     -- of documents ending with the same line
local TAIL_LINES = 3         -- last lines looked at
local SHORT_LINE = 120
local EDGE = 2048            -- bytes at each end of a document where boilerplate stands
local PAGE_SHARE = 0.5       -- of page dumps printing the same line: the site's menus and footers

local WHITE = { [9] = true, [10] = true, [11] = true, [12] = true, [13] = true, [32] = true }

-- Runs of white space as one space, none at the ends. Most lines are so
-- already, which plain finds (at memchr's speed) tell at a fraction of the
-- cost of rewriting them.
local function squeeze(line)
  if not (WHITE[line:byte(1)] or WHITE[line:byte(-1)] or line:find("  ", 1, true) or line:find("\t", 1, true)
          or line:find("\n", 1, true) or line:find("\r", 1, true) or line:find("\v", 1, true)
          or line:find("\f", 1, true)) then
    return line
  end
  return (line:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- The first non-blank line of text, as it stands, or nil: the line around
-- its first non-blank byte, whatever the lines after it hold.
local function first_non_blank_line(text)
  local at = text:find("%S")
  if not at then return nil end
  local start = at
  while start > 1 and text:byte(start - 1) ~= 10 do start = start - 1 end
  return text:sub(start, (text:find("\n", at, true) or #text + 1) - 1)
end

--- A learner: call .add(text) for each document, then .result() (or
-- .state() to hand what it counted to another learner's .merge). add
-- returns what core.parse made of the text (record, tag line, listed), so
-- that a reader need not parse it again where the profile changes nothing
-- (see Context:parse).
function profile.learner()
  local firsts, lasts, documents = {}, {}, 0
  -- Whole pages dumped to text print the site's navigation and footer
  -- everywhere on the page, not only at its ends: every line counts.
  local page_lines, pages = {}, 0
  -- A vocabulary for parsing, not for printing: its counts need not be
  -- the tags' own, so the lines are not read a second time.
  local vocabulary = learn.learner { read_back = false }
  local learner = {}
  function learner.add(text)
    -- Only the ends are looked at: the middle of a long article costs nothing.
    local first = first_non_blank_line(#text > EDGE and text:sub(1, EDGE) or text) or first_non_blank_line(text)
    if not first then return end
    documents = documents + 1
    first = squeeze(first)
    firsts[first] = (firsts[first] or 0) + 1
    -- The last lines, never the first: of the whole text, or of its end
    -- piece, whose first line may be cut. Found and squeezed by the core:
    -- in Lua, that cost as much as parsing the article.
    local lines = core.squeezed_lines(text, math.max(1, #text - EDGE + 1), SHORT_LINE * 2, TAIL_LINES)
    -- A tag line recurs too, but it is the article's, not boilerplate.
    local record, tag_line, listed = core.parse(text)
    if tag_line then vocabulary.add(record.tag_labels, listed) end
    if record.boilerplate then
      pages = pages + 1
      local seen = {}
      for _, line in ipairs(core.squeezed_lines(text, 1, SHORT_LINE)) do
        if line and not seen[line] then
          seen[line] = true
          page_lines[line] = (page_lines[line] or 0) + 1
        end
      end
    end
    local seen = {}
    for _, line in ipairs(lines) do
      if line and line ~= tag_line and not seen[line] then
        seen[line] = true
        lasts[line] = (lasts[line] or 0) + 1
      end
    end
    return record, tag_line, listed
  end
  --- What the learner has counted, as plain tables (for cjson).
  function learner.state()
    return { documents = documents, pages = pages, firsts = firsts, lasts = lasts, page_lines = page_lines,
             vocabulary = vocabulary.state() }
  end
  --- Adds what another learner counted (its learner.state(), maybe through
  -- cjson): the result is then that of one learner given both sets of
  -- documents, in any order (workers that learn together, see
  -- broadsheet.parallel).
  function learner.merge(state)
    documents = documents + math.tointeger(state.documents)
    pages = pages + math.tointeger(state.pages)
    for mine, theirs in pairs { [firsts] = state.firsts, [lasts] = state.lasts, [page_lines] = state.page_lines } do
      for line, count in pairs(theirs) do mine[line] = (mine[line] or 0) + math.tointeger(count) end
    end
    vocabulary.merge(state.vocabulary)
  end
  function learner.result()
    local result = { documents = documents, footers = {}, vocabulary = vocabulary.result() }
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
    for line, count in pairs(page_lines) do
      if pages >= MIN_DOCUMENTS and count >= pages * PAGE_SHARE and not counts[line] and line ~= result.site then
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
