-- broadsheet.filter: every predicate, and the operator algebra that composes them.
local broadsheet = require "broadsheet"
local filter = require "broadsheet.filter"
local lpeg = require "lpeg"

-- Small records, as parse returns them; dates by day and with a time.
local RECORDS = {
  hack = {
    id = "00000000000000a1", title = "Chinese hackers stole trade secrets, US says", date = "2016-06-14",
    site = "The Stack Archive", byline = "Jane Doe", words = 620,
    body = { "Prosecutors in the U.S. say hackers in China stole trade secrets from a cyber-security firm." },
    tags = { "asia", "china", "hacking", "us" }, tag_labels = { "Asia", "China", "hacking", "US" },
  },
  cafe = {
    id = "00000000000000a2", title = "Café owners in Chinatown fight rent rises", date = "2016-07-02T09:30:00Z",
    site = "The Stack Archive", byline = "Zoë Martin", words = 80,
    body = { "“Cafe culture is dying,” said one owner.", "Rents have doubled since 2014." },
    tags = { "uk", "small-business" }, tag_labels = { "UK", "small business" },
  },
  iot = {
    id = "00000000000000a3", title = "Cybersecurity for the internet of things", date = "2016-11-30",
    site = "Bugle Daily", byline = "Wei Zhang", words = 300,
    body = { "Smart meters ship with default passwords.", "China and the EU are drafting rules." },
    tags = { "china", "internet-of-things", "security" },
    tag_labels = { "China", "Internet of Things", "security" },
  },
  export = {
    id = "00000000000000a4", title = "Chipmaker delays factory as export rules tighten",
    date = "2017-09-05T09:30:00+08:00", site = "Bugle Daily", byline = "Wei Zhang", words = 150,
    body = { "Local papers ran the headline “中国芯” — “China’s chip”.", "The plant would have made chips." },
    tags = { "asia", "china", "trade", "中国" }, tag_labels = { "Asia", "China", "trade", "中国" },
  },
  secrets = {
    id = "00000000000000a5", title = "Trade secrets case goes to court", date = "2016-12-31T23:59:59Z",
    byline = "John Smith", words = 500,
    body = { "Two American firms will argue over stolen designs." },
    tags = { "us", "law" }, tag_labels = { "US", "law" },
  },
  nodate = {
    id = "00000000000000a6", title = "Notes from the cyber archive", site = "The Stack Archive", words = 40,
    body = { "An undated piece about Beijing, trade and secrets." },
    tags = { "china" }, tag_labels = { "China" },
  },
  old = {
    id = "00000000000000a7", title = "Cyber cafés open in London", date = "2015-03-01",
    site = "Haystack News", byline = "Jane Doe", words = 100,
    body = { "Internet access costs two pounds an hour." },
    tags = { "uk", "internet" }, tag_labels = { "UK", "internet" },
  },
}

local ALL = {}
for name in pairs(RECORDS) do ALL[#ALL + 1] = name end
table.sort(ALL)

-- The names of the records a filter (or function, or query) matches,
-- sorted: built as an archive builds it, with query strings compiled.
local function matching(f)
  local test = broadsheet.compile(f)
  local names = {}
  for _, name in ipairs(ALL) do
    local verdict = test(RECORDS[name]) and true or false
    assert(type(verdict) == "boolean", "a filter says true or false")
    if verdict then names[#names + 1] = name end
  end
  return names
end

local function sorted(list)
  table.sort(list)
  return list
end

describe("filter predicates", function()
  describe("tag", function()
    it("matches any of the tags, by slug", function()
      assert.same({ "export", "hack", "iot", "nodate" }, matching(filter.tag("china")))
      assert.same({ "cafe", "hack", "old", "secrets" }, matching(filter.tag("us", "uk")))
      assert.same({ "export" }, matching(filter.tag("中国")))
      assert.same({ "iot" }, matching(filter.tag("Internet of Things")))
      assert.same({ "old" }, matching(filter.tag("internet")))
      assert.same({}, matching(filter.tag("nothing-like-it")))
    end)

    it("applies the default aliases and folds case", function()
      for _, label in ipairs { "USA", "U.S.", "us", "United States", "united-states" } do
        assert.same({ "hack", "secrets" }, matching(filter.tag(label)), label)
      end
      assert.same({ "cafe", "old" }, matching(filter.tag("Britain")))
      assert.same({ "export", "hack", "iot", "nodate" }, matching(filter.tag("CHINA")))
    end)

    it("refuses no tags and tags that are not strings", function()
      assert.error_matches(function() filter.tag() end, "at least one tag expected")
      assert.error_matches(function() filter.tag("china", 5) end, "tag names must be strings, got number")
    end)
  end)

  describe("all_tags", function()
    it("matches records that have every tag", function()
      assert.same({ "export", "hack" }, matching(filter.all_tags("china", "asia")))
      assert.same({ "hack" }, matching(filter.all_tags("USA", "China")))
      assert.same({ "export", "hack", "iot", "nodate" }, matching(filter.all_tags("china")))
      assert.same({}, matching(filter.all_tags("china", "uk")))
    end)

    it("counts a tag given twice once", function()
      assert.same({ "hack", "secrets" }, matching(filter.all_tags("us", "USA")))
    end)
  end)

  describe("site", function()
    it("matches words of the masthead, whole and folded", function()
      local stack = { "cafe", "hack", "nodate" }
      assert.same(stack, matching(filter.site("stack")))
      assert.same(stack, matching(filter.site("STACK")))
      assert.same(stack, matching(filter.site("The Stack Archive")))
      assert.same(stack, matching(filter.site("stack archive")))
      assert.same({ "old" }, matching(filter.site("haystack")))
      assert.same({ "export", "iot" }, matching(filter.site("bugle")))
    end)

    it("never matches a record without a site", function()
      assert.is_false(filter.site("court")(RECORDS.secrets))
      assert.same({ "secrets" }, matching(-filter.site("stack") - filter.site("bugle") - filter.site("haystack")))
    end)
  end)

  describe("dates", function()
    it("since: from the start of a year, month or day, on dates with and without a time", function()
      assert.same({ "cafe", "export", "hack", "iot", "secrets" }, matching(filter.since("2016")))
      assert.same({ "cafe", "export", "hack", "iot", "secrets" }, matching(filter.since("2016-06")))
      assert.same({ "cafe", "export", "hack", "iot", "secrets" }, matching(filter.since("2016-06-14")))
      assert.same({ "cafe", "export", "iot", "secrets" }, matching(filter.since("2016-06-15")))
      assert.same({ "export", "secrets" }, matching(filter.since("2016-12-31")))
      assert.same({ "export" }, matching(filter.since("2017")))
    end)

    it("before: until the start of a year, month or day", function()
      assert.same({ "old" }, matching(filter.before("2016")))
      assert.same({ "old" }, matching(filter.before("2016-06")))
      assert.same({ "hack", "old" }, matching(filter.before("2016-06-15")))
      assert.same({ "cafe", "hack", "iot", "old" }, matching(filter.before("2016-12-31")))
      assert.same({ "cafe", "hack", "iot", "old", "secrets" }, matching(filter.before("2017")))
    end)

    it("between: from the start of the first to the end of the last, both included", function()
      assert.same({ "cafe", "hack", "iot", "secrets" }, matching(filter.between("2016", "2016")))
      assert.same({ "cafe", "hack", "iot", "secrets" }, matching(filter.between("2016-06", "2016-12")))
      assert.same({ "cafe", "hack" }, matching(filter.between("2016-06-14", "2016-07-02")))
      assert.same({ "hack" }, matching(filter.between("2016-06", "2016-06")))
      assert.same({ "secrets" }, matching(filter.between("2016-12-31", "2016-12-31")))
      assert.same({ "cafe", "export", "hack", "iot", "secrets" }, matching(filter.between("2016-06-01", "2017")))
      assert.error_matches(function() filter.between("2016-12", "2016-06") end,
        "date range ends before it starts: 2016%-12%.%.2016%-06")
      assert.error_matches(function() filter.between("2017", "2016-06") end, "ends before it starts")
      assert.same(matching(filter.between("2016-06", "2016-12")), matching(filter.between("2016-06", "2016")),
        "June 2016 to the end of 2016")
    end)

    it("a record without a date never matches a date predicate", function()
      for _, f in ipairs { filter.since("0000"), filter.before("9999"), filter.between("0000", "9999") } do
        assert.is_false(f(RECORDS.nodate))
      end
      -- ...but the negation of one does, like any other filter.
      assert.is_true((-filter.since("0000"))(RECORDS.nodate))
    end)

    it("refuses bad dates with a clear message", function()
      local cases = {
        { "2016-6", 'bad date "2016%-6": expected YYYY, YYYY%-MM or YYYY%-MM%-DD' },
        { "16", 'bad date "16": expected YYYY, YYYY%-MM or YYYY%-MM%-DD' },
        { "2016-06-14T09:30:00Z", 'bad date "2016%-06%-14T09:30:00Z": expected YYYY' },
        { "June 2016", 'bad date "June 2016": expected' },
        { "2016-13", 'bad date "2016%-13": no such month' },
        { "2016-00", 'bad date "2016%-00": no such month' },
        { "2016-04-31", 'bad date "2016%-04%-31": no such day' },
        { "2015-02-29", 'bad date "2015%-02%-29": no such day' },
        { "1900-02-29", 'bad date "1900%-02%-29": no such day' },
        { 2016, "bad date number: expected YYYY, YYYY%-MM or YYYY%-MM%-DD" },
        { nil, "bad date nil" },
      }
      for _, case in ipairs(cases) do
        local label = tostring(case[1])
        assert.error_matches(function() filter.since(case[1]) end, case[2], nil, nil, label)
        assert.error_matches(function() filter.before(case[1]) end, case[2], nil, nil, label)
        assert.error_matches(function() filter.between(case[1], "2017") end, case[2], nil, nil, label)
        assert.error_matches(function() filter.between("2015", case[1]) end, case[2], nil, nil, label)
      end
      -- The error names the caller's line, not the filter module's.
      local _, err = pcall(function() filter.since("2016-13") end)
      assert.matches("^spec/filter_spec%.lua:%d+: bad date", err)
      _, err = pcall(function() return filter.tag("china") * 5 end)
      assert.matches("^spec/filter_spec%.lua:%d+: filter expected", err)
    end)

    it("accepts leap days in leap years", function()
      assert.same({ "cafe", "export", "hack", "iot", "secrets" }, matching(filter.since("2016-02-29")))
      assert.same({ "cafe", "export", "hack", "iot", "old", "secrets" }, matching(filter.since("2000-02-29")))
      assert.is_nil(filter.date_problem("2016-02-29"))
      assert.equal("no such day", filter.date_problem("2016-02-30"))
    end)
  end)

  describe("title", function()
    it("matches whole words, folded, and phrases", function()
      assert.same({ "old" }, matching(filter.title("London")))
      assert.same({ "cafe" }, matching(filter.title("cafe")))
      assert.same({ "cafe" }, matching(filter.title("CAFÉ owners")))
      assert.same({ "hack", "secrets" }, matching(filter.title("trade secrets")))
      assert.same({ "nodate", "old" }, matching(filter.title("cyber")))
      assert.same({}, matching(filter.title("china")))
    end)

    it("matches words starting so with a final *", function()
      assert.same({ "iot", "nodate", "old" }, matching(filter.title("cyber*")))
      assert.same({ "cafe", "old" }, matching(filter.title("caf*")))
      assert.same({ "cafe", "hack" }, matching(filter.title("chin*")))
      assert.same({ "iot" }, matching(filter.title("the internet of thing*")))
    end)

    it("matches an LPeg pattern anywhere in the title, as printed", function()
      assert.same({ "iot", "old" }, matching(filter.title(lpeg.P"Cyber")))
      assert.same({}, matching(filter.title(lpeg.P"cyber" * lpeg.P" cafés")))
      assert.same({ "old" }, matching(filter.title(lpeg.P"Cyber" * lpeg.P" caf")))
      assert.same({ "cafe", "hack" }, matching(filter.title(lpeg.P"Chin" * lpeg.R"az"^1)))
      -- A pattern that matched is a match, whatever its captures are.
      assert.same({ "secrets" }, matching(filter.title(lpeg.Cc(nil) * lpeg.P"court")))
      assert.same({ "secrets" }, matching(filter.title(lpeg.Cc(false) * lpeg.P"court")))
    end)

    it("never matches a record without a title", function()
      assert.is_false(filter.title("x")({ body = { "x" } }))
      assert.is_false(filter.title(lpeg.P(true))({ body = { "x" } }))
    end)
  end)

  describe("text", function()
    it("is case- and accent-insensitive, in the title and the body", function()
      assert.same({ "cafe" }, matching(filter.text("cafe")))
      assert.same({ "cafe" }, matching(filter.text("CAFÉ")))
      assert.same({ "cafe" }, matching(filter.text("Chinatown")))
      assert.same({ "cafe" }, matching(filter.text("2014")))
      assert.same({ "old" }, matching(filter.text("london")))
      assert.same({ "old" }, matching(filter.text("Cafés")))
    end)

    it("matches whole words only", function()
      assert.same({ "export", "hack", "iot" }, matching(filter.text("china")))
      assert.same({ "hack", "nodate", "old" }, matching(filter.text("cyber")))
      assert.same({ "iot" }, matching(filter.text("cybersecurity")))
      assert.same({}, matching(filter.text("secret")))
      assert.same({}, matching(filter.text("Jane")), "the byline is not text")
    end)

    it("matches phrases, word for word, whatever the punctuation between", function()
      assert.same({ "hack", "secrets" }, matching(filter.text("trade secrets")))
      assert.same({ "hack", "secrets" }, matching(filter.text("Trade, Secrets!")))
      assert.same({}, matching(filter.text("secrets trade")))
      assert.same({ "hack" }, matching(filter.text("cyber security")))
      assert.same({ "hack" }, matching(filter.text("U.S.")))
      assert.same({ "iot" }, matching(filter.text("china and the eu")))
    end)

    it("finds a phrase in any paragraph, but not across two", function()
      local r = { title = "Markets", body = { "Shares fell in Asia.", "Later, trade", "war fears grew: trade war." } }
      assert.is_true(filter.text("trade war")(r), "in the last paragraph")
      assert.is_true(filter.text("markets")(r), "in the title")
      assert.is_false(filter.text("markets shares")(r), "from the title into the body")
      assert.is_false(filter.text("asia later")(r), "from one paragraph into the next")
      assert.is_false(filter.text("trade war")({ body = { "A trade", "war" } }))
    end)

    it("separates words at typographic punctuation and apostrophes", function()
      -- “Cafe culture ..., — “China’s chip”.
      assert.same({ "cafe" }, matching(filter.text("cafe culture")))
      assert.same({ "cafe" }, matching(filter.text("dying")))
      assert.same({ "export" }, matching(filter.text("chip")))
      assert.same({ "export" }, matching(filter.text("China's chip")))
      assert.same({ "export" }, matching(filter.text("中国芯")))
      local r = { title = "Il prezzo dell’energia", body = { "«Ça coûte cher», dit-il ; l'économie souffre…" } }
      for _, words in ipairs { "energia", "ca coute cher", "dit il", "economie souffre" } do
        assert.is_true(filter.text(words)(r), words)
      end
    end)

    it("matches words starting so with a final *", function()
      assert.same({ "cafe", "old" }, matching(filter.text("cafe*")))
      assert.same({ "iot" }, matching(filter.text("cybers*")))
      assert.same({ "cafe", "export", "hack", "iot" }, matching(filter.text("chin*")))
    end)

    it("refuses text with no word in it", function()
      for _, text in ipairs { "", "  ", "!!!", "*", "— …" } do
        assert.error_matches(function() filter.text(text) end, "text to look for expected, got " .. ("%q"):format(text),
          nil, true, text)
      end
      assert.error_matches(function() filter.text(5) end, "text to look for expected, got number")
      assert.error_matches(function() filter.title(nil) end, "text to look for expected, got nil")
      assert.error_matches(function() filter.site({}) end, "text to look for expected, got table")
    end)
  end)

  describe("words", function()
    it("matches at least min words, and at most max when given", function()
      assert.same({ "export", "hack", "iot", "old", "secrets" }, matching(filter.words(100)))
      assert.same({ "export", "iot", "old" }, matching(filter.words(100, 300)))
      assert.same({ "cafe", "nodate" }, matching(filter.words(0, 99)))
      assert.same({ "iot" }, matching(filter.words(300, 300)))
      assert.same({}, matching(filter.words(300, 299)))
    end)

    it("counts a record without a word count as 0 words", function()
      assert.is_true(filter.words(0, 0)({}))
      assert.is_false(filter.words(1)({}))
    end)

    it("refuses what is not a number", function()
      assert.error_matches(function() filter.words("100") end, "words%(min %[, max%]%) expects numbers")
      assert.error_matches(function() filter.words(1, "2") end, "expects numbers")
      assert.error_matches(function() filter.words() end, "expects numbers")
    end)
  end)

  describe("where", function()
    it("takes any function of a record", function()
      assert.same({ "hack", "old" }, matching(filter.where(function(r) return r.byline == "Jane Doe" end)))
      assert.same(ALL, matching(filter.where(function() return true end)))
    end)

    it("makes true or false of what the function returns", function()
      local yes, no = filter.where(function() return "yes" end), filter.where(function() end)
      assert.equal(true, yes(RECORDS.hack))
      assert.equal(false, no(RECORDS.hack))
      assert.equal(true, (yes * yes)(RECORDS.hack))
      assert.equal(false, (no + no)(RECORDS.hack))
      assert.equal(true, (-no)(RECORDS.hack))
    end)

    it("refuses what is not a function", function()
      assert.error_matches(function() filter.where(5) end, "where%(fn%) expects a function, got number")
      assert.error_matches(function() filter.where("tag:us") end, "expects a function, got string")
    end)
  end)

  it("filter.all matches every record", function()
    assert.same(ALL, matching(filter.all))
    assert.same({ "export", "hack", "iot", "nodate" }, matching(filter.all * filter.tag("china")))
  end)

  describe("on parsed records", function()
    local parsed = {
      met = broadsheet.parse("The Stack Archive\n\nSmart meters leak secrets\n\n14 June 2016\n\nBy Jane Doe\n\n"
        .. "Researchers in the U.S. found that smart meters sold in China leak trade secrets.\n\n"
        .. "Tags: China, Internet of Things, USA\n"),
      zurich = broadsheet.parse("Café culture returns to Zürich\n\n2016-06-14T09:30:00Z\n\n"
        .. "“Cafe owners are hopeful,” a spokesman said.\n"),
      undated = broadsheet.parse("Undated note\n\nNo date here at all, just a paragraph of text.\n"),
    }
    local function names(f)
      local found = {}
      for name, record in pairs(parsed) do
        if f(record) then found[#found + 1] = name end
      end
      return sorted(found)
    end

    it("match tags by alias, multi-word tags and sites", function()
      assert.same({ "china", "internet-of-things", "us" }, sorted { table.unpack(parsed.met.tags) })
      assert.same({ "met" }, names(filter.tag("USA")))
      assert.same({ "met" }, names(filter.tag("internet of things")))
      assert.same({ "met" }, names(filter.all_tags("china", "U.S.")))
      assert.same({ "met" }, names(filter.site("stack")))
    end)

    it("match dates with and without a time, and never the undated", function()
      assert.same({ "met", "zurich" }, names(filter.since("2016-06-14")))
      assert.same({ "met", "zurich" }, names(filter.between("2016-06", "2016-06")))
      assert.same({ "met", "zurich" }, names(filter.before("2017")))
      assert.same({}, names(filter.since("2016-06-15")))
      assert.same({ "undated" }, names(-filter.since("0000")))
    end)

    it("match title and body text and word counts", function()
      assert.same({ "zurich" }, names(filter.text("cafe")))
      assert.same({ "zurich" }, names(filter.text("ZURICH")))
      assert.same({ "met" }, names(filter.text("trade secrets")))
      assert.same({ "met" }, names(filter.title("smart*")))
      assert.same({ "met", "undated" }, names(filter.words(10)))
      assert.same({ "zurich" }, names(filter.words(0, 9)))
    end)
  end)
end)

describe("filter operators", function()
  local china, us, uk = filter.tag("china"), filter.tag("us"), filter.tag("uk")
  local long, y2016 = filter.words(300), filter.between("2016", "2016")
  local SOME = { china, us, uk, long, y2016, filter.text("cyber"), filter.site("stack"), china * us, uk + long,
    -china, "tag:china date:2016", function(r) return r.date == nil end }

  -- Two filters agree on every fixture.
  local function same_on_all(a, b, label)
    local fa, fb = broadsheet.compile(a), broadsheet.compile(b)
    for _, name in ipairs(ALL) do
      assert.equal(fa(RECORDS[name]), fb(RECORDS[name]), (label or "") .. " on " .. name)
    end
  end

  it("a * b: both", function()
    assert.same({ "hack" }, matching(china * us))
    assert.same({ "hack", "iot" }, matching(china * long))
    assert.same({}, matching(us * uk))
  end)

  it("a + b: either", function()
    assert.same({ "cafe", "export", "hack", "iot", "nodate", "old" }, matching(china + uk))
    assert.same({ "cafe", "export", "hack", "iot", "nodate", "old", "secrets" }, matching(china + us + uk))
  end)

  it("-a: not", function()
    assert.same({ "cafe", "old", "secrets" }, matching(-china))
    assert.same({ "nodate" }, matching(-filter.since("0000")))
  end)

  it("a - b: and not", function()
    assert.same({ "export", "iot", "nodate" }, matching(china - us))
    for i, a in ipairs(SOME) do
      for j, b in ipairs(SOME) do
        if filter.is_filter(a) then same_on_all(a - b, a * -filter.of(b), ("a - b, %d %d"):format(i, j)) end
      end
    end
  end)

  it("* binds tighter than +: a + b * c is a + (b * c)", function()
    assert.same({ "cafe", "hack", "iot", "old" }, matching(uk + china * long))
    same_on_all(uk + china * long, uk + (china * long))
    assert.same({ "hack", "iot" }, matching((uk + china) * long))
  end)

  it("unary - binds tightest: -a * b is (-a) * b", function()
    assert.same({ "secrets" }, matching(-china * long))
    same_on_all(-china * long, (-china) * long)
    assert.same({ "cafe", "export", "nodate", "old", "secrets" }, matching(-(china * long)))
    -- and a - b * c is a - (b * c)
    same_on_all(china - us * long, china - (us * long))
    assert.same({ "export", "iot", "nodate" }, matching(china - us * long))
  end)

  it("-(-a) is a, on every fixture", function()
    for i, a in ipairs(SOME) do
      local f = filter.of(a)
      same_on_all(-(-f), f, "filter " .. i)
      same_on_all(- - -f, -f, "filter " .. i)
    end
  end)

  it("obeys De Morgan's laws, on every fixture", function()
    for i, a in ipairs(SOME) do
      for j, b in ipairs(SOME) do
        local fa, fb = filter.of(a), filter.of(b)
        same_on_all(-(fa + fb), -fa * -fb, ("-(a + b), %d %d"):format(i, j))
        same_on_all(-(fa * fb), -fa + -fb, ("-(a * b), %d %d"):format(i, j))
      end
    end
  end)

  it("is associative, commutative and distributive on the fixtures", function()
    same_on_all((china * us) * long, china * (us * long))
    same_on_all((china + us) + uk, china + (us + uk))
    same_on_all(china * us, us * china)
    same_on_all(china + uk, uk + china)
    same_on_all(china * (us + long), china * us + china * long)
    same_on_all(china + us * long, (china + us) * (china + long))
  end)

  it("mixes filters with functions and query strings, on either side", function()
    local undated = function(r) return r.date == nil end
    assert.same({ "hack", "iot" }, matching(filter.tag("china") * "date:2016"))
    assert.same({ "hack", "iot" }, matching("date:2016" * filter.tag("china")))
    assert.same({ "export", "iot", "nodate" }, matching(china - "tag:us"))
    assert.same({ "export", "iot", "nodate" }, matching("tag:china" - us))
    assert.same({ "cafe", "export", "hack", "iot", "nodate", "old" }, matching(china + "tag:uk"))
    assert.same({ "export", "hack", "iot", "nodate" }, matching(china + undated))
    assert.same({ "nodate" }, matching(undated * china))
    assert.same({ "export", "hack", "iot" }, matching(china - undated))
    assert.same({ "cafe", "old" }, matching(filter.all - "tag:china OR tag:us"))
    assert.same({ "hack" }, matching(china * "tag:us" * function(r) return r.words > 500 end))
    assert.is_true(filter.is_filter(china * "tag:us"))
    assert.is_true(filter.is_filter(undated + china))
  end)

  it("refuses what is no filter, function or query", function()
    assert.error_matches(function() return china * 5 end,
      "filter expected %(a filter, a function or a query string%), got number")
    assert.error_matches(function() return china + {} end, "got table")
    assert.error_matches(function() return china - true end, "got boolean")
    assert.error_matches(function() return broadsheet.compile(china * "tag:") end,
      "query: column 5: expected a value after ':'")
  end)

  it("a query string inside a filter called directly asks for broadsheet.query", function()
    assert.error_matches(function() return (china * "tag:us")(RECORDS.hack) end,
      'use broadsheet.query%("tag:us"%)')
  end)

  it("a filter called with a record says true or false", function()
    for _, f in ipairs { china, -china, china * us, china + us, china - us, china * broadsheet.query("date:2016") } do
      for _, name in ipairs(ALL) do
        assert.is_boolean(f(RECORDS[name]))
      end
    end
    assert.equal(true, china(RECORDS.hack))
    assert.equal(false, china(RECORDS.cafe))
  end)

  it("filter.of and filter.compile take filters, functions and query strings", function()
    assert.equal(china, filter.of(china))
    local fn = function() return true end
    assert.is_true(filter.is_filter(filter.of(fn)))
    assert.equal(fn, filter.compile(fn))
    assert.is_function(broadsheet.compile("tag:china"))
    assert.same({ "export", "hack", "iot", "nodate" }, matching(filter.of("tag:china")))
    assert.is_false(filter.is_filter(fn))
    assert.is_false(filter.is_filter("tag:china"))
    assert.error_matches(function() filter.of(nil) end, "got nil")
  end)
end)
