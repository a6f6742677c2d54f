-- broadsheet.core as Lua sees it: the functions, their errors, and that it is safe to embed.
local core = require "broadsheet.core"

describe("broadsheet.core", function()
  it("is a table of functions and sets no globals", function()
    local before = {}
    for k in pairs(_G) do before[k] = true end
    package.loaded["broadsheet.core"] = nil
    local fresh = require "broadsheet.core"
    for k in pairs(_G) do assert.is_true(before[k], "new global " .. tostring(k)) end
    assert.is_function(fresh.parse)
    assert.is_function(fresh.parse_date)
    assert.is_function(fresh.slug)
    assert.matches("^%d+%.%d+%.%d+$", fresh.version)
  end)

  it("parse_date normalizes to ISO 8601, or gives nil and a message", function()
    assert.equal("2016-06-14", core.parse_date("Tue 14 Jun 2016"))
    assert.equal("2016-06-14T09:30:00Z", core.parse_date("Tue, 14 Jun 2016 09:30:00 +0000"))
    assert.equal("2016-06-14T08:45:00", core.parse_date("Jun 14, 2016 08:45 AM"))
    assert.equal("2016-06-14T09:30:00-05:00", core.parse_date("2016-06-14T09:30:00-0500"))
    assert.equal("1987-02-26T15:01:01", core.parse_date("26-FEB-1987 15:01:01.79"))
    local iso, why = core.parse_date("31 Feb 2016")
    assert.is_nil(iso)
    assert.equal("impossible date", why)
    iso, why = core.parse_date("June 14, 2016 was a good day")
    assert.is_nil(iso)
    assert.equal("not a date", why)
    assert.error_matches(function() core.parse_date() end, "string expected")
  end)

  it("slug folds case, compatibility forms and accents, and keeps other scripts", function()
    local cases = {
      ["Asia"] = "asia", ["Internet of Things"] = "internet-of-things", ["Straße"] = "strasse",
      ["İstanbul"] = "istanbul", ["ﬁnance"] = "finance", ["ＦＵＬＬＷＩＤＴＨ"] = "fullwidth",
      ["x²"] = "x2", ["Wi‑Fi"] = "wi-fi", ["中国"] = "中国", ["東京 2020"] = "東京-2020",
      ["Café au lait"] = "cafe-au-lait", ["Москва"] = "москва",
    }
    for label, slug in pairs(cases) do assert.equal(slug, core.slug(label), label) end
  end)

  it("slugs a character the same whatever was slugged before (the fold cache)", function()
    -- Each character's fold is cached on first sight; a character that joins
    -- the one before (a combining accent, a Hangul vowel) must not be.
    local cases = {
      { "Café", "cafe" }, { "Cafe\u{301}", "cafe" }, { "e\u{301}\u{323}", "e" },
      { "й", "й" }, { "и\u{306}", "й" }, { "한국", "한국" }, { "\u{1112}\u{1161}\u{11AB}", "한" },
      { "ᄒ'ᅡ", "하" }, { "हिन्दी", "हिन्दी" }, { "ǅemal", "dzemal" }, { "½ price", "1-2-price" },
    }
    for round = 1, 3 do
      for i = round % 2 == 1 and 1 or #cases, round % 2 == 1 and #cases or 1, round % 2 == 1 and 1 or -1 do
        local label, slug = cases[i][1], cases[i][2]
        assert.equal(slug, core.slug(label), label .. " in round " .. round)
        assert.equal(core.tag_key(label), core.tag_key(core.tag_key(label)), label)
      end
    end
  end)

  it("words folds text to its words for whole-word search", function()
    assert.equal("china s u s cafe quoted 中国 2020 x2", core.words("China's U.S. café—“quoted” 中国 ２０２０ x²"))
    assert.equal("", core.words(" … !!! "))
    assert.equal(string.rep("word ", 100000):sub(1, -2), core.words(string.rep("Word, ", 100000)))
  end)

  it("width counts the columns a terminal gives text", function()
    assert.equal(7, core.width("tag:abc"))
    assert.equal(4, core.width("中国"))
    assert.equal(4, core.width("Cafe\u{301}"))
    assert.equal(0, core.width(""))
    assert.equal(2, core.width("a\255"), "an invalid byte takes one column")
    assert.error_matches(function() core.width() end, "string expected")
  end)

  it("words of ASCII text are its runs of letters and digits, lowered, one space apart", function()
    -- Random ASCII (a fixed sequence), against the rule written out in Lua:
    -- core.words folds ASCII without branching on the bytes, so check every kind.
    local state = 12345
    local function rand(n)
      state = (state * 1103515245 + 12345) % 2147483648
      return state % n
    end
    for _ = 1, 500 do
      local bytes = {}
      for i = 1, rand(1200) do bytes[i] = string.char(rand(128)) end
      local text = table.concat(bytes)
      local want = {}
      for word in text:gmatch("%w+") do want[#want + 1] = word:lower() end
      assert.equal(table.concat(want, " "), core.words(text), ("%q"):format(text))
    end
  end)

  it("has_words finds words on word boundaries, as a search of core.words' text would", function()
    assert.is_true(core.has_words("China's trade-war talks", "trade war"))
    assert.is_true(core.has_words("CAFÉ society", "cafe"))
    assert.is_false(core.has_words("trader wars", "trade war"))
    assert.is_false(core.has_words("a cybersecurity firm", "cyber"))
    assert.is_true(core.has_words("a cybersecurity firm", "cyber", true))
    assert.is_false(core.has_words("anything", ""))
    assert.is_false(core.has_words("", "a"))
    -- Random text from a few words, separators and accents, against the
    -- plain search of core.words' text; needles longer than 128 bytes too.
    -- ASCII texts take a shortcut (a scan for the first word), so half are ASCII.
    local all_pieces = {
      { "trade", "war", "tra", "de", "café", "Cafe", "中国", " ", ", ", "’", "\n", "!", "1", "x" },
      { "Trade", "WAR", "tra", "dE", "2016", "16", " ", ",", "-", "\n", "\17", "x1", "_" },
    }
    local pieces
    local state = 777
    local function rand(n)
      state = (state * 1103515245 + 12345) % 2147483648
      return state % n + 1
    end
    local function random_text(count)
      local t = {}
      for i = 1, count do t[i] = pieces[rand(#pieces)] end
      return table.concat(t)
    end
    for round = 1, 800 do
      pieces = all_pieces[round % 2 + 1]
      local text, needle = random_text(rand(300)), core.words(random_text(round % 10 == 0 and 80 or rand(6)))
      local prefix = round % 3 == 0
      local framed = " " .. needle .. (prefix and "" or " ")
      local want = needle ~= "" and (" " .. core.words(text) .. " "):find(framed, 1, true) ~= nil
      assert.equal(want, core.has_words(text, needle, prefix), ("%q in %q"):format(needle, text))
    end
  end)

  it("squeezed_lines gives the filled lines of raw text, squeezed, false where too long", function()
    local text = "Masthead\n\n  Send  us\ta tip \r\n \t\v\f\r\n" .. ("long "):rep(20) .. "\nLast"
    assert.same({ "Masthead", "Send us a tip", false, "Last" }, core.squeezed_lines(text, 1, 40))
    -- Only ASCII white space is blank or squeezed, as Lua's %s.
    assert.same({ "a\xC2\xA0 b" }, core.squeezed_lines("\n a\xC2\xA0  b \n", 1, 40))
    -- From byte 3 on: the piece starts inside "Masthead", which counts as a line.
    assert.same({ "sthead", "Send us a tip", false, "Last" }, core.squeezed_lines(text, 3, 40))
    -- With last, the last lines of the piece, never its first one.
    assert.same({ false, "Last" }, core.squeezed_lines(text, 3, 40, 2))
    assert.same({ "Send us a tip", false, "Last" }, core.squeezed_lines(text, 3, 40, 5))
    assert.same({}, core.squeezed_lines("only line", 1, 40, 3))
    assert.same({}, core.squeezed_lines(text, #text + 5, 40))
    assert.error_matches(function() core.squeezed_lines(text, 0, 40) end, "at least 1")
    assert.error_matches(function() core.squeezed_lines(text, 1, -1) end, "at least 0")
  end)

  it("segment_line gives the best reading of a tag line as tags, in order when asked", function()
    local stopwords = { ["and"] = "joining", the = "leading" }
    local known = { ["Machine Learning"] = 9, Machine = 5, Learning = 7, Europe = 3 }
    local function known_count(label) return known[label] end
    local opens = { machine = true }
    local labels, score, wrong = core.segment_line("Machine  Learning\tEurope", false, 4, 500, stopwords, opens,
      known_count)
    assert.same({ "Machine Learning", "Europe" }, labels)
    assert.near(2 * 2 + 0.1 * math.log(10) + 1 + 0.1 * math.log(4), score, 1e-12)
    assert.equal(1, wrong) -- "europe" sorts before "machine learning"
    -- A stop word joins its neighbours into one tag.
    assert.same({ "Bosnia and Herzegovina" },
      (core.segment_line("Bosnia and Herzegovina", false, 4, 500, stopwords, {}, known_count)))
    -- Words out of order in a sorted line are one tag; in order, two.
    assert.same({ "zealand new" }, (core.segment_line("zealand new", true, 4, 500, {}, {}, known_count)))
    assert.same({ "new", "zealand" }, (core.segment_line("new zealand", true, 4, 500, {}, {}, known_count)))
    -- Nothing that could join: the words as they stand, and no score.
    labels, score = core.segment_line(" a b  c ", false, 4, 500, {}, {}, known_count)
    assert.same({ "a", "b", "c" }, labels)
    assert.is_nil(score)
    -- Longer than longest_line: the same.
    labels, score = core.segment_line("and and and", false, 4, 2, stopwords, {}, known_count)
    assert.same({ "and", "and", "and" }, labels)
    assert.is_nil(score)
    -- In order, words out of order that may not be joined leave no reading.
    assert.is_nil(core.segment_line("b a", true, 1, 500, {}, {}, known_count))
    -- Words too long for the stack's workspace take a buffer, and leave nothing behind.
    local long = ("é"):rep(3000)
    labels, score = core.segment_line(long .. " and " .. long, false, 4, 500, stopwords, { [long] = true },
      known_count)
    assert.same({ long .. " and " .. long }, labels)
    assert.is_number(score)
    assert.equal(("e"):rep(3000), core.sort_key(long))
    assert.equal("sao paulo", core.sort_key("São Paulo"))
    assert.equal("u.s.", core.sort_key("U.S."))
    assert.error_matches(function() core.segment_line("a", false, 0, 500, {}, {}, known_count) end,
      "must be from 1 to 1000")
    assert.error_matches(function() core.segment_line("a b", false, 4, 500, {}, { a = true }, error) end, "a")
  end)

  it("never gives an empty slug", function()
    for _, label in ipairs { "", "!!!", "🙂", "   " } do
      assert.matches("^tag%-%x%x%x%x%x%x%x%x$", core.slug(label))
    end
    assert.equal(core.slug("🙂"), core.slug("🙂"))
    assert.not_equal(core.slug("🙂"), core.slug("!!!"))
  end)

  it("raises clear errors for bad arguments", function()
    assert.error_matches(function() core.parse() end, "string expected")
    assert.error_matches(function() core.parse("x", 5) end, "table expected")
    assert.error_matches(function() core.slug({}) end, "string expected")
  end)

  it("does not leak or break when a parse is interrupted by a Lua error", function()
    -- Memory errors inside the binding are Lua errors: the state stays usable.
    for _ = 1, 50 do
      assert.is_false(pcall(core.parse, "x", { footers = { "a", false } }))
    end
    assert.equal("Headline", core.parse("Headline\n\nBody.").title)
  end)
end)
