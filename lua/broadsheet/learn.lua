--- broadsheet.learn: a tag vocabulary learned from an archive (tags.learn),
-- and written as Lua (tags.dump). Multi-word tags are found where they are
-- printed whole, and in space-joined tag lines by how their words recur.
local core = require "broadsheet.core"
local tags = require "broadsheet.tags"

local learn = {}

local sorted_pairs = tags.sorted_pairs


local MAX_GRAM = 4

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

-- Counts the word sequences of a space-joined tag line, by tag key.
local function count_grams(stats, labels)
  local keys = {}
  for i, label in ipairs(labels) do
    keys[i] = core.tag_key(label)
    add_count(stats.words, keys[i])
    if i > 1 then
      stats.pairs = stats.pairs + 1
      if keys[i - 1] <= keys[i] then stats.pairs_in_order = stats.pairs_in_order + 1 end
    end
  end
  for n = 2, MAX_GRAM do
    for i = 1, #labels - n + 1 do
      local key = table.concat(keys, " ", i, i + n - 1)
      add_count(stats.grams, key)
      stats.gram_spellings[key] = stats.gram_spellings[key] or {}
      add_count(stats.gram_spellings[key], table.concat(labels, " ", i, i + n - 1))
    end
  end
end

-- Are most neighbouring words in order? Then lines are sorted by name, as
-- WordPress prints them, and two words out of order must be one tag.
local function lines_are_sorted(stats)
  return stats.pairs > 0 and stats.pairs_in_order / stats.pairs >= 0.8
end

local function most_common_spelling(spellings)
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
  for key, count in sorted_pairs(stats.grams) do
    if count >= min_count and holds_its_words(stats, key, count, together) then
      add(key, count)
      tails[key:match("(%S+)$")] = true
    end
  end
  if lines_are_sorted(stats) then
    for key, count in sorted_pairs(stats.grams) do
      local first, second = key:match("^(%S+) (%S+)$")
      if first and count >= min_count and second < first and not tails[first] then
        add(key, count)
      end
    end
  end
  return drop_inner(phrases, together)
end

-- Word sequences of space-joined lines that spell a tag seen whole elsewhere.
local function known_phrases(stats, units, chosen)
  local phrases = {}
  local unit_keys = {}
  for label in pairs(units) do
    if label:find("%s") then unit_keys[core.tag_key(label)] = true end
  end
  for key, count in sorted_pairs(stats.grams) do
    if unit_keys[key] and not chosen[key] then
      phrases[#phrases + 1] = { key = key, count = count, label = most_common_spelling(stats.gram_spellings[key]) }
    end
  end
  return phrases
end

--- Learns a vocabulary from parsed records (an array, an iterator, or an
-- archive): multi-word tags seen whole (comma-separated lines, JSON records),
-- word sequences that keep recurring together in space-joined tag lines, and
-- the most frequent spelling of each tag. Returns
-- { tags = { label = count }, collisions = { { slug = s, labels = {...} } } }.
-- opts: min_count (2), together (0.9), aliases, default_aliases.
function learn.learn(records, opts)
  opts = opts or {}
  local tagger = tags.new { aliases = opts.aliases, default_aliases = opts.default_aliases }
  local units = {}
  local stats = { words = {}, grams = {}, gram_spellings = {}, pairs = 0, pairs_in_order = 0 }
  for record in each_record(records) do
    local labels = record.tag_labels or {}
    for _, label in ipairs(labels) do add_count(units, label) end
    if is_spaced_line(labels) then count_grams(stats, labels) end
  end
  local counts, keys_of_slug = {}, {}
  local function count_label(label, count)
    local slug = tagger:canonical(label)
    tagger:observe(slug, label, count)
    add_count(counts, slug, count)
    keys_of_slug[slug] = keys_of_slug[slug] or {}
    keys_of_slug[slug][core.tag_key(label)] = label
  end
  for label, count in sorted_pairs(units) do count_label(label, count) end
  -- Phrases found in space-joined lines: their words were counted as tags of
  -- their own there, so those counts are taken back.
  local chosen = {}
  local phrases = recurring_phrases(stats, opts.min_count or 2, opts.together or 0.9)
  for _, phrase in ipairs(phrases) do chosen[phrase.key] = true end
  for _, phrase in ipairs(known_phrases(stats, units, chosen)) do phrases[#phrases + 1] = phrase end
  for _, phrase in ipairs(phrases) do
    count_label(phrase.label, phrase.count)
    for word in phrase.key:gmatch("%S+") do add_count(counts, tagger:canonical(word), -phrase.count) end
  end
  local vocabulary = { tags = {}, collisions = {} }
  for slug, count in sorted_pairs(counts) do
    if count > 0 then vocabulary.tags[tagger:label(slug)] = count end
    local labels = {}
    for _, label in sorted_pairs(keys_of_slug[slug] or {}) do labels[#labels + 1] = label end
    if #labels > 1 then
      vocabulary.collisions[#vocabulary.collisions + 1] = { slug = slug, labels = labels }
    end
  end
  return vocabulary
end

--- A vocabulary as Lua source that tags.load reads back.
function learn.dump(vocabulary)
  local out = { "-- broadsheet tag vocabulary: label = count\nreturn {\n  tags = {\n" }
  for label, count in sorted_pairs(vocabulary.tags) do
    out[#out + 1] = ("    [%q] = %d,\n"):format(label, count)
  end
  out[#out + 1] = "  },\n  collisions = {\n"
  for _, c in ipairs(vocabulary.collisions or {}) do
    local labels = {}
    for i, label in ipairs(c.labels) do labels[i] = ("%q"):format(label) end
    out[#out + 1] = ("    { slug = %q, labels = { %s } },\n"):format(c.slug, table.concat(labels, ", "))
  end
  out[#out + 1] = "  },\n}\n"
  return table.concat(out)
end

return learn
