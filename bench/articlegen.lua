-- bench/articlegen.lua: the synthetic articles of bench/gen, and what each
-- one is meant to say.
--
--   local articlegen = require "bench.articlegen"   -- from the repository root
--   local text, fields = articlegen.article(seed, i)
--
-- Article i of seed SEED is the same bytes whatever else is generated: the
-- generator uses its own PRNG (xorshift64 seeded through splitmix64 from SEED
-- and i) rather than math.random, whose algorithm Lua does not specify.
-- bench/gen writes these articles to disk; spec/layout_gen_spec.lua parses
-- them and compares the record with `fields`, the parts as the generator
-- laid them out (see articlegen.article). Any change here changes bench/gen's
-- output, so keep the sequence of PRNG calls as it is unless that is the point.
--
-- The layout is SPEC section 1's: optional masthead, headline, a printed date
-- in one of several formats, an optional byline or caption, 2-30 body
-- paragraphs, then a space-joined tag line and footer, or a "Tags:" line, or
-- nothing. About 10% of the articles carry non-ASCII words and typography,
-- about 2% have CRLF line ends, and a few have a byte order mark or trailing
-- blanks. The text is random words from fixed lists: it looks like prose to a
-- parser, not to a reader.

local articlegen = {}

-- PRNG ---------------------------------------------------------------------

-- Lua 5.4 integers are 64-bit and wrap on overflow, and >> is a logical
-- shift, which is exactly what these two generators need.
local state = 1

local function splitmix(z)
  z = z + 0x9E3779B97F4A7C15
  z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
  z = (z ~ (z >> 27)) * 0x94D049BB133111EB
  return z ~ (z >> 31)
end

-- Starts the stream of article i of the given seed.
local function reseed(seed, i)
  state = splitmix(splitmix(seed) ~ i)
  if state == 0 then state = 0x2545F4914F6CDD1D end -- xorshift's one bad state
end

-- An integer in 1..n.
local function rand(n)
  local x = state
  x = x ~ (x << 13)
  x = x ~ (x >> 7)
  x = x ~ (x << 17)
  state = x
  return (x >> 11) % n + 1
end

local function chance(percent)
  return rand(100) <= percent
end

local function pick(list)
  return list[rand(#list)]
end

-- Word lists ---------------------------------------------------------------

local function words(s)
  local t = {}
  for w in s:gmatch("%S+") do t[#t + 1] = w end
  return t
end

-- Short function words make up about half of English running text.
local FUNCTION = words [[
  the the the the of of of to to to and and and a a in in that is for on
  with as was by it at from are be has have its this which an will not
  but or had their more than been also after into about over could would
  they who were said new some such under between while both before
]]

local CONTENT = words [[
  company companies government officials security data network networks
  users software hardware cloud service services market markets report
  researchers attack attacks system systems customers year years week
  month plans agreement industry technology technologies platform devices
  device mobile internet privacy policy regulators investors shares revenue
  profit quarter billion million growth sales chips servers storage
  encryption access information online digital analysts executives deal
  contract customers engineers developers code open source release version
  update updates vulnerability flaw patch breach hackers criminals police
  court ruling law rules regulation compliance competition prices price
  launch launched announced announced confirmed expected reported said
  says told added warned claimed built build building run running runs
  support supported moved moving fund funding round startup start-up
  venture capital investment partners partnership acquisition merger
  operators telecoms broadband spectrum satellite wireless fibre cable
  electric vehicles batteries energy grid meters smart sensors factory
  factories production supply chain shipments demand orders exports
  imports tariffs trade talks minister ministry agency agencies
  department public private national local regional global international
  largest biggest smaller faster cheaper secure critical major minor
  recent previous latest early later first second third final annual
  several many most few other same different significant strong weak
  concerns questions pressure support criticism response statement
  spokesperson interview conference event blog post documents filing
  lawsuit settlement investigation inquiry audit review standard standards
  machine learning artificial intelligence models training language speech
  search advertising social media video streaming music games content
  subscribers accounts passwords identity authentication phone phones app
  apps browser operating developers community project projects licence
  database databases centre centres hosting infrastructure capacity
  outage outages downtime performance reliability migration legacy
]]

local PROPER = words [[
  Microsoft Google Apple Amazon Samsung Huawei Intel Oracle IBM Cisco
  Nokia Ericsson Alibaba Tencent Baidu Facebook Twitter Netflix Uber
  Washington Beijing London Brussels Berlin Paris Tokyo Seoul Singapore
  Sydney Toronto Dublin Amsterdam Stockholm Bangalore Shenzhen Taipei
  U.S. U.K. EU China Japan India Germany France Europe Asia Africa
  Congress Parliament Commission FCC Ofcom NSA GCHQ Linux Windows Android
]]

-- Used only in the ~10% of articles that have non-ASCII text.
local UNICODE = words [[
  café Zürich München São naïve résumé façade Malmö Kraków Düsseldorf
  Montréal Bogotá Curaçao Reykjavík Ålesund Señor déjà coöperation
  中国 北京 上海 深圳 東京 日本 한국 서울 Москва Россия Ελλάδα Αθήνα
  İstanbul Łódź Škoda Citroën Nestlé €5m £2bn ±3% 50°C
]]

local FIRST = words [[
  Jane John Priya Tom Amara Wei Li Maria James Sarah David Anna Mohammed
  Chen Laura Peter Emma Lucas Sofia Daniel Aisha Kenji Olga Carlos Fatima
]]

local LAST = words [[
  Doe Smith Raman Keller Diallo Zhang Wang Garcia Brown Taylor Miller Kim
  Novak Rossi Schmidt Okafor Lindqvist Moreau Haddad Kowalski Brandt Ito
  Petrov Silva Nguyen Jensen Murphy Cohen Tanaka Evans Fischer Costa
]]

local LAST_UNICODE = words [[
  Müller Brügger Ødegaard Nuñez Gómez Łukasz Dvořák Šimić Çelik Françoise
]]

-- Tags as WordPress prints them; several are several words long, which is
-- what makes a space-joined tag line hard to split.
local TAGS = {
  "Africa", "Amazon", "Android", "Apple", "artificial intelligence", "Asia",
  "banking", "big data", "broadband", "China", "cloud computing",
  "cybersecurity", "data centres", "data protection", "databases",
  "elections", "energy", "Europe", "Facebook", "finance", "Google",
  "hacking", "hardware", "healthcare", "India", "internet of things",
  "IoT", "Japan", "legal", "Linux", "machine learning", "Microsoft",
  "mobile", "mobile payments", "networking", "open source", "outages",
  "privacy", "ransomware", "regulation", "retail", "satellites",
  "security", "semiconductors", "smartphones", "social media", "software",
  "start-ups", "storage", "streaming", "telecoms", "trade", "UK", "US",
  "venture capital", "wearables", "C++", "U.S.",
}
local TAGS_UNICODE = { "中国", "Zürich", "São Paulo", "München", "日本" }

local MASTHEADS = { "The Stack Archive" }
local FOOTER = "Send us a correction about this article Send us a news tip"
local OTHER_FOOTERS = {
  "Share this article",
  "Copyright The Stack Archive. All rights reserved.",
  "Related articles",
}

local DAYS = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }
local MONTHS = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
}

-- Text ---------------------------------------------------------------------

local concat, format = table.concat, string.format

-- Per-article settings, set by article(): whether this one uses non-ASCII.
local fancy = false

local function word()
  local r = rand(100)
  if r <= 46 then return pick(FUNCTION) end
  if r <= 93 then return pick(CONTENT) end
  if fancy and r <= 96 then return pick(UNICODE) end
  return pick(PROPER)
end

local function capitalize(w)
  return (w:gsub("^%l", string.upper))
end

local function person()
  local last = (fancy and chance(30)) and pick(LAST_UNICODE) or pick(LAST)
  return pick(FIRST) .. " " .. last
end

-- One sentence of 6-28 words, sometimes with a comma or a dash inside.
local function sentence()
  local n = 5 + rand(24)
  local t = { capitalize(word()) }
  for i = 2, n do
    local w = word()
    if i > 3 and i < n - 2 then
      local r = rand(40)
      if r == 1 then
        w = w .. ","
      elseif r == 2 then
        w = (fancy and "— " or "- ") .. w
      end
    end
    t[i] = w
  end
  return concat(t, " ") .. "."
end

local function quote()
  local s = sentence():sub(1, -2)
  local open, close = '"', '"'
  if fancy then open, close = "\u{201C}", "\u{201D}" end
  return open .. s .. "," .. close .. " said " .. person() .. "."
end

local function paragraph()
  local n = rand(5)
  local t = {}
  for i = 1, n do
    t[i] = chance(8) and quote() or sentence()
  end
  return concat(t, " ")
end

local function headline()
  local n = 4 + rand(8)
  local t = { capitalize(word()) }
  for i = 2, n do t[i] = word() end
  return concat(t, " ")
end

-- Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
-- days_from_civil): gives the weekday without os.date, whose result would
-- depend on the time zone of the machine.
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = y // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local MDAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }


-- "+0100" as ISO 8601 writes it, "+01:00"; UTC is "Z", as the parser writes it.
local function iso_zone(zone)
  if zone == "+0000" then return "Z" end
  return zone:sub(1, 3) .. ":" .. zone:sub(4)
end

-- A publication date: returns it as printed, and as ISO 8601 (SPEC section 2:
-- the day alone, or with the time and zone when the printed date has them).
local function printed_date()
  local y = 2014 + rand(5) -- 2015..2019, weighted to the site's lifetime
  if y == 2019 then y = 2016 end
  local m = rand(12)
  local dim = MDAYS[m]
  if m == 2 and y % 4 == 0 then dim = 29 end
  local d = rand(dim)
  local wd = DAYS[(days_from_civil(y, m, d) + 3) % 7 + 1] -- 1970-01-01 was a Thursday
  local mon = MONTHS[m]
  local mon3 = mon:sub(1, 3)
  local hh, mi, ss = rand(24) - 1, rand(60) - 1, rand(60) - 1
  local day = format("%d-%02d-%02d", y, m, d)
  local clock = format("T%02d:%02d:%02d", hh, mi, ss)
  local r = rand(100)
  if r <= 40 then -- the site's own format
    return format("%s %d %s %d", wd, d, mon3, y), day
  elseif r <= 55 then
    return format("%d %s %d", d, mon, y), day
  elseif r <= 68 then
    return format("%s %d, %d", mon, d, y), day
  elseif r <= 78 then
    return format("%d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, hh, mi, ss), day .. clock .. "Z"
  elseif r <= 88 then
    local zones = { "+0000", "+0000", "+0100", "+0200", "-0500", "+0800" }
    local zone = pick(zones)
    return format("%s, %02d %s %d %02d:%02d:%02d %s", wd, d, mon3, y, hh, mi, ss, zone),
           day .. clock .. iso_zone(zone)
  elseif r <= 95 then
    return format("Published %d %s %d", d, mon, y), day
  else
    return format("%02d-%s-%d", d, mon3:upper(), y), day
  end
end

-- 2-6 distinct tags.
local function choose_tags()
  local n = 1 + rand(5)
  local t, seen = {}, {}
  while #t < n do
    local tag = (fancy and chance(20)) and pick(TAGS_UNICODE) or pick(TAGS)
    if not seen[tag] then
      seen[tag] = true
      t[#t + 1] = tag
    end
  end
  return t
end

-- WordPress lists a post's tags sorted by name, ignoring case.
local function by_name(a, b)
  local la, lb = a:lower(), b:lower()
  if la ~= lb then return la < lb end
  return a < b
end

-- Articles -----------------------------------------------------------------

-- Each part below adds its lines with add(line) ("" for a blank line) and
-- notes what it laid out in f, the fields articlegen.article returns.

-- The head: masthead, headline, date, then a byline, a caption or neither.
local function head(add, f)
  if chance(80) then
    f.site = pick(MASTHEADS)
    add(f.site); add("")
  end
  f.title = headline()
  add(f.title); add("")
  f.date_text, f.date = printed_date()
  add(f.date_text); add("")
  local r = rand(100)
  if r <= 30 then
    f.byline = person()
    if chance(15) then f.byline = f.byline .. " and " .. person() end
    add("By " .. f.byline); add("")
  elseif r <= 55 then
    f.caption = pick(LAST) .. " " .. pick(LAST) -- a caption: two names
    add(f.caption); add("")
  end
end

-- The body: 2 to max_paragraphs (30 by default) one-line paragraphs, one
-- blank line apart.
local function body(add, f, max_paragraphs)
  local paras = 1 + rand(max_paragraphs - 1)
  f.body = {}
  for i = 1, paras do
    f.body[i] = paragraph()
    add(f.body[i])
    if i < paras then add("") end
  end
end

-- The tail: a space-joined tag line and a footer line after two blank lines
-- (70%), a "Tags:" line after one or two and perhaps the footer (22%), the
-- footer alone (4%), or nothing.
local function tail(add, f)
  local r = rand(100)
  if r <= 70 then
    local tags = choose_tags()
    table.sort(tags, by_name)
    f.tag_labels, f.tag_line = tags, "joined"
    add(""); add("")
    add(concat(tags, " "))
    f.footer = chance(90) and FOOTER or pick(OTHER_FOOTERS)
    add(f.footer)
  elseif r <= 92 then
    add(""); if chance(50) then add("") end
    f.tag_labels, f.tag_line = choose_tags(), "listed"
    add("Tags: " .. concat(f.tag_labels, ", "))
    if chance(30) then
      f.footer = FOOTER
      add(FOOTER)
    end
  elseif r <= 96 then
    add(""); add("")
    f.footer = FOOTER
    add(FOOTER)
  end
end

-- The bytes around the lines: final newline, trailing blanks, CRLF, BOM.
local function encode(text, f)
  f.final_newline = chance(60) -- the seed has no final newline
  if f.final_newline then text = text .. "\n" end
  f.trailing_blanks = chance(2)
  if f.trailing_blanks then text = text:gsub("\n", " \n") end
  f.crlf = chance(2)
  if f.crlf then text = text:gsub("\n", "\r\n") end
  f.bom = chance(1)
  if f.bom then text = "\u{FEFF}" .. text end
  return text
end

--- Article i (an integer, from 0) of seed (an integer): returns its text and
-- a table of what the generator laid out:
--   seed, index     the arguments
--   site            the masthead line, or nil
--   title           the headline
--   date_text       the date line as printed ("Published 3 May 2016" too)
--   date            that date in ISO 8601, as SPEC section 2 gives it
--   byline          the names after "By ", or nil
--   caption         the caption line, or nil
--   body            the paragraphs, each one line with single spaces
--   tag_labels      the tags as chosen, in printed order, multi-word ones
--                   whole ("machine learning"), or nil
--   tag_line        "joined" (space-joined, after two blank lines), "listed"
--                   ("Tags: a, b"), or nil
--   footer          the footer line, or nil
--   fancy, final_newline, trailing_blanks, crlf, bom   booleans: the variations
-- max_paragraphs (default 30) bounds the body: bench/gen --short gives 16,
-- for articles of about 3.4 KB instead of 5.7 KB.
function articlegen.article(seed, i, max_paragraphs)
  reseed(seed, i)
  fancy = chance(10)
  local out, f = {}, { seed = seed, index = i, fancy = fancy }
  local function add(s) out[#out + 1] = s end
  head(add, f)
  body(add, f, max_paragraphs or 30)
  tail(add, f)
  return encode(concat(out, "\n"), f), f
end

--- Every tag label the generator may print, e.g. to build a vocabulary.
function articlegen.tag_labels()
  local all = { table.unpack(TAGS) }
  for _, tag in ipairs(TAGS_UNICODE) do all[#all + 1] = tag end
  return all
end

return articlegen
