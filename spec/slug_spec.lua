-- core.slug and core.tag_key: the slug and match key of a tag label (SPEC section 3, issue 3).
local core = require "broadsheet.core"

-- Whether s is a well-formed slug: valid UTF-8, 1 to 64 bytes, no dash leading,
-- trailing or doubled (or the "tag-" fallback).
local function well_formed(s)
  return utf8.len(s) ~= nil and #s >= 1 and #s <= 64
    and not s:find("^%-") and not s:find("%-$") and not s:find("%-%-")
end

-- s with every byte outside printable ASCII as \xHH, for test names and messages.
local function show(s)
  return (s:gsub("[^\32-\126]", function(c) return ("\\x%02X"):format(c:byte()) end))
end

describe("core.slug", function()
  -- { label, slug }: an ordered list so that failures come out in the same order every run.
  local cases = {
    -- the examples of issue 3
    { "Straße", "strasse" },
    { "İstanbul", "istanbul" },
    { "Diyarbakır", "diyarbakir" },
    { "ﬁnance", "finance" },
    { "ＦＵＬＬＷＩＤＴＨ", "fullwidth" },
    { "Łódź", "lodz" },
    { "Ærø", "aero" },
    { "x²", "x2" },
    { "Wi\u{2011}Fi", "wi-fi" },
    { "中国", "中国" },
    { "東京 2020", "東京-2020" },
    { "C++", "cpp" },
    { "C#", "csharp" },
    { ".NET", "dotnet" },
    { "AT&T", "at-and-t" },
    { "U.S.", "us" },
    -- Greek: accents go, letters stay (final sigma folds to σ)
    { "Αθήνα", "αθηνα" },
    { "Θεσσαλονίκη", "θεσσαλονικη" },
    { "Ευρωπαϊκή Ένωση", "ευρωπαικη-ενωση" },
    { "Μέση Ανατολή", "μεση-ανατολη" },
    { "Οδυσσεύς", "οδυσσευσ" },
    -- Cyrillic: й, ё and ї are letters of their own and keep their marks
    { "Москва", "москва" },
    { "Йошкар-Ола", "йошкар-ола" },
    { "Санкт-Петербург", "санкт-петербург" },
    { "Київ", "київ" },
    { "Ёж", "ёж" },
    -- Arabic and Hebrew: right-to-left scripts kept as they are
    { "القاهرة", "القاهرة" },
    { "الشرق الأوسط", "الشرق-الأوسط" },
    { "ירושלים", "ירושלים" },
    { "תל אביב", "תל-אביב" },
    -- Indic and Thai: vowel signs and viramas are part of the letters
    { "हिन्दी", "हिन्दी" },
    { "नई दिल्ली", "नई-दिल्ली" },
    { "தமிழ்", "தமிழ்" },
    { "กรุงเทพมหานคร", "กรุงเทพมหานคร" },
    -- Korean stays composed, even from conjoining jamo; Japanese and Chinese as they are
    { "대한민국", "대한민국" },
    { "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}", "한국" },
    { "とうきょう", "とうきょう" },
    { "ｶﾞｲﾄﾞ", "ガイド" },
    { "臺灣", "臺灣" },
    -- Vietnamese, Turkish, Polish, Czech, Nordic, Maori...
    { "Việt Nam", "viet-nam" },
    { "Thành phố Hồ Chí Minh", "thanh-pho-ho-chi-minh" },
    { "Đà Nẵng", "da-nang" },
    { "Şanlıurfa", "sanliurfa" },
    { "Türkiye", "turkiye" },
    { "Wałęsa", "walesa" },
    { "Gdańsk", "gdansk" },
    { "Český Krumlov", "cesky-krumlov" },
    { "Dvořák", "dvorak" },
    { "Þingvellir", "thingvellir" },
    { "Reykjavík", "reykjavik" },
    { "Øresund", "oresund" },
    { "Malmö", "malmo" },
    { "Ångström", "angstrom" },
    { "Œuvre", "oeuvre" },
    { "Māori", "maori" },
    { "Curaçao", "curacao" },
    -- numbers
    { "2024", "2024" },
    { "3.14", "3-14" },
    { "9/11", "9-11" },
    { "G20", "g20" },
    { "COVID-19", "covid-19" },
    { "SARS-CoV-2", "sars-cov-2" },
    { "Web 2.0", "web-2-0" },
    { "Ⅻ", "xii" },
    { "H₂O", "h2o" },
    -- symbols and punctuation
    { "#MeToo", "metoo" },
    { "Google+", "google-plus" },
    { "Disney+", "disney-plus" },
    { "F#", "fsharp" },
    { "C\u{266F}", "csharp" },
    { "Notepad++", "notepadpp" },
    { "C++/CLI", "cpp-cli" },
    { "ASP.NET", "aspnet" },
    { "Node.js", "nodejs" },
    { "O'Reilly", "oreilly" },
    { "O\u{2019}Reilly", "oreilly" },
    { "rock 'n' roll", "rock-n-roll" },
    { "Guns N' Roses", "guns-n-roses" },
    { "Marks & Spencer", "marks-and-spencer" },
    { "Q&A", "q-and-a" },
    { "A.I.", "ai" },
    { "Mr. Robot", "mr-robot" },
    { "Yahoo!", "yahoo" },
    { "...And Justice for All", "and-justice-for-all" },
    { "1990\u{2013}2000", "1990-2000" },
    -- plain English tags
    { "e-commerce", "e-commerce" },
    { "E-Commerce", "e-commerce" },
    { "Internet of Things", "internet-of-things" },
    { "  Black   Friday  ", "black-friday" },
    { "Big_Data", "big-data" },
    { "iPhone 15", "iphone-15" },
    { "K-pop", "k-pop" },
  }

  it("gives the expected slug for " .. #cases .. " labels", function()
    assert.is_true(#cases >= 60)
    for _, case in ipairs(cases) do
      local label, want = case[1], case[2]
      assert.equal(want, core.slug(label), label)
    end
  end)

  it("gives only well-formed slugs", function()
    for _, case in ipairs(cases) do assert.is_true(well_formed(core.slug(case[1])), case[1]) end
  end)

  it("keeps C, C++ and C# apart", function()
    local seen = {}
    for _, label in ipairs { "C", "C++", "C#", "F", "F#", ".NET", "NET" } do
      local slug = core.slug(label)
      assert.is_nil(seen[slug], label .. " collides with " .. tostring(seen[slug]))
      seen[slug] = label
    end
  end)

  it("gives tag- and a stable hash of the key where nothing is left", function()
    assert.equal("tag-57a37a4b", core.slug("🙂"))
    assert.equal("tag-57a37a4b", core.slug(" 🙂 "))
    assert.equal("tag-2d53a722", core.slug("!!!"))
    assert.equal("tag-811c9dc5", core.slug(""))
    -- one key, one tag: the variation selector is ignorable
    assert.equal("tag-afbb3724", core.slug("❤"))
    assert.equal("tag-afbb3724", core.slug("❤\u{FE0F}"))
    assert.not_equal(core.slug("🙂"), core.slug("🙃"))
  end)

  describe("caps 200 KB of one tag at 64 bytes on a character boundary", function()
    it("for ASCII, with no dash left trailing", function()
      local label = ("Internet of Things "):rep(200 * 1024 // 19)
      assert.is_true(#label >= 200 * 1000)
      local slug = core.slug(label)
      assert.equal(64, #slug)
      assert.equal(("internet-of-things-"):rep(4):sub(1, 64), slug)
      assert.is_true(well_formed(slug))
    end)

    it("for é, folded to e", function()
      assert.equal(("e"):rep(64), core.slug(("é"):rep(100 * 1024)))
    end)

    it("for 中 (3 bytes): 21 of them, 63 bytes", function()
      local slug = core.slug(("中"):rep(70 * 1024))
      assert.equal(("中"):rep(21), slug)
      assert.equal(63, #slug)
    end)

    it("for a then ж (2 bytes): 63 bytes, not half a letter", function()
      local slug = core.slug("a" .. ("ж"):rep(100 * 1024))
      assert.equal("a" .. ("ж"):rep(31), slug)
      assert.is_not_nil(utf8.len(slug))
    end)

    it("for words of 𠀀 (4 bytes): 62 bytes, the next dash and letter would not fit", function()
      local slug = core.slug(("𠀀𠀀 "):rep(25 * 1024))
      assert.equal(("𠀀𠀀-"):rep(6) .. "𠀀𠀀", slug)
      assert.equal(62, #slug)
    end)
  end)

  describe("repairs invalid UTF-8 instead of failing", function()
    local repaired = {
      { "caf\xE9 au lait", "caf-au-lait" },
      { "Zürich\xFF", "zurich" },
      { "\xFFZürich", "zurich" },
      { "中\xE4\xB8", "中" },
      { "Zürich\xE4\xB8Bern", "zurich-bern" },
      { "x\x80y", "x-y" },
      { "x\xC0\xAFy", "x-y" },
      { "x\xED\xA0\x80y", "x-y" },
      { "x\xF4\x90\x80\x80y", "x-y" },
      { "a\0b", "a-b" },
      { "\xFF\xFE", "tag-1be81887" },
    }
    for _, case in ipairs(repaired) do
      it(show(case[1]), function()
        local ok, slug = pcall(core.slug, case[1])
        assert.is_true(ok, slug)
        assert.equal(case[2], slug)
      end)
    end

    it("for a thousand labels of random bytes", function()
      local seed = 12345
      local function byte()
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed >> 16 & 0xFF
      end
      for _ = 1, 1000 do
        local bytes = {}
        for k = 1, 1 + byte() % 40 do bytes[k] = string.char(byte()) end
        local label = table.concat(bytes)
        local ok, slug = pcall(core.slug, label)
        assert.is_true(ok, slug)
        assert.is_true(well_formed(slug), show(label) .. " -> " .. show(slug))
        assert.equal(slug, core.slug(label))
      end
    end)
  end)
end)

describe("core.tag_key", function()
  local cases = {
    { "Asia", "asia" },
    { "  Internet   of\tThings \n", "internet of things" },
    { "New\u{A0}York", "new york" },
    { "U.S.", "us" },
    { "U.S. Army", "us army" },
    { "A.I.", "ai" },
    { "C++", "c++" },
    { "C#", "c#" },
    { "C\u{266F}", "c#" },
    { ".NET", ".net" },
    { "AT&T", "at&t" },
    { "O'Reilly", "oreilly" },
    { "O\u{2019}Reilly", "oreilly" },
    { "rock 'n' roll", "rock 'n' roll" },
    { "Web 2.0", "web 2.0" },
    { "Wait...what", "wait...what" },
    { "Straße", "strasse" },
    { "İstanbul", "istanbul" },
    { "Ærø", "aero" },
    { "Crème Brûlée", "creme brulee" },
    { "ＦＵＬＬＷＩＤＴＨ", "fullwidth" },
    { "Wi\u{2011}Fi", "wi-fi" },
    { "東京 2020", "東京 2020" },
    { "Йошкар-Ола", "йошкар-ола" },
    { "❤\u{FE0F}", "❤" },
    { "", "" },
    { "   ", "" },
  }

  it("gives the expected key for " .. #cases .. " labels", function()
    assert.is_true(#cases >= 15)
    for _, case in ipairs(cases) do
      assert.equal(case[2], core.tag_key(case[1]), case[1])
    end
  end)

  it("gives one key to spellings of one tag, and one slug to one key", function()
    local groups = {
      { "U.S.", "US", "u.s.", "U.S" },
      { "O'Reilly", "O\u{2019}Reilly", "O\u{2BC}Reilly", "o'reilly" },
      { "Café", "Cafe\u{301}", "CAFÉ", "Cafe" },
      { "한국", "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}" },
      { "C#", "C\u{266F}", "Ｃ＃" },
    }
    for _, group in ipairs(groups) do
      for i = 2, #group do
        assert.equal(core.tag_key(group[1]), core.tag_key(group[i]), group[i])
        assert.equal(core.slug(group[1]), core.slug(group[i]), group[i])
      end
    end
  end)

  it("does not cap the key, and repairs invalid UTF-8 with U+FFFD", function()
    local label = ("ab "):rep(70 * 1024)
    assert.equal(#label - 1, #core.tag_key(label))
    assert.equal("a\u{FFFD}b", core.tag_key("a\xFFb"))
    assert.error_matches(function() core.tag_key({}) end, "string expected")
  end)
end)

describe("core.slug on plain ASCII labels (its fast path)", function()
  -- What the full folding path gives letters, digits, spaces and hyphens.
  local function reference(label)
    local slug = label:lower():gsub("[ %-]+", "-"):gsub("^%-", ""):gsub("%-$", "")
    if #slug > 64 then slug = slug:sub(1, 64):gsub("%-$", "") end
    return slug
  end

  it("agrees with the folding path on random labels", function()
    local alphabet = { "a", "B", "z", "Q", "0", "9", " ", "-", "  ", "--", " - " }
    local seed = 99
    for _ = 1, 5000 do
      local parts = {}
      seed = (seed * 1103515245 + 12345) % 2147483648
      for i = 1, seed % 40 + 1 do
        seed = (seed * 1103515245 + 12345) % 2147483648
        parts[i] = alphabet[seed % #alphabet + 1]
      end
      local label = table.concat(parts)
      if label:find("%w") then
        assert.equal(reference(label), core.slug(label), label)
        -- The same label with one character outside the fast path's alphabet takes the full path.
        assert.equal(reference(label), core.slug(label .. "!"), label .. "!")
      end
    end
  end)
end)
