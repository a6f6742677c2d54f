-- broadsheet.query: the query language, checked by the records each query matches,
-- and its syntax errors, checked by their exact messages and columns.
local broadsheet = require "broadsheet"
local filter = require "broadsheet.filter"
local query = require "broadsheet.query"
local limits = require "broadsheet.limits"

local function record(n, fields)
  fields.id = ("%016x"):format(n)
  return fields
end

-- Small records, as parse returns them; dates by day and with a time.
local RECORDS = {
  hack = record(1, {
    title = "Chinese hackers stole trade secrets, US says", date = "2016-06-14", site = "The Stack Archive",
    byline = "Jane Doe", words = 620, tags = { "asia", "china", "hacking", "us" },
    body = { "Prosecutors in the U.S. say hackers in China stole trade secrets from a cyber-security firm." },
  }),
  cafe = record(2, {
    title = "Café owners in Chinatown fight rent rises", date = "2016-07-02T09:30:00Z", site = "The Stack Archive",
    byline = "Zoë Martin", words = 80, tags = { "uk", "small-business" },
    body = { "“Cafe culture is dying,” said one owner." },
  }),
  iot = record(3, {
    title = "Cybersecurity for the internet of things", date = "2016-11-30", site = "Bugle Daily",
    byline = "Wei Zhang", words = 300, tags = { "china", "internet-of-things", "security" },
    body = { "Smart meters ship with default passwords.",
      "China and the EU are drafting rules to protect trade secrets." },
  }),
  export = record(4, {
    title = "Chipmaker delays factory as export rules tighten", date = "2017-09-05T09:30:00+08:00",
    site = "Bugle Daily", byline = "Wei Zhang", words = 150, tags = { "asia", "china", "trade", "中国" },
    body = { "Local papers ran the headline “中国芯” — “China’s chip”." },
  }),
  secrets = record(5, {
    title = "Trade secrets case goes to court", date = "2016-12-31T23:59:59Z", byline = "John Smith",
    words = 500, tags = { "us", "law" }, body = { "Two American firms will argue over stolen designs." },
  }),
  nodate = record(6, {
    title = "Notes from the cyber archive", site = "The Stack Archive", words = 40, tags = { "china" },
    body = { "An undated piece about Beijing and trade secrets." },
  }),
  old = record(7, {
    title = "Cyber cafés open in London", date = "2015-03-01", site = "Bugle Daily", byline = "Jane Doe",
    words = 100, tags = { "uk", "internet" }, body = { "Internet access costs two pounds an hour." },
  }),
  jan = record(8, {
    title = "New year, new phones", date = "2017-01-01", site = "The Stack Archive", byline = "Sam Lee",
    words = 501, tags = { "phones" }, body = { "Shops sold more phones or tablets than ever." },
  }),
  hay = record(9, {
    title = "Needles in a haystack: search engines compared", date = "2016-05-31", site = "Haystack News",
    byline = "Ana Ruiz", words = 299, tags = { "search" }, body = { "We compared five search engines." },
  }),
  probe = record(10, {
    title = "Probe into leaked chip designs", date = "2016-09-20", site = "The Stack Archive",
    byline = "Jane Doe", words = 210, tags = { "china", "semiconductors" },
    body = { "Investigators say trade secrets were copied to a server in China." },
  }),
  leak = record(11, {
    title = "Leaked memo details chip plans", date = "2016-08-08", site = "Bugle Daily", words = 900,
    tags = { "china" }, body = { "The memo, seen by this newspaper, mentions trade secrets twice." },
  }),
}

local ALL = {}
for name in pairs(RECORDS) do ALL[#ALL + 1] = name end
table.sort(ALL)

local function names_of(ids)
  local by_id, names = {}, {}
  for name, r in pairs(RECORDS) do by_id[r.id] = name end
  for _, id in ipairs(ids) do names[#names + 1] = by_id[id] end
  table.sort(names)
  return names
end

-- The ids of the records a filter matches, as fixture names, sorted.
local function matching(f)
  local ids, test = {}, broadsheet.compile(f)
  for _, name in ipairs(ALL) do
    if test(RECORDS[name]) then ids[#ids + 1] = RECORDS[name].id end
  end
  return names_of(ids)
end

local function parsed(text)
  local f, message = query.parse(text)
  assert(f, ("%q: %s"):format(text, tostring(message)))
  assert.is_true(filter.is_filter(f))
  return f
end

local CHINA = { "export", "hack", "iot", "leak", "nodate", "probe" }
local NOT_CHINA = { "cafe", "hay", "jan", "old", "secrets" }

-- { query, the fixtures it matches }
local VALID = {
  -- tag:
  { "tag:china", CHINA },
  { "tag:USA", { "hack", "secrets" } },
  { "tag:U.S.", { "hack", "secrets" } },
  { 'tag:"internet of things"', { "iot" } },
  { "tag:internet", { "old" } },
  { "tag:中国", { "export" } },
  { "TAG:UK", { "cafe", "old" } },
  -- site:
  { "site:stack", { "cafe", "hack", "jan", "nodate", "probe" } },
  { 'site:"stack archive"', { "cafe", "hack", "jan", "nodate", "probe" } },
  { "site:bugle", { "export", "iot", "leak", "old" } },
  { "site:haystack", { "hay" } },
  -- date:
  { "date:2016", { "cafe", "hack", "hay", "iot", "leak", "probe", "secrets" } },
  { "date:2016-07", { "cafe" } },
  { "date:2016-12-31", { "secrets" } },
  { "date:2017-09-05", { "export" } },
  { "date:2016-06..2016-12", { "cafe", "hack", "iot", "leak", "probe", "secrets" } },
  { "date:2016-06-14..2016-08", { "cafe", "hack", "leak" } },
  { "date:2016-02-29..2016-06", { "hack", "hay" } },
  { "date:>=2016-06", { "cafe", "export", "hack", "iot", "jan", "leak", "probe", "secrets" } },
  { "date:>2016", { "export", "jan" } },
  { "date:>2016-06", { "cafe", "export", "iot", "jan", "leak", "probe", "secrets" } },
  { "date:<2017", { "cafe", "hack", "hay", "iot", "leak", "old", "probe", "secrets" } },
  { "date:<=2016-06", { "hack", "hay", "old" } },
  { "date:<2016-06", { "hay", "old" } },
  -- words:
  { "words:>500", { "hack", "jan", "leak" } },
  { "words:>=500", { "hack", "jan", "leak", "secrets" } },
  { "words:<100", { "cafe", "nodate" } },
  { "words:<=100", { "cafe", "nodate", "old" } },
  { "words:100..500", { "export", "hay", "iot", "old", "probe", "secrets" } },
  { "words:300", { "iot" } },
  -- title:, byline:, id:, text:
  { "title:cyber*", { "iot", "nodate", "old" } },
  { "title:cyber", { "nodate", "old" } },
  { "title:chip*", { "export", "leak", "probe" } },
  { 'title:"trade secrets"', { "hack", "secrets" } },
  { 'byline:"Jane Doe"', { "hack", "old", "probe" } },
  { "byline:zhang", { "export", "iot" } },
  { "byline:zoe", { "cafe" } },
  { "id:000000000000000b", { "leak" } },
  { "id:000000000000000B", { "leak" } },
  { "id:00000000000000", {} },
  { "text:china", { "export", "hack", "iot", "probe" } },
  -- bare words and quoted phrases: title and body, folded, whole words
  { "china", { "export", "hack", "iot", "probe" } },
  { "cafe", { "cafe" } },
  { "cafe*", { "cafe", "old" } },
  { "cyber", { "hack", "nodate", "old" } },
  { "secret*", { "hack", "iot", "leak", "nodate", "probe", "secrets" } },
  { "中国芯", { "export" } },
  { '"trade secrets"', { "hack", "iot", "leak", "nodate", "probe", "secrets" } },
  { '"cafe culture"', { "cafe" } },
  { '"China\'s chip"', { "export" } },
  { '"secrets trade"', {} },
  -- negation
  { "-tag:china", NOT_CHINA },
  { "NOT tag:china", NOT_CHINA },
  { "NOT(tag:china)", NOT_CHINA },
  { "--tag:china", CHINA },
  { "NOT -tag:china", CHINA },
  { "-china", { "cafe", "hay", "jan", "leak", "nodate", "old", "secrets" } },
  { '-"trade secrets"', { "cafe", "export", "hay", "jan", "old" } },
  { "tag:china -tag:us", { "export", "iot", "leak", "nodate", "probe" } },
  { "date:2016 -date:2016-06..2016-12", { "hay" } },
  -- AND, OR, parentheses and precedence
  { "tag:china words:>500", { "hack", "leak" } },
  { "tag:china AND words:>500", { "hack", "leak" } },
  { "tag:us OR tag:uk", { "cafe", "hack", "old", "secrets" } },
  { "tag:us OR tag:uk date:2015", { "hack", "old", "secrets" } },
  { "tag:us OR tag:uk AND date:2015", { "hack", "old", "secrets" } },
  { "(tag:us OR tag:uk) date:2015", { "old" } },
  { "tag:uk OR tag:china words:>500 OR tag:phones", { "cafe", "hack", "jan", "leak", "old" } },
  { "NOT tag:china words:>500", { "jan" } },
  { "NOT (tag:china words:>500)", { "cafe", "export", "hay", "iot", "jan", "nodate", "old", "probe", "secrets" } },
  { "NOT(tag:china OR tag:us)", { "cafe", "hay", "jan", "old" } },
  { "tag:china (site:stack OR words:>500)", { "hack", "leak", "nodate", "probe" } },
  { "((tag:china OR tag:us) -(site:bugle OR words:<100)) date:2016", { "hack", "probe", "secrets" } },
  { "(((tag:uk)))", { "cafe", "old" } },
  -- keywords are upper case; otherwise they are words to look for
  { "cafe OR tablets", { "cafe", "jan" } },
  { "cafe or tablets", {} },
  { "tablets or", { "jan" } },
  { "tag:china and", { "iot", "nodate" } },
  { "tag:china Or tag:uk", {} },
  { "ORACLE", {} },
  -- spaces
  { "   tag:us    OR\ttag:uk  ", { "cafe", "hack", "old", "secrets" } },
  { "( tag:us )\n\nwords:>500", { "hack" } },
  { "tag:us(words:>500)", { "hack" } },
  -- the SPEC's example
  { 'tag:china date:2016-06..2016-12 -tag:us "trade secrets" (site:stack OR words:>500)', { "leak", "probe" } },
}

describe("a query", function()
  for _, case in ipairs(VALID) do
    it(("%q matches %s"):format(case[1], #case[2] > 0 and table.concat(case[2], " ") or "nothing"), function()
      assert.same(case[2], matching(parsed(case[1])))
    end)
  end

  it("compiles through broadsheet.query to the filter built by hand", function()
    local F = filter
    local by_hand = {
      { 'tag:china date:2016-06..2016-12 -tag:us "trade secrets" (site:stack OR words:>500)',
        F.tag("china") * F.between("2016-06", "2016-12") * -F.tag("us") * F.text("trade secrets")
          * (F.site("stack") + F.words(501)) },
      { "tag:us OR tag:uk date:2015", F.tag("us") + F.tag("uk") * F.between("2015", "2015") },
      { "NOT tag:china words:>500", -F.tag("china") * F.words(501) },
      { "title:cyber*", F.title("cyber*") },
      { "date:>=2016-06", F.since("2016-06") },
      { "date:<2017", F.before("2017") },
      { "date:2016-06..2016-12", F.between("2016-06", "2016-12") },
      { "words:100..500", F.words(100, 500) },
      { "words:<100", F.words(0, 99) },
      { "-china", -F.text("china") },
      { 'tag:"internet of things" OR site:bugle', F.tag("internet of things") + F.site("bugle") },
      { "byline:zhang", F.where(function(r) return r.byline ~= nil and r.byline:lower():find("zhang") ~= nil end) },
    }
    for _, case in ipairs(by_hand) do
      local compiled = broadsheet.query(case[1])
      assert.is_true(filter.is_filter(compiled))
      for _, name in ipairs(ALL) do
        assert.equal(case[2](RECORDS[name]), compiled(RECORDS[name]), case[1] .. " on " .. name)
      end
    end
  end)

  it("composes with filters", function()
    assert.same({ "hack", "leak" }, matching(broadsheet.query("tag:china") * filter.words(501)))
    assert.same({ "iot" }, matching(filter.site("bugle") * "tag:china date:2016 -words:>500"))
  end)

  it("takes 100 nested parentheses, and parentheses inside a quoted phrase as words", function()
    assert.equal(100, limits.query_depth)
    local f = parsed(("("):rep(100) .. "tag:uk" .. (")"):rep(100))
    assert.same({ "cafe", "old" }, matching(f))
    -- cafe OR NOT (cafe OR NOT x) is cafe OR x: a hundred levels, cafe OR tag:china.
    f = parsed(("(cafe OR NOT "):rep(100) .. "tag:china" .. (")"):rep(100))
    assert.same({ "cafe", "export", "hack", "iot", "leak", "nodate", "probe" }, matching(f))
    f = parsed(("(cafe OR NOT "):rep(99) .. "tag:china" .. (")"):rep(99))
    assert.same({ "cafe", "hay", "jan", "old", "secrets" }, matching(f))
    f = parsed('"' .. ("("):rep(150) .. ' cafe" OR tag:uk')
    assert.same({ "cafe", "old" }, matching(f))
  end)

  it("takes long queries: many terms, many groups, many negations", function()
    assert.same({ "hack", "secrets" }, matching(parsed(("tag:us "):rep(50000))))
    assert.same({ "hack", "secrets" }, matching(parsed(("(tag:us) "):rep(40000))))
    assert.same({ "cafe", "hack", "old", "secrets" }, matching(parsed(("tag:us OR "):rep(40000) .. "tag:uk")))
    assert.same(NOT_CHINA, matching(parsed(("-"):rep(100001) .. "tag:china")))
    assert.same(CHINA, matching(parsed(("NOT "):rep(100000) .. "tag:china")))
  end)
end)

-- { query, message, column }
local MALFORMED = {
  { "tag:china (site:stack", "expected ')'", 22 },
  { "((tag:china)", "expected ')'", 13 },
  { "tag:china (site:stack OR", "expected a term after OR", 25 },
  { "foo:bar", "unknown field 'foo' (known: tag, site, date, words, title, text, byline, id)", 1 },
  { "tag:china Author:smith", "unknown field 'Author' (known: tag, site, date, words, title, text, byline, id)", 11 },
  { '"trade secrets', "expected a closing '\"'", 15 },
  { "tag:", "expected a value after ':'", 5 },
  { "tag: china", "expected a value after ':'", 5 },
  { "tag:china OR", "expected a term after OR", 13 },
  { "OR tag:china", "expected a search term", 1 },
  { "tag:china AND", "expected a term after AND", 14 },
  { "tag:china AND OR tag:us", "expected a term after AND", 15 },
  { "-", "expected a term to negate", 2 },
  { "- tag:us", "expected a term to negate", 2 },
  { "tag:china NOT", "expected a term to negate", 14 },
  { "", "expected a search term", 1 },
  { "   ", "expected a search term", 4 },
  { ")", "expected a search term", 1 },
  { "tag:china)", "expected an operator or the end of the query", 10 },
  { "()", "expected a term", 2 },
  { "date:2016-13", "impossible date 2016-13: no such month", 6 },
  { "date:2015-02-29", "impossible date 2015-02-29: no such day", 6 },
  { "date:2016-06..2016-13", "impossible date 2016-13: no such month", 15 },
  { "date:20", "expected a date (YYYY, YYYY-MM or YYYY-MM-DD)", 6 },
  { "date:2016-6", "expected a date (YYYY, YYYY-MM or YYYY-MM-DD)", 6 },
  { "date:2016-06..", "expected a date (YYYY, YYYY-MM or YYYY-MM-DD)", 15 },
  { "tag:x date:2016-12..2016-06", "date range ends before it starts: 2016-12..2016-06", 12 },
  { "date:=2016", "expected a date (YYYY, YYYY-MM or YYYY-MM-DD)", 6 },
  { "words:>abc", "expected a number", 8 },
  { "words:1..", "expected a number", 10 },
  { "words:1.5", "expected a number", 7 },
  { '"!!!"', "expected a word to look for", 1 },
  { 'tag:china title:""', "expected a word to look for", 17 },
  { ("("):rep(101) .. "a" .. (")"):rep(101), "parentheses nested deeper than 100", 101 },
  { "tag:us " .. ("("):rep(120) .. "a", "parentheses nested deeper than 100", 108 },
  -- columns count characters, not bytes
  { "tag:中国 (x", "expected ')'", 10 },
  { '中国 title:"', "expected a closing '\"'", 11 },
  { 'Café "crème', "expected a closing '\"'", 12 },
}

describe("a malformed query", function()
  for _, case in ipairs(MALFORMED) do
    local shown = #case[1] > 60 and case[1]:sub(1, 40) .. "..." or case[1]
    it(("%q: column %d: %s"):format(shown, case[3], case[2]), function()
      local f, message, column = query.parse(case[1])
      assert.is_nil(f)
      assert.equal(("column %d: %s"):format(case[3], case[2]), message)
      assert.equal(case[3], column)
    end)
  end

  it("raises 'query: column N: ...' through broadsheet.query and broadsheet.compile", function()
    assert.has_error(function() broadsheet.query("tag:china (site:stack") end, "query: column 22: expected ')'")
    assert.error_matches(function() broadsheet.compile("tag:") end, "query: column 5: expected a value after ':'")
  end)

  it("must be a string", function()
    assert.has_error(function() query.parse(nil) end, "bad argument #1 to 'query' (string expected, got nil)")
    assert.has_error(function() broadsheet.query(42) end, "bad argument #1 to 'query' (string expected, got number)")
  end)
end)

describe("query.caret", function()
  it("puts a caret under the column", function()
    assert.equal("tag:china (site:stack\n" .. (" "):rep(21) .. "^", query.caret("tag:china (site:stack", 22))
    assert.equal("foo:bar\n^", query.caret("foo:bar", 1))
    assert.equal("\n^", query.caret("", 1))
  end)

  it("counts the column in characters, padded to the terminal's width of them", function()
    -- 中 and 国 take two columns each in a terminal; é one; a combining accent none.
    assert.equal("tag:中国 (x\n" .. (" "):rep(11) .. "^", query.caret("tag:中国 (x", 10))
    assert.equal("Café (x\n" .. (" "):rep(5) .. "^", query.caret("Café (x", 6))
    assert.equal("Cafe\u{301} (x\n" .. (" "):rep(5) .. "^", query.caret("Cafe\u{301} (x", 7))
  end)

  it("points at every malformed query's column", function()
    for _, case in ipairs(MALFORMED) do
      local _, _, column = query.parse(case[1])
      local text, caret = query.caret(case[1], column):match("^(.*)\n( *)%^$")
      assert.equal(case[1], text)
      local before = case[1]:sub(1, utf8.offset(case[1], column) - 1)
      assert.equal(require("broadsheet.core").width(before), #caret)
    end
  end)
end)
