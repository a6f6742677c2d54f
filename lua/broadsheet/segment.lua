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
-- JOIN_IN_ORDER in csrc/segment.c); a reading in order that costs more
-- than this for each was bought by gluing whole tags together, and the
-- line is in no order.
local LOSS_PER_TAG_OUT_OF_ORDER = 4

--- The key tags are sorted by: the name in lower case, as WordPress
-- compares names ("U.S." before "UK", where match keys would put "us"
-- after "uk"), and for names beyond ASCII the match key, whose accents
-- are stripped as a collation ignores them ("São Paulo" among the s).
segment.sort_key = core.sort_key

--- The first part of the slug of a known tag of several words
-- ("internet-of-things": "internet"), or nil for one word: a line is read
-- word by word where no word opens such a tag, no stop word joins and no
-- word is out of order.
function segment.opening(slug)
  return slug:find("-", 1, true) and slug:match("^[^-]*") or nil
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
  -- No tag is longer than the longest line read.
  local span = math.min(math.max(vocabulary.longest, LONGEST_UNKNOWN), LONGEST_LINE)
  local known_count = vocabulary.known_count
  local labels, score, wrong = core.segment_line(text, false, span, LONGEST_LINE, stopwords, vocabulary.opens,
    known_count)
  if not score then return labels end -- the words as they stand
  local share = vocabulary.sorted and SORTED_ARCHIVE_SHARE or SORTED_LINE_SHARE
  if wrong == 0 or vocabulary.sorted == false or wrong > share * (#labels - 1) then return labels end
  local in_order, in_order_score = core.segment_line(text, true, span, LONGEST_LINE, stopwords, vocabulary.opens,
    known_count)
  if in_order_score and in_order_score >= score - LOSS_PER_TAG_OUT_OF_ORDER * wrong then return in_order end
  return labels
end

return segment
