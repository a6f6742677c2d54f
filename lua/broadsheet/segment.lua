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
-- Words of the longest line read as tags: a longer one is no tag line a
-- site printed, and is kept as its words, so that its reading costs
-- nothing however long it is.
local LONGEST_LINE = 500
segment.LONGEST_LINE = LONGEST_LINE

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
  -- All ASCII when it has as many characters as bytes (utf8.len is nil
  -- for bytes that are no UTF-8, which are never ASCII either).
  if utf8.len(label) ~= #label then return core.tag_key(label) end
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

-- The score of words a..b of a line as one tag, or nil when it cannot be one.
local function tag_score(line, a, b, in_order)
  local keys = line.keys
  local count = line.count(a, b)
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
  -- Unknown words are joined where a stop word or the order asks.
  if b - a + 1 > LONGEST_UNKNOWN or not (in_order or line.stops(a, b)) then return nil end
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

-- The best reading of a line as tags, a list of labels, and its score;
-- in_order asks for the tags to be in order.
local function best_reading(line, in_order)
  local words, n, span = line.words, #line.words, line.span
  -- best[b][a]: the best score of words 1..b whose last tag is a..b, and
  -- from[b][a] where the tag before it starts (0 for none); top[b] the best
  -- of those, whose last tag starts at top_start[b].
  local opening, stops = line.opening, line.stops
  local best, from, top, top_start = {}, {}, {}, {}
  for b = 1, n do
    local best_b, from_b = {}, {}
    best[b], from[b] = best_b, from_b
    -- Longer tags are tried first, and only a better score replaces a
    -- reading, so ties go the same way on every run.
    for a = math.max(1, b - span + 1), b do
      -- In no order, words are joined only where one opens a known tag or
      -- a stop word stands among them: other joins are not scored at all.
      local score
      if in_order or a == b or opening[a] or stops(a, b) then score = tag_score(line, a, b, in_order) end
      local total, before
      if not score then
        total = nil
      elseif a == 1 then
        total, before = score, 0
      elseif not in_order then
        if top[a - 1] then total, before = top[a - 1] + score, top_start[a - 1] end
      else
        local key, ending_before = line.key(a, b), best[a - 1]
        for start = math.max(1, a - span), a - 1 do
          local previous = ending_before[start]
          if previous and (total == nil or previous + score > total) and line.key(start, a - 1) <= key then
            total, before = previous + score, start
          end
        end
      end
      if total then
        best_b[a], from_b[a] = total, before
        if top[b] == nil or total > top[b] then top[b], top_start[b] = total, a end
      end
    end
  end
  local last = top_start[n]
  if not last then return nil end
  local backwards, b = {}, n
  while b > 0 do
    backwards[#backwards + 1] = table.concat(words, " ", last, b)
    last, b = from[b][last], last - 1
  end
  local labels = {}
  for i = #backwards, 1, -1 do labels[#labels + 1] = backwards[i] end
  return labels, top[n]
end

-- The reading of each word as a tag of its own, and its score.
local function words_alone(line)
  local labels, score = {}, 0
  for i, word in ipairs(line.words) do
    labels[i] = word
    score = score + tag_score(line, i, i, false)
  end
  return labels, score
end

local function any_true(list)
  for _, value in ipairs(list) do
    if value then return true end
  end
  return false
end

-- The first part of a slug, by which known tags of several words are found.
local function slug_head(word)
  return core.slug(word):match("^[^-]*")
end

--- The first part of the slug of a known tag of several words
-- ("internet-of-things": "internet"), or nil for one word: a line is read
-- word by word where no word opens such a tag, no stop word joins and no
-- word is out of order.
function segment.opening(slug)
  return slug:find("-", 1, true) and slug:match("^[^-]*") or nil
end

-- Which words of a line may open a known tag of several words, which are
-- stop words, and can the words be anything but one tag each?
local function cues(words, keys, opens)
  local opening, stops, may_join = {}, {}, false
  -- Without known tags of several words no word opens one, and no slug is made.
  local any_opens = next(opens) ~= nil
  for i, key in ipairs(keys) do
    opening[i] = any_opens and opens[slug_head(words[i])] or false
    stops[i] = (stops[i - 1] or 0) + (stopwords[key] and 1 or 0)
    may_join = may_join or opening[i] or stopwords[key] ~= nil or (i > 1 and keys[i - 1] > key)
  end
  return opening, stops, may_join
end

--- Splits a space-joined tag line (of at most LONGEST_LINE words; a longer
-- one is split at its spaces) with what a vocabulary (a tagger) knows:
-- known_count(label), the count of a known tag or nil; longest (the most words a known tag
-- has); opens (segment.opening of each known tag of several words); and
-- sorted (true when the archive's lines are sorted by name, false when they
-- are not, nil when unknown). The reading that ignores the order comes
-- first: where the words of a tag are not known they stand apart in it, and
-- a few of them out of order is the sign of a sorted line with tags of
-- several words; many, of a line in no order.
function segment.split(text, vocabulary)
  local words, keys = split_words(text)
  if #words > LONGEST_LINE then return words end
  local opening, stops, may_join = cues(words, keys, vocabulary.opens)
  if not may_join then return words end
  local n, counts = #words, {}
  local line = { words = words, keys = keys, opening = opening,
    span = math.max(vocabulary.longest, LONGEST_UNKNOWN) }
  -- Is there a stop word among words a..b?
  function line.stops(a, b)
    return stops[b] > (stops[a - 1] or 0)
  end
  local key_of = {}
  -- The sort key of words a..b as one tag.
  function line.key(a, b)
    local id = a * (n + 1) + b
    local key = key_of[id]
    if not key then
      key = table.concat(keys, " ", a, b)
      key_of[id] = key
    end
    return key
  end
  -- Each tag the readings try is looked up once.
  function line.count(a, b)
    local id = a * (n + 1) + b
    local count = counts[id]
    if count == nil then
      count = false
      if a == b or opening[a] then
        count = vocabulary.known_count(table.concat(words, " ", a, b)) or false
      end
      counts[id] = count
    end
    return count or nil
  end
  local labels, unordered_score
  if stops[n] == 0 and not any_true(opening) then
    -- No stop word joins and no word opens a known tag: in no order, each
    -- word is a tag of its own, as the reading would find at more cost.
    labels, unordered_score = words_alone(line)
  else
    labels, unordered_score = best_reading(line, false)
  end
  local wrong = out_of_order(labels)
  local share = vocabulary.sorted and SORTED_ARCHIVE_SHARE or SORTED_LINE_SHARE
  if wrong == 0 or vocabulary.sorted == false or wrong > share * (#labels - 1) then return labels end
  local in_order, score = best_reading(line, true)
  if in_order and score >= unordered_score - LOSS_PER_TAG_OUT_OF_ORDER * wrong then return in_order end
  return labels
end

return segment
