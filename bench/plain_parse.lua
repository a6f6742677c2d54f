--- bench/plain_parse.lua: the article parser written the way a Lua programmer
-- would without broadsheet's C core: Lua string functions for lines and
-- blocks, LPeg for dates, plain Lua for slugs and the id hash. It follows the
-- layout rules of csrc/article.c (see its header comment) and returns the
-- record broadsheet.parse returns (without `source`), so that bench/run can
-- time the two side by side and show what the core buys.
--
-- It is a baseline, not a second implementation: spec/plain_parse_spec.lua
-- checks it against broadsheet.parse on examples/archive only. It treats
-- white space as ASCII, does not decode Windows-1252 or UTF-16, and its slug
-- lower-cases ASCII only (no NFKC folding), so other input may differ. A
-- space-joined tag line is split at its spaces, as the core splits it
-- (broadsheet.parse with segment = false): reading such a line as tags of
-- several words (broadsheet.segment) is Lua policy above both parsers.
local lpeg = require "lpeg"

local P, R, S, C, Cc, Cg, Ct = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct
local find, sub, gsub, lower, byte = string.find, string.sub, string.gsub, string.lower, string.byte
local format, unpack = string.format, string.unpack

local M = {}

local SHORT_LINE, CAPTION_WORDS, TAIL_LINES, FOOTER_LINE, TAIL_BLOCKS = 120, 8, 8, 200, 16

-- Dates (csrc/date.c's layouts) ----------------------------------------------
local letter, digit = R("az", "AZ"), R"09"
local sp = S" \t\r\n\v\f" + P"\194\160"
local function ci(word) -- a whole word, any case
  local p = P(true)
  for ch in word:gmatch(".") do p = p * S(ch:lower() .. ch:upper()) end
  return p * -letter
end
local function any_of(words, abbreviated) -- the word's number; "Tue" and "JUN" too when abbreviated
  local p = P(false)
  for i, w in ipairs(words) do p = p + ci(w) * Cc(i) + (abbreviated and ci(w:sub(1, 3)) * Cc(i) or P(false)) end
  return p
end
local function num(min, max, name) return Cg(digit^min * digit^-(max - min) / tonumber, name) end

local MONTHS = { "january", "february", "march", "april", "may", "june", "july", "august", "september",
                 "october", "november", "december" }
local month = Cg(any_of(MONTHS, true) + ci"sept" * Cc(9), "month")
local day = num(1, 2, "day") * any_of { "st", "nd", "rd", "th" }^-1
local year = num(4, 4, "year")
local gap = sp^1 * ("," * sp^0)^-1 + "," * sp^0
local lead = any_of { "published", "posted", "updated", "date", "dated" } * (sp^1 * (":" * sp^0)^-1 + ":" * sp^0)
             * (ci"on" * sp^1)^-1
local weekday = any_of({ "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }, true)
                * (S",." * sp^0 + sp^1)
local iso_date = year * "-" * num(2, 2, "month") * "-" * num(2, 2, "day")
local other_date = num(1, 2, "day") * "-" * month * "-" * year
                   + day * sp^1 * month * P"."^-1 * gap * year
                   + month * P"."^-1 * sp^1 * day * gap * year
local clock = num(1, 2, "hour") * ":" * num(2, 2, "minute") * (":" * num(2, 2, "second") * ("." * digit^1)^-1)^-1
local meridiem = sp^0 * Cg(S"aA" * Cc(0) + S"pP" * Cc(12), "meridiem") * P"."^-1 * S"mM" * P"."^-1 * -letter
local ZONES = { z = 0, ut = 0, utc = 0, gmt = 0, est = -300, edt = -240, cst = -360, cdt = -300, mst = -420,
                mdt = -360, pst = -480, pdt = -420 }
local zone_name = P(false)
for name, minutes in pairs(ZONES) do zone_name = zone_name + ci(name) * Cc(minutes) end
local offset = C(S"+-") * (digit * digit / tonumber) * (":" * (digit * digit / tonumber) + digit * digit / tonumber
               + Cc(0)) / function(sign, h, m) return { sign, h, m } end
local zone = sp^0 * Cg(offset + zone_name / function(m) return { m < 0 and "-" or "+", -m // 60, -m % 60 } end,
                       "zone")
local comment = sp^0 * "(" * (1 - P")")^0 * ")"
local time = clock * meridiem^-1 * zone^-1 * comment^-1
local time_gap = sp^1 * ci"at" * sp^1 + sp^0 * "-" * sp^0 + gap
local date_line = Ct(sp^0 * lead^-1 * weekday^-1
                     * (iso_date * ((S"Tt" + time_gap) * time)^-1 + other_date * (time_gap * time)^-1)
                     * sp^0 * -1)

local MDAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

--- The ISO 8601 form of a printed date, or nil.
function M.parse_date(s)
  if #s > SHORT_LINE then return nil end
  local f = date_line:match(s)
  if not f then return nil end
  local y, m, d = f.year, f.month, f.day
  local leap = y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)
  if y < 1000 or m < 1 or m > 12 or d < 1 or d > ((m == 2 and leap) and 29 or MDAYS[m]) then return nil end
  local out = format("%04d-%02d-%02d", y, m, d)
  if f.hour then
    if f.meridiem and (f.hour < 1 or f.hour > 12) then return nil end
    local h = f.meridiem and f.hour % 12 + f.meridiem or f.hour
    if h > 23 or f.minute > 59 or (f.second or 0) > 60 then return nil end
    out = out .. format("T%02d:%02d:%02d", h, f.minute, f.second or 0)
  end
  local z = f.zone
  if z and (z[3] > 59 or z[2] * 60 + z[3] > 14 * 60) then return nil end
  return out .. (not z and "" or (z[2] == 0 and z[3] == 0) and "Z" or format("%s%02d:%02d", z[1], z[2], z[3]))
end

-- Shapes of lines ------------------------------------------------------------
local function squeeze(s) return (gsub(gsub(s, "%s+", " "), "^ ?(.-) ?$", "%1")) end
local function trim(s) return (s:match("^%s*(.-)%s*$")) end

local CLOSERS = { "[\"')%]]$", "\194\187$", "\226\128[\153\157]$" } -- " ' ) ] » ’ ”
local function ends_sentence(s)
  local n
  repeat n = #s; for _, c in ipairs(CLOSERS) do s = gsub(s, c, "") end until #s == n
  if find(s, "[!?]$") or find(s, "\226\128\166$") then return true end
  return find(s, "%.$") ~= nil and not find(s:match("[^ ]*$"):sub(1, -2), ".", 1, true) -- "U.S." is no end
end

local function byline_name(s)
  local name = #s <= SHORT_LINE and lower(sub(s, 1, 3)) == "by " and not ends_sentence(s) and s:match("^...%s*(.*)$")
  if name and name ~= "" and not find(name, "^%l") then return name end
end

local CONNECTIVES = { ["and"] = true, of = true, the = true, de = true, van = true, von = true, da = true,
                      del = true, with = true, at = true, ["in"] = true }
local function is_caption(s)
  if #s > SHORT_LINE or ends_sentence(s) then return false end
  local n = 0
  for w in s:gmatch("%S+") do
    n = n + 1
    if (find(w, "^%l") and not CONNECTIVES[w]) or find(w, "[,;]") then return false end
  end
  return n <= CAPTION_WORDS
end

local TAG_PREFIXES = { "tags:", "tagged:", "tagged with:", "topics:", "keywords:" }
local FOOTERS = { "send us a ", "copyright", "\194\169", "(c) ", "all rights reserved", "share this", "follow us",
                  "subscribe to", "sign up for", "related articles", "read more:", "back to top" }
local function prefix_of(s, list)
  local l = lower(s)
  for _, p in ipairs(list) do if sub(l, 1, #p) == p then return p end end
end
local function tags_after_prefix(s)
  local p = prefix_of(s, TAG_PREFIXES)
  local rest = p and trim(sub(s, #p + 1))
  if rest ~= "" then return rest end
end
local function is_known_footer(s) return prefix_of(s, FOOTERS) ~= nil end
local function is_strong_tail(s) return tags_after_prefix(s) ~= nil or is_known_footer(s) end

local function is_tag_shaped(s) -- no sentence end, no prose or list punctuation, no bullet or dash first
  return s ~= "" and not ends_sentence(s) and (byte(s) >= 0x80 or find(s, "^[%w#.]") ~= nil)
    and not find(s, "^\226\128") and not find(s, "[()%[%]{}\",;:!?]") and not find(s, "\226\128[\156\157]")
end

-- Slugs and ids --------------------------------------------------------------
local ALIASES = { usa = "us", ["u-s"] = "us", ["u-s-a"] = "us", ["united-states"] = "us",
  ["united-states-of-america"] = "us", ["united-kingdom"] = "uk", britain = "uk", ["great-britain"] = "uk",
  ["u-k"] = "uk", ["european-union"] = "eu", ["united-nations"] = "un", ["united-arab-emirates"] = "uae",
  ["republic-of-korea"] = "south-korea", dprk = "north-korea", nz = "new-zealand" }

--- Lower-case ASCII, non-ASCII bytes kept, runs of anything else to "-".
function M.slug(label)
  local s = gsub(gsub(lower(label), "[^%w\128-\255]+", "-"), "^%-*(.-)%-*$", "%1")
  return ALIASES[s] or s
end

local function mix(h, v) -- * wraps like C's uint64_t, and >> is a logical shift
  h = (h ~ v) * 0x9E3779B97F4A7C15
  return h ~ (h >> 32)
end

--- csrc/article.c's bs_id_add: 8 bytes at a time little-endian, then the rest, then the length.
function M.id_add(h, s)
  local n, last = #s, 0
  for i = 1, n - 7, 8 do h = mix(h, (unpack("<i8", s, i))) end
  for k = n - n % 8 + 1, n do last = (last << 8) | byte(s, k) end
  return mix(mix(h, last), n)
end

-- The layout -----------------------------------------------------------------
-- Blocks: runs of non-blank lines, each { lines (trimmed), gap (blank lines before) }.
local function read_blocks(text)
  local blocks, current, blanks = {}, nil, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    line = trim(line)
    if line == "" then current, blanks = nil, blanks + 1
    elseif current then current[#current + 1] = line
    else current, blanks = { line, gap = blanks }, 0; blocks[#blocks + 1] = current end
  end
  return blocks
end

local function one_line_date(b) return #b == 1 and M.parse_date(b[1]) ~= nil end
local function one_line_byline(b) return #b == 1 and byline_name(b[1]) ~= nil end

local function is_site(h)
  if #h < 3 or #h[1] ~= 1 then return false end
  if #h[1][1] > SHORT_LINE or ends_sentence(h[1][1]) or #h[2] ~= 1 or one_line_byline(h[2]) or one_line_date(h[2])
  then return false end
  return one_line_date(h[3]) or (#h >= 4 and one_line_byline(h[3]) and one_line_date(h[4]))
end

-- The tail's start as block and line numbers (find_tail in article.c).
local function find_tail(blocks, first)
  local tail_b, tail_l, strong_b, strong_l = math.huge, 1, math.huge, 1
  local strong_run, short_after, lines = true, true, 0
  for i = #blocks, math.max(first, #blocks - TAIL_BLOCKS + 1), -1 do
    local b = blocks[i]
    if strong_run then
      local from = #b + 1
      while from > 1 and is_strong_tail(b[from - 1]) do from = from - 1 end
      if from <= #b then strong_b, strong_l = i, from end
      strong_run = from == 1
    end
    lines = lines + #b
    local rest_short = true
    for k = 2, #b do rest_short = rest_short and #b[k] <= FOOTER_LINE end
    if short_after and lines <= TAIL_LINES and rest_short then
      if b.gap >= 2 and (is_strong_tail(b[1]) or is_tag_shaped(b[1])) then tail_b, tail_l = i, 1 end
      short_after = #b[1] <= FOOTER_LINE
    elseif not strong_run then
      break
    end
  end
  if strong_b < tail_b or (strong_b == tail_b and strong_l < tail_l) then return strong_b, strong_l end
  return tail_b, tail_l
end

-- The labels of a tag line (commas or semicolons between them, else spaces), and their slugs de-duplicated.
local function tags_of(rest)
  local labels, slugs, seen = {}, {}, {}
  for label in rest:gmatch(find(rest, "[,;]") and "[^,;]+" or "%S+") do
    label = squeeze(label)
    local slug = M.slug(label)
    if label ~= "" and not seen[slug] then
      seen[slug], labels[#labels + 1], slugs[#slugs + 1] = true, label, slug
    end
  end
  return slugs, labels
end

local function id_of(title, date, body)
  local h = M.id_add(M.id_add(0xcbf29ce484222325, title or ""), date or "")
  for _, para in ipairs(body) do h = M.id_add(h, para) end
  return format("%016x", h)
end

--- Parses one article's text into a record like broadsheet.parse's.
function M.parse(text)
  text = gsub(gsub(gsub(text, "^\239\187\191", ""), "\r\n?", "\n"), "[\f\v]", "\n")
  local r, blocks = {}, read_blocks(text)
  if #blocks == 0 then return { words = 0, warnings = { "empty document" }, id = id_of(nil, nil, {}) } end
  local head = { table.unpack(blocks, 1, 6) }
  local i = 1
  if is_site(head) then r.site, i = squeeze(blocks[1][1]), 2 end
  local title = blocks[i]
  if #title >= 2 and M.parse_date(title[#title]) then
    r.date_text, r.date = squeeze(title[#title]), M.parse_date(title[#title])
    title = { table.unpack(title, 1, #title - 1) }
  end
  r.title = squeeze(table.concat(title, " "))
  i = i + 1
  local first_extra = i
  while i <= #head and i < first_extra + 3 and #blocks[i] == 1 do -- date, byline or caption
    local line = blocks[i][1]
    if not r.date and M.parse_date(line) then
      r.date_text, r.date = squeeze(line), M.parse_date(line)
    elseif not (r.byline or r.caption) and byline_name(line) then
      r.byline = squeeze(byline_name(line))
    elseif not (r.byline or r.caption) and (r.date or r.site) and is_caption(line) then
      r.caption = squeeze(line)
    else
      break
    end
    i = i + 1
  end
  local tail_b, tail_l = math.huge, 1
  if i <= #blocks then tail_b, tail_l = find_tail(blocks, i) end
  -- Body: whole blocks before the tail, and the lines of its block before it.
  local body, words = {}, 0
  for k = i, math.min(tail_b, #blocks) do
    local lines = k == tail_b and { table.unpack(blocks[k], 1, tail_l - 1) } or blocks[k]
    if #lines > 0 then
      body[#body + 1] = squeeze(table.concat(lines, " "))
      words = words + select(2, gsub(body[#body], "%S+", ""))
    end
  end
  r.words, r.body = words, body[1] and body
  -- Tail: the tag line (a "Tags:" line, or else its first line if tag-shaped), and footer lines.
  local footer, tagged = {}, false
  for k = tail_b, #blocks do
    for l = (k == tail_b and tail_l or 1), #blocks[k] do
      local line = blocks[k][l]
      local rest = not tagged and tags_after_prefix(line)
      if not rest and k == tail_b and l == tail_l and not is_known_footer(line) and is_tag_shaped(line) then
        rest = line
      end
      if rest then
        r.tags, r.tag_labels = tags_of(rest)
        tagged = true
      else
        footer[#footer + 1] = squeeze(line)
      end
    end
  end
  r.footer = footer[1] and table.concat(footer, "\n")
  if r.title == "" then r.title, r.warnings = nil, { "no title found" }
  elseif not r.body then r.warnings = { "no body text found" } end
  r.id = id_of(r.title, r.date, body)
  return r
end

return M
