--- broadsheet.learn: a tag vocabulary learned from an archive (tags.learn),
-- and written as Lua (tags.dump). Multi-word tags are found where they are
-- printed whole, and in space-joined tag lines by how their words recur.
local core = require "broadsheet.core"
local stopwords = require "broadsheet.stopwords"
local tags = require "broadsheet.tags"

local learn = {}

local sorted_pairs = tags.sorted_pairs
local segment = require "broadsheet.segment"
local sort_key = segment.sort_key


local MAX_GRAM = 4
-- Neighbouring words seen before the order of the lines is judged: a few
-- lines of tags in no order can be in order by chance.
local MIN_PAIRS = 20

-- Records from an array, an iterator function, or anything with :each().
local function each_record(records)
  if type(records) == "function" then return records end
  if type(records) == "table" and type(records.each) == "function" then return records:each() end
  local i = 0
  return function()
    i = i + 1
    return records[i]
  end
end

-- A line of single words (as a space-joined tag line is split) or of units?
local function is_spaced_line(labels)
  if #labels < 2 then return false end
  for _, label in ipairs(labels) do
    if label:find("%s") then return false end
  end
  return true
end

local function add_count(counts, key, n)
  counts[key] = (counts[key] or 0) + (n or 1)
end

-- Records one more sighting of key spelled so, the seen-th: spellings[key]
-- is the one spelling seen so far or, once there are several, each one's
-- count. Most words and sequences are only ever spelled one way, and a
-- table for each cost more than counting them.
local function add_spelling(spellings, key, spelling, seen)
  local known = spellings[key]
  if known == nil then
    spellings[key] = spelling
  elseif type(known) == "string" then
    if known ~= spelling then spellings[key] = { [known] = seen - 1, [spelling] = 1 } end
  else
    known[spelling] = (known[spelling] or 0) + 1
  end
end

-- A table of counts with its numbers made integers (cjson decodes floats).
local function whole_counts(counts)
  local whole = {}
  for key, n in pairs(counts) do whole[key] = math.tointeger(n) end
  return whole
end

-- Adds the spellings another learner recorded (add_spelling's, of keys it
-- counted in other_counts) into spellings (of keys counted in counts,
-- before those are added up).
local function merge_spellings(spellings, counts, other, other_counts)
  for key, theirs in pairs(other) do
    local ours = spellings[key]
    if ours == nil then
      spellings[key] = type(theirs) == "string" and theirs or whole_counts(theirs)
    elseif ours ~= theirs then
      local merged = type(ours) == "string" and { [ours] = counts[key] } or ours
      spellings[key] = merged
      for spelling, n in pairs(type(theirs) == "string" and { [theirs] = other_counts[key] } or theirs) do
        merged[spelling] = (merged[spelling] or 0) + math.tointeger(n)
      end
    end
  end
end

-- Counts the word sequences of a space-joined tag line, by tag key.
-- Each sort key is taken once, and each sequence grows by a word from the
-- one before it rather than being joined again from its words; while its
-- words are spelled as their keys, its spelling is its key.
local function count_grams(stats, labels)
  local keys, words, word_spellings = {}, stats.words, stats.word_spellings
  local grams, gram_spellings = stats.grams, stats.gram_spellings
  local previous_sort_key
  for i, label in ipairs(labels) do
    local key = core.tag_key(label)
    keys[i] = key
    local seen = (words[key] or 0) + 1
    words[key] = seen
    add_spelling(word_spellings, key, label, seen)
    local label_sort_key = sort_key(label)
    if i > 1 then
      stats.pairs = stats.pairs + 1
      if previous_sort_key <= label_sort_key then stats.pairs_in_order = stats.pairs_in_order + 1 end
    end
    previous_sort_key = label_sort_key
  end
  add_count(stats.starts, keys[1])
  add_count(stats.ends, keys[#keys])
  for i = 1, #labels - 1 do
    local key, spelling, as_keys = keys[i], labels[i], labels[i] == keys[i]
    for j = i + 1, math.min(i + MAX_GRAM - 1, #labels) do
      key = key .. " " .. keys[j]
      as_keys = as_keys and labels[j] == keys[j]
      spelling = as_keys and key or spelling .. " " .. labels[j]
      local seen = (grams[key] or 0) + 1
      grams[key] = seen
      add_spelling(gram_spellings, key, spelling, seen)
    end
  end
end

-- Are most neighbouring words in order? Then lines are sorted by name, as
-- WordPress prints them, and two words out of order must be one tag. Nil
-- when too few were seen to tell.
local function lines_are_sorted(stats)
  if stats.pairs < MIN_PAIRS then return nil end
  return stats.pairs_in_order / stats.pairs >= 0.8
end

-- The most frequent spelling of what add_spelling recorded (the first by
-- name among equals).
local function most_common_spelling(spellings)
  if type(spellings) == "string" then return spellings end
  local spelling, best = nil, -1
  for label, n in sorted_pairs(spellings) do
    if n > best then spelling, best = label, n end
  end
  return spelling
end

-- Does the sequence hold most sightings of its first word, or its last? (Of
-- both, for three words or more.) Tags that merely co-occur, like "earn
-- usa" (usa appears everywhere), do not.
local function holds_its_words(stats, key, count, together)
  local forward = count / stats.words[key:match("^(%S+)")] >= together
  local backward = count / stats.words[key:match("(%S+)$")] >= together
  if key:find(" %S+ ") then return forward and backward end
  return forward or backward
end

-- Phrases in the order of their keys, so that learning does the same every
-- run whatever order the tables of counts were walked in.
local function by_key(phrases)
  table.sort(phrases, function(a, b) return a.key < b.key end)
  return phrases
end

-- In sorted lines, words in order may as well be two tags, and are when
-- the first is seen ending a line (a tag ends there) or the second opening
-- one ("usa volcker", "ongpin philippines"); words seen whole as a tag of
-- their own count alike.
local function splits_at_a_tag_edge(stats, key)
  local words = {}
  for word in key:gmatch("%S+") do words[#words + 1] = word end
  for i = 1, #words - 1 do
    if words[i] <= words[i + 1] and not stopwords[words[i]] and not stopwords[words[i + 1]]
        and ((stats.ends[words[i]] or 0) > 0 or (stats.starts[words[i + 1]] or 0) > 0) then
      return true
    end
  end
  return false
end

-- Drops a phrase seen almost only inside a longer one ("papua new" in
-- "papua new guinea"): it is part of that one, not a tag.
local function drop_inner(phrases, together)
  local kept = {}
  for _, phrase in ipairs(phrases) do
    local inside = false
    for _, longer in ipairs(phrases) do
      if #longer.key > #phrase.key and longer.count >= together * phrase.count
          and (" " .. longer.key .. " "):find(" " .. phrase.key .. " ", 1, true) then
        inside = true
        break
      end
    end
    if not inside then kept[#kept + 1] = phrase end
  end
  return kept
end

-- Word sequences that keep recurring together: seen min_count times, and
-- holding most sightings of their words; or, where lines are sorted by
-- name, two words out of order that no known phrase explains ("zealand uk"
-- is "new zealand" then "uk"), which cannot be two tags.
local function recurring_phrases(stats, min_count, together)
  local phrases, tails = {}, {}
  local function add(key, count)
    phrases[#phrases + 1] = { key = key, count = count, label = most_common_spelling(stats.gram_spellings[key]) }
  end
  local sorted = lines_are_sorted(stats)
  for key, count in pairs(stats.grams) do
    if count >= min_count and holds_its_words(stats, key, count, together)
        and not (sorted and splits_at_a_tag_edge(stats, key)) then
      add(key, count)
      tails[key:match("(%S+)$")] = true
    end
  end
  if sorted then
    for key, count in pairs(stats.grams) do
      local first, second = key:match("^(%S+) (%S+)$")
      if first and count >= min_count and second < first and not tails[first] then
        add(key, count)
      end
    end
  end
  return by_key(drop_inner(phrases, together))
end

-- Word sequences of space-joined lines that spell a tag seen whole elsewhere.
local function known_phrases(stats, units, chosen)
  local phrases = {}
  local unit_keys = {}
  for label in pairs(units) do
    if label:find("%s") then unit_keys[core.tag_key(label)] = true end
  end
  for key, count in pairs(stats.grams) do
    if unit_keys[key] and not chosen[key] then
      phrases[#phrases + 1] = { key = key, count = count, label = most_common_spelling(stats.gram_spellings[key]) }
    end
  end
  return by_key(phrases)
end

-- The candidates for the vocabulary: the words and units, and the phrases
-- found, with their counts.
local function candidates(units, lines, stats, opts)
  local sorted = lines_are_sorted(stats)
  local phrases = recurring_phrases(stats, opts.min_count or 2, opts.together or 0.9)
  local chosen = {}
  for _, phrase in ipairs(phrases) do chosen[phrase.key] = true end
  for _, phrase in ipairs(known_phrases(stats, units, chosen)) do phrases[#phrases + 1] = phrase end
  local vocabulary = { sorted = sorted, tags = {} }
  for label, count in pairs(units) do add_count(vocabulary.tags, label, count) end
  for word, count in pairs(stats.words) do
    if not stopwords[word] then
      add_count(vocabulary.tags, most_common_spelling(stats.word_spellings[word]), count)
    end
  end
  for _, phrase in ipairs(phrases) do add_count(vocabulary.tags, phrase.label, phrase.count) end
  -- What the order of sorted lines says alone: a tag of several words that
  -- no other reading allows.
  local reader = tags.new { default_aliases = false }
  reader.sorted = sorted
  for line, count in pairs(lines) do
    for _, label in ipairs(reader:segment(line)) do
      if label:find(" ") then add_count(vocabulary.tags, label, count) end
    end
  end
  return vocabulary
end

--- The vocabulary of what a learner saw (see learn.learner): the lines are
-- read with the candidates found, and each tag counted as often as the
-- reading takes it.
function learn.vocabulary(units, lines, stats, opts)
  local tagger = tags.new { aliases = opts.aliases, default_aliases = opts.default_aliases }
  local reader = tags.new { aliases = opts.aliases, default_aliases = opts.default_aliases,
    vocabulary = candidates(units, lines, stats, opts) }
  local counts, keys_of_slug = {}, {}
  local function count_label(label, count)
    local slug = tagger:canonical(label)
    tagger:observe(slug, label, count)
    add_count(counts, slug, count)
    keys_of_slug[slug] = keys_of_slug[slug] or {}
    keys_of_slug[slug][core.tag_key(label)] = label
  end
  for label, count in sorted_pairs(units) do
    if not stopwords[core.tag_key(label)] then count_label(label, count) end
  end
  for line, count in sorted_pairs(lines) do
    for _, label in ipairs(reader:segment(line)) do count_label(label, count) end
  end
  local vocabulary = { tags = {}, collisions = {}, sorted = reader.sorted }
  for slug, count in sorted_pairs(counts) do
    vocabulary.tags[tagger:label(slug)] = count
    local labels = {}
    for _, label in sorted_pairs(keys_of_slug[slug] or {}) do labels[#labels + 1] = label end
    if #labels > 1 then
      vocabulary.collisions[#vocabulary.collisions + 1] = { slug = slug, labels = labels }
    end
  end
  return vocabulary
end

-- Distinct space-joined lines kept for the reading pass; past this many the
-- learner still counts, but reads back only the lines it kept.
local MAX_LINES = 200000

--- A learner of a vocabulary: learner:add(labels [, listed]) for each tag
-- line (its labels as the core splits them; listed: whether commas separate
-- them, guessed when not given), then learner:result(). opts: min_count
-- (2), together (0.9), aliases, default_aliases, read_back (false: the
-- candidates found, each word and phrase with the count of its sightings,
-- without reading every line again to count the tags it holds).
function learn.learner(opts)
  opts = opts or {}
  local units, lines, kept_lines = {}, {}, 0
  local stats = { words = {}, grams = {}, gram_spellings = {}, pairs = 0, pairs_in_order = 0,
    starts = {}, ends = {}, word_spellings = {} }
  local learner = {}

  -- Counts n more sightings of a space-joined line, while fewer than
  -- MAX_LINES distinct lines are kept (or it is one of them).
  local function count_line(line, n)
    if lines[line] or kept_lines < MAX_LINES then
      if not lines[line] then kept_lines = kept_lines + 1 end
      add_count(lines, line, n)
    end
  end

  function learner.add(labels, listed)
    if listed == nil then listed = not is_spaced_line(labels) end
    if listed or #labels < 2 then
      for _, label in ipairs(labels) do
        add_count(units, label)
        local key = core.tag_key(label)
        if not key:find(" ") then
          add_count(stats.starts, key)
          add_count(stats.ends, key)
        end
      end
      return
    end
    -- A line too long to be read as tags teaches nothing about them.
    if #labels > segment.LONGEST_LINE then return end
    count_grams(stats, labels)
    count_line(table.concat(labels, " "))
  end

  function learner.result()
    if opts.read_back == false then return candidates(units, lines, stats, opts) end
    return learn.vocabulary(units, lines, stats, opts)
  end

  --- What the learner has counted, as plain tables (for cjson), to be
  -- merged into a learner that saw other records (learner.merge).
  function learner.state()
    return { units = units, lines = lines, stats = stats }
  end

  --- Adds what another learner counted (its learner.state(), maybe through
  -- cjson, whose numbers are floats): the result is what one learner
  -- seeing both sets of records gives, in any order, as no count depends
  -- on the order of sightings. (Only the cap of MAX_LINES does, which the
  -- profile's sample stays far under.)
  function learner.merge(state)
    for line, count in pairs(state.lines) do count_line(line, math.tointeger(count)) end
    local other = state.stats
    merge_spellings(stats.word_spellings, stats.words, other.word_spellings, other.words)
    merge_spellings(stats.gram_spellings, stats.grams, other.gram_spellings, other.grams)
    for _, name in ipairs { "words", "grams", "starts", "ends" } do
      for key, count in pairs(other[name]) do add_count(stats[name], key, math.tointeger(count)) end
    end
    stats.pairs = stats.pairs + math.tointeger(other.pairs)
    stats.pairs_in_order = stats.pairs_in_order + math.tointeger(other.pairs_in_order)
    for label, count in pairs(state.units) do add_count(units, label, math.tointeger(count)) end
  end
  return learner
end

--- Learns a vocabulary from parsed records (an array, an iterator, or an
-- archive): multi-word tags seen whole (comma-separated lines, JSON records),
-- word sequences that keep recurring together in space-joined tag lines, and
-- the tags that sorted lines must hold (two words out of order), each line
-- then read with what was found; and the most frequent spelling of each
-- tag. Stop words alone are never tags. Returns { tags = { label = count },
-- collisions = { { slug = s, labels = {...} } }, sorted = whether tag lines
-- are sorted by name }. opts: min_count (2), together (0.9), aliases,
-- default_aliases.
function learn.learn(records, opts)
  local learner = learn.learner(opts)
  for record in each_record(records) do learner.add(record.tag_labels or {}) end
  return learner.result()
end

--- A vocabulary as Lua source that tags.load reads back.
function learn.dump(vocabulary)
  local out = { "-- broadsheet tag vocabulary: label = count\nreturn {\n  tags = {\n" }
  for label, count in sorted_pairs(vocabulary.tags) do
    out[#out + 1] = ("    [%q] = %d,\n"):format(label, count)
  end
  out[#out + 1] = "  },\n"
  if vocabulary.sorted ~= nil then out[#out + 1] = ("  sorted = %s,\n"):format(vocabulary.sorted) end
  out[#out + 1] = "  collisions = {\n"
  for _, c in ipairs(vocabulary.collisions or {}) do
    local labels = {}
    for i, label in ipairs(c.labels) do labels[i] = ("%q"):format(label) end
    out[#out + 1] = ("    { slug = %q, labels = { %s } },\n"):format(c.slug, table.concat(labels, ", "))
  end
  out[#out + 1] = "  },\n}\n"
  return table.concat(out)
end

return learn
