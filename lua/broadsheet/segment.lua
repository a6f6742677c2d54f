--- broadsheet.segment: the reading of a space-joined tag line ("artificial
-- intelligence Europe machine learning") as tags, by dynamic programming over
-- what is known of it. Three cues: the vocabulary's tags; stop words, which
-- join the words beside them and are never a tag alone; and the order of
-- the tags, where lines are sorted by name as WordPress prints them: the
-- tags of a reading must then be in order, so two neighbours out of order
-- ("machine learning") cannot be two tags.
local core = require "broadsheet.core"
local stopwords = require "broadsheet.stopwords"

local segment = {}

-- Scores of one tag of the reading; the best total wins. A known tag of k
-- words scores k*k, so that a known phrase beats its words taken apart, and
-- its frequency adds a little, to choose between readings that cover the
-- words alike. An unknown word costs, alone or in a tag; a stop word alone
-- costs so much that no reading takes it. Joining unknown words costs more,
-- so that they are joined only where a cue says so: beside a stop word, or
-- across two words out of order (a sorted line must join them somewhere,
-- and the fewer joins the better); two words in order are joined only when
-- the order of the tags leaves no other way.
local FREQUENCY_WEIGHT = 0.1
local UNKNOWN_WORD = -1
local STOP_WORD_ALONE = -100
local JOIN_AT_STOP_WORD = -0.25
local JOIN_OUT_OF_ORDER = -0.5
local JOIN_IN_ORDER = -3
local STOP_WORD_FIRST = -1
local STOP_WORD_LAST = -3
local LONGEST_UNKNOWN = 4     -- words an unknown tag may have

-- A line counts as sorted, with nothing else said, when at most this share
-- of its neighbouring tags are out of order (a shuffled line has half); in
-- an archive known to be sorted, up to SORTED_ARCHIVE_SHARE.
local SORTED_LINE_SHARE = 1 / 3
local SORTED_ARCHIVE_SHARE = 1 / 2
-- A tag out of order is mended by a join or two (JOIN_OUT_OF_ORDER and
-- JOIN_IN_ORDER); a reading in order that costs more than this for each was
-- bought by gluing whole tags together, and the line is in no order.
local LOSS_PER_TAG_OUT_OF_ORDER = 4

--- The words of a line and their match keys.
--- The key tags are sorted by: the name in lower case, as WordPress
-- compares names ("U.S." before "UK", where match keys would put "us"
-- after "uk"), and for names beyond ASCII the match key, whose accents
-- are stripped as a collation ignores them ("São Paulo" among the s).
function segment.sort_key(label)
  if label:find("[\128-\255]") then return core.tag_key(label) end
  return label:lower()
end

local sort_key = segment.sort_key

-- The words of a line and their sort keys.
local function split_words(line)
  local words, keys = {}, {}
  for word in line:gmatch("%S+") do
    words[#words + 1] = word
    keys[#keys + 1] = sort_key(word)
  end
  return words, keys
end

-- How many of these tags are out of order with the tag before them.
local function out_of_order(labels)
  local count, previous = 0, sort_key(labels[1] or "")
  for i = 2, #labels do
    local key = sort_key(labels[i])
    if previous > key then count = count + 1 end
    previous = key
  end
  return count
end

-- The score of words a..b as one tag, or nil when it cannot be one.
local function tag_score(words, keys, a, b, known, in_order)
  local count = known(table.concat(words, " ", a, b))
  local stop_first, stop_last = stopwords[keys[a]], stopwords[keys[b]]
  if a == b then
    if stop_first then return STOP_WORD_ALONE end
    if count then return 1 + FREQUENCY_WEIGHT * math.log(1 + count) end
    return UNKNOWN_WORD
  end
  if count then
    local k = b - a + 1
    return k * k + FREQUENCY_WEIGHT * math.log(1 + count)
  end
  if b - a + 1 > LONGEST_UNKNOWN then return nil end
  local score = UNKNOWN_WORD * (b - a + 1)
  for i = a, b - 1 do
    if stopwords[keys[i]] or stopwords[keys[i + 1]] then
      score = score + JOIN_AT_STOP_WORD
    elseif in_order and keys[i] > keys[i + 1] then
      score = score + JOIN_OUT_OF_ORDER
    else
      score = score + JOIN_IN_ORDER
    end
  end
  if stop_first == "joining" then score = score + STOP_WORD_FIRST end
  if stop_last then score = score + STOP_WORD_LAST end
  return score
end

--- The best reading of words (with their keys) as tags, a list of labels,
-- and its score.
-- known(phrase) gives the count of a known tag or nil; longest is the most
-- words a known tag has; in_order asks for the tags to be in order.
function segment.best(words, keys, known, longest, in_order)
  local n = #words
  local span = math.max(longest, LONGEST_UNKNOWN)
  -- best[b][a]: the best score of words 1..b whose last tag is a..b;
  -- from[b][a]: where the tag before it starts (0 for none).
  local best, from, key_of = {}, {}, {}
  local function phrase_key(a, b)
    local id = a * (n + 1) + b
    local key = key_of[id]
    if not key then
      key = table.concat(keys, " ", a, b)
      key_of[id] = key
    end
    return key
  end
  for b = 1, n do
    best[b], from[b] = {}, {}
    -- Longer tags are tried first, and only a better score replaces a
    -- reading, so ties go the same way on every run.
    for a = math.max(1, b - span + 1), b do
      local score = tag_score(words, keys, a, b, known, in_order)
      if score then
        if a == 1 then
          best[b][a], from[b][a] = score, 0
        else
          for before = math.max(1, a - span), a - 1 do
            local previous = best[a - 1][before]
            if previous and (not in_order or phrase_key(before, a - 1) <= phrase_key(a, b)) then
              local total = previous + score
              if best[b][a] == nil or total > best[b][a] then best[b][a], from[b][a] = total, before end
            end
          end
        end
      end
    end
  end
  local last, top
  for a, score in pairs(best[n] or {}) do
    if top == nil or score > top or (score == top and a < last) then last, top = a, score end
  end
  if not last then return nil end
  local labels, b = {}, n
  while b > 0 do
    table.insert(labels, 1, table.concat(words, " ", last, b))
    last, b = from[b][last], last - 1
  end
  return labels, top
end

--- Splits a line: with the vocabulary and stop words, and in order where
-- it reads as sorted. sorted: true when the archive's lines are sorted,
-- false when they are not, nil when unknown. The reading that ignores the
-- order comes first: where the words of a tag are not known they stand
-- apart in it, and a few of them out of order is the sign of a sorted line
-- with tags of several words; many, of a line in no order.
function segment.split(line, known, longest, sorted)
  local words, keys = split_words(line)
  if #words == 0 then return {} end
  local labels, unordered_score = segment.best(words, keys, known, longest, false)
  local wrong = out_of_order(labels)
  local share = sorted and SORTED_ARCHIVE_SHARE or SORTED_LINE_SHARE
  if wrong == 0 or sorted == false or wrong > share * (#labels - 1) then return labels end
  local in_order, score = segment.best(words, keys, known, longest, true)
  if in_order and score >= unordered_score - LOSS_PER_TAG_OUT_OF_ORDER * wrong then return in_order end
  return labels
end

return segment
