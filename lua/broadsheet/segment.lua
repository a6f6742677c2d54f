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

-- The readings themselves, and how a tag of one is scored, are the C core's
-- (csrc/segment.c): a known phrase beats its words taken apart, and its
-- frequency chooses between readings that cover the words alike; an
-- unknown word costs, and a stop word alone so much that no reading takes
-- it; unknown words are joined only where a cue says so (beside a stop
-- word, or across two words out of order), at most LONGEST_UNKNOWN of them.
local LONGEST_UNKNOWN = 4     -- as csrc/segment.c
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
-- JOIN_IN_ORDER in csrc/segment.c); a reading in order that costs more than this for each was
-- bought by gluing whole tags together, and the line is in no order.
local LOSS_PER_TAG_OUT_OF_ORDER = 4

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

-- The best reading of a line as tags, a list of labels, and its score;
-- in_order asks for the tags to be in order.
local function best_reading(line, in_order)
  local starts, score = core.segment_read(line.keys, line.stop_kinds, line.opening, line.known, line.span, in_order)
  if not starts then return nil end
  local words, labels = line.words, {}
  for i, start in ipairs(starts) do
    labels[i] = table.concat(words, " ", start, (starts[i + 1] or #words + 1) - 1)
  end
  return labels, score
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
-- stop words (their kind, or false), and can the words be anything but one
-- tag each?
local function cues(words, keys, opens)
  local opening, stop_kinds, may_join = {}, {}, false
  -- Without known tags of several words no word opens one, and no slug is made.
  local any_opens = next(opens) ~= nil
  for i, key in ipairs(keys) do
    opening[i] = any_opens and opens[slug_head(words[i])] or false
    stop_kinds[i] = stopwords[key] or false
    may_join = may_join or opening[i] or stop_kinds[i] or (i > 1 and keys[i - 1] > key)
  end
  return opening, stop_kinds, may_join
end

-- What the vocabulary knows of the tags a reading may take: the count of
-- each word, and of each run of words one opens, as core.segment_read
-- wants them (words a..b at (a - 1) * span + (b - a) + 1).
local function known_counts(words, opening, span, vocabulary)
  local known, n = {}, #words
  for a = 1, n do
    local last = opening[a] and math.min(n, a + span - 1) or a
    for b = a, last do
      known[(a - 1) * span + (b - a) + 1] = vocabulary.known_count(table.concat(words, " ", a, b))
    end
  end
  return known
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
  local opening, stop_kinds, may_join = cues(words, keys, vocabulary.opens)
  if not may_join then return words end
  local span = math.max(vocabulary.longest, LONGEST_UNKNOWN)
  local line = { words = words, keys = keys, opening = opening, stop_kinds = stop_kinds, span = span,
    known = known_counts(words, opening, span, vocabulary) }
  local labels, unordered_score = best_reading(line, false)
  local wrong = out_of_order(labels)
  local share = vocabulary.sorted and SORTED_ARCHIVE_SHARE or SORTED_LINE_SHARE
  if wrong == 0 or vocabulary.sorted == false or wrong > share * (#labels - 1) then return labels end
  local in_order, score = best_reading(line, true)
  if in_order and score >= unordered_score - LOSS_PER_TAG_OUT_OF_ORDER * wrong then return in_order end
  return labels
end

return segment
