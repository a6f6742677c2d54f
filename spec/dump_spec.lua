-- Whole pages dumped to text: Readability's test pages (../shared/suites/
-- readability) rendered with w3m, lynx and html2text as users run them,
-- parsed, and scored: title, byline and date against expected-metadata.json
-- (of the pages whose metadata has each), the body by the F1 of its 4-word
-- shingles against the text of expected.html (see spec/dump_score.lua).
-- The scores are printed; the floors pin what the page rules reach today.
--
-- The converters are Debian packages: installed with apt-get when running as
-- root, the converter's checks skipped with a message otherwise.
local broadsheet = require "broadsheet"
local score = require "spec.dump_score"
local support = require "spec.support"

local SUITE = support.shared("suites/readability")

-- How each converter is run, on a page at %s (the pages are UTF-8).
local CONVERTERS = {
  { name = "w3m", package = "w3m", command = "w3m -dump -T text/html -I UTF-8 -O UTF-8 -cols 80 %s" },
  { name = "lynx", package = "lynx",
    command = "lynx -dump -nolist -assume_charset=utf-8 -display_charset=utf-8 -width=80 %s" },
  { name = "html2text", package = "html2text", command = "html2text -utf8 %s" },
}

-- What each converter's renderings reach today, less a little: a change to
-- the rules that loses more than that fails here.
local FLOORS = {
  w3m = { title = 0.41, byline = 0.50, date = 0.47, body = 0.845 },
  lynx = { title = 0.44, byline = 0.55, date = 0.44, body = 0.835 },
  html2text = { title = 0.45, byline = 0.51, date = 0.47, body = 0.84 },
}

local function quoted(path)
  return "'" .. path:gsub("'", "'\\''") .. "'"
end

local function have(program)
  return os.execute("command -v " .. program .. " >/dev/null 2>&1") == true
end

-- Installs the converter's package when root; returns whether it is there.
local function ensure(converter)
  if have(converter.name) then return true end
  local uid = io.popen("id -u"):read("l")
  if uid ~= "0" then return false end
  os.execute("DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " .. converter.package .. " >/dev/null 2>&1")
  return have(converter.name)
end

-- Whether a check can run: its corpus there and its converter installed; pending otherwise.
local function ready(converter, corpus, corpus_name)
  if not corpus then
    pending(corpus_name .. " is absent")
    return false
  end
  if not ensure(converter) then
    pending(converter.name .. " is not installed (apt-get install " .. converter.package .. " as root)")
    return false
  end
  return true
end

local pages = SUITE and score.pages(SUITE) or {}
local cache = support.temp_dir() -- the renderings of this run, one folder per converter

local function render(converter)
  local dir = cache .. "/" .. converter.name
  assert(os.execute("mkdir -p " .. quoted(dir)))
  local texts = {}
  for i, page in ipairs(pages) do
    local path = dir .. "/" .. page.name .. ".txt"
    local file = io.open(path, "rb")
    if not file then
      os.execute(converter.command:format(quoted(page.source)) .. " > " .. quoted(path) .. " 2>/dev/null")
      file = assert(io.open(path, "rb"))
    end
    texts[i] = file:read("a")
    file:close()
  end
  return texts
end

describe("page dumps of Readability's test pages #external", function()
  teardown(function() os.execute("rm -rf " .. quoted(cache)) end)

  for _, converter in ipairs(CONVERTERS) do
    it("finds the article in " .. converter.name .. "'s renderings", function()
      if not ready(converter, SUITE, "../shared/suites/readability") then return end
      local records = {}
      for i, text in ipairs(render(converter)) do
        records[i] = broadsheet.parse(text)
      end
      local result = score.records(pages, records)
      print(("\n%s: %d pages, title %.2f, byline %.2f, date %.2f, body F1 %.3f"):format(
        converter.name, #pages, result.title, result.byline, result.date, result.body))
      for key, floor in pairs(FLOORS[converter.name]) do
        assert(result[key] >= floor, ("%s %s %.3f is below its floor %.2f"):format(
          converter.name, key, result[key], floor))
      end
    end)
  end
end)

-- One site's pages: the 20 of iana.warc.gz, rendered like the suite's. A
-- line on half the pages or more is the site's, not the page's.
local IANA = support.shared("corpus/warc/warcs/iana.warc.gz")

local function iana_pages(converter)
  local warc = require "broadsheet.warc"
  local dir = cache .. "/iana-" .. converter.name
  assert(os.execute("mkdir -p " .. quoted(dir)))
  local file, texts = assert(io.open(IANA, "rb")), {}
  warc.each_record(function() return file:read(65536) end, { text = function(body)
    local path = dir .. "/" .. (#texts + 1)
    support.write(path .. ".html", body)
    os.execute(converter.command:format(quoted(path .. ".html")) .. " > " .. quoted(path .. ".txt") .. " 2>/dev/null")
    texts[#texts + 1] = support.read(path .. ".txt")
  end }, { max_bytes = 1 << 26 })
  file:close()
  local kept = {}
  for _, text in ipairs(texts) do
    if text:find("%S") then kept[#kept + 1] = text end
  end
  return kept
end

-- Words of the bodies in paragraphs the site prints on half its pages or more, and the others.
local function site_and_page_words(texts, opts)
  local squeezed, site, own = {}, 0, 0
  for i, text in ipairs(texts) do squeezed[i] = text:gsub("%s+", " ") end
  for _, text in ipairs(texts) do
    for _, para in ipairs(broadsheet.parse(text, opts).body or {}) do
      local printed_on, words = 0, select(2, para:gsub("%S+", ""))
      for _, page_text in ipairs(squeezed) do
        if page_text:find(para, 1, true) then printed_on = printed_on + 1 end
      end
      if printed_on * 2 >= #texts then site = site + words else own = own + words end
    end
  end
  return site, own
end

describe("a site's page dumps with its profile #external", function()
  teardown(function() os.execute("rm -rf " .. quoted(cache)) end)

  for _, converter in ipairs(CONVERTERS) do
    it("keep less of the site's navigation and footer in " .. converter.name .. "'s bodies", function()
      if not ready(converter, IANA, "../shared/corpus/warc/warcs/iana.warc.gz") then return end
      local texts = iana_pages(converter)
      local learner = require("broadsheet.profile").learner()
      for _, text in ipairs(texts) do learner.add(text) end
      local profile = learner.result()
      local site_before, own_before = site_and_page_words(texts)
      local site_after, own_after = site_and_page_words(texts, { site = profile.site, footers = profile.footers })
      print(("\n%s: %d iana pages, %d lines learned; body words the site prints on half its pages: %d without " ..
             "the profile, %d with; the pages' own: %d, %d"):format(converter.name, #texts, #profile.footers,
             site_before, site_after, own_before, own_after))
      assert.is_true(#texts >= 10)
      assert.is_true(site_after <= site_before)
      assert.is_true(own_after >= own_before * 0.98, "the profile cost the pages their own text")
    end)
  end
end)

describe("the scores themselves", function()
  it("give a body F1 of 1 to the expected text and less to part of it", function()
    local text = "one two three four five six seven eight nine ten"
    assert.equal(1, score.shingle_f1(text, text))
    assert.is_true(score.shingle_f1("one two three four five", text) < 0.5)
    assert.equal(0, score.shingle_f1("a b c d e", text))
  end)

  it("take a headline with the site's name after it for the headline", function()
    assert.is_true(score.same_words("Harbour cranes return", "Harbour cranes return | The Harbour Times"))
    assert.is_false(score.same_words("Sign in", "Harbour cranes return | The Harbour Times"))
    assert.is_true(score.same_words("JANE DOE", "By Jane Doe"))
  end)

  it("read the text of an HTML fragment", function()
    assert.equal("a & b", (score.html_text("<p>a &amp; b</p>"):gsub("^%s+", ""):gsub("%s+$", "")))
  end)
end)

-- Pages written for these tests (they are also fuzz_page's seeds).
local function page(name)
  return support.read("csrc/fuzz/corpus/page/" .. name)
end

-- The words of a text that hold a letter or a digit, sorted: separators
-- between a byline and a date ("|", "—") are not kept.
local function alnum_words(words)
  local kept = {}
  for _, word in ipairs(words) do
    if word:find("[%w\128-\255]") then kept[#kept + 1] = word end
  end
  return kept
end

-- A page's navigation, as w3m prints it: enough of it makes a small text a page.
local NAVIGATION = "Skip to main content\nSign in\n\n  • World\n  • Business\n  • Sport\n  • Opinion\n" ..
                   "  • Weather\n  • Travel\n  • Science\n  • Culture\n\n"

describe("a page dump", function()
  it("is read for its headline, byline, date and body, the rest kept as boilerplate", function()
    local record = broadsheet.parse(page("w3m-news"))
    assert.equal("Harbour cranes return to the old docks", record.title)
    assert.equal("Jane Doe and Omar Haddad", record.byline)
    assert.equal("2019-03-04T12:01:00-05:00", record.date)
    assert.equal(3, #record.body)
    assert.matches("^The city council voted on Tuesday", record.body[1])
    assert.matches("^\"They are part of who we are", record.body[3])
    assert.same({ "Skip to main content", "Sign in Subscribe", "• World", "• Business", "• Sport", "• Opinion",
                  "• Weather",
                  "Advertisement", "Related", "• Ferry timetable changes this spring",
                  "• New bridge opens to cyclists", "© 2019 The Harbour Times. All rights reserved." },
                record.boilerplate)
    assert.is_nil(record.warnings)
  end)

  it("is read as a dump when it opens with a tag the converter printed as text", function()
    -- w3m prints a <noscript> image's escaped markup above the page.
    local tag = '<div><img src="https://example.org/p.gif" alt="" /></div>\n\n'
    local plain, tagged = broadsheet.parse(page("w3m-news")), broadsheet.parse(tag .. page("w3m-news"))
    for _, key in ipairs { "title", "byline", "date", "body" } do assert.same(plain[key], tagged[key], key) end
  end)

  it("loses no word of the page", function()
    for _, name in ipairs { "w3m-news", "html2text-blog", "wet-lines" } do
      local text = page(name)
      assert.same(alnum_words(support.text_words(text)), alnum_words(support.record_words(broadsheet.parse(text))),
                  name)
    end
  end)

  it("takes html2text's heading for the headline and joins the lines it wrapped", function()
    local record = broadsheet.parse(page("html2text-blog"))
    assert.equal("Notes on slow bread", record.title)
    assert.equal("2019-04-28T06:01:00", record.date)
    assert.equal(2, #record.body)
    assert.matches("three years now, and the one lesson", record.body[1], 1, true)
  end)

  it("takes the publication date, not the one it was last modified or updated", function()
    local body = "The city council voted on Tuesday to bring two restored cranes back to the old\n" ..
                 "docks, where they stood for most of the last century before the port moved away.\n\n" ..
                 "Supporters say the cranes will draw visitors to the waterfront, while residents\n" ..
                 "worry about the cost of keeping them safe and painted for another fifty years.\n"
    local one_line = NAVIGATION .. "Harbour cranes return\n\n" ..
                     "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST\n\n" .. body
    local record = broadsheet.parse(one_line)
    assert.equal("2019-01-03T02:00:00-05:00", record.date)
    assert.truthy(table.concat(record.boilerplate, "\n"):find("Last modified on Wed 16 Jan 2019", 1, true))
    local two_lines = NAVIGATION .. "Harbour cranes return\n\nUpdated 12:01 PM ET, Mon March 4, 2019\n\n" ..
                      "Published on: March 1, 2019\n\n" .. body
    record = broadsheet.parse(two_lines)
    assert.equal("2019-03-01", record.date)
    assert.equal("Harbour cranes return", record.title)
  end)

  it("reads bylines as pages print them", function()
    local body = "\n\nThe city council voted on Tuesday to bring two restored cranes back to the old\n" ..
                 "docks, where they stood for most of the last century before the port moved away.\n\n" ..
                 "Supporters say the cranes will draw visitors to the waterfront, while residents\n" ..
                 "worry about the cost of keeping them safe and painted for another fifty years.\n"
    local cases = {
      { "By Jane Doe", "Jane Doe" }, { "By Jane Doe and Omar Haddad", "Jane Doe and Omar Haddad" },
      { "Jane Doe, Reuters", "Jane Doe, Reuters" }, { "Par Sébastien Farcis", "Sébastien Farcis" },
      { "Von Anna Schmidt", "Anna Schmidt" }, { "Dan Goodin - Apr 16, 2015 8:02 pm UTC", "Dan Goodin" },
      { "Posted by Jane Doe", "Jane Doe" }, { "By Jane Doe, a deputy editor who covers the docks", "Jane Doe" },
      { "[photo] Jane Doe \u{2022} 8h", "Jane Doe" }, { "Jane Doe 1 day ago", "Jane Doe" },
      { "By_Jane_Doe", "Jane_Doe" }, { "Jane_Doe", "Jane_Doe" },
      { "Par Jeanne Dupont et Omar Haddad", "Jeanne Dupont et Omar Haddad" },
    }
    for _, case in ipairs(cases) do
      local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\n" .. case[1] .. body)
      assert.equal(case[2], record.byline, case[1])
      assert.equal("Harbour cranes return", record.title, case[1])
    end
  end)
end)

-- A page's article, as w3m wraps it at 80 columns.
local ARTICLE = "The city council voted on Tuesday to bring two restored cranes back to the old\n" ..
                "docks, where they stood for most of the last century before the port moved away.\n\n" ..
                "Supporters say the cranes will draw visitors to the waterfront, while residents\n" ..
                "worry about the cost of keeping them safe and painted for another fifty years.\n\n"

describe("a page dump's head and end", function()
  it("finds the date and byline after a standfirst and a caption", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\n" ..
      "Two restored cranes are coming back to the old docks, where they stood for most\n" ..
      "of the last century, and the council says they will draw visitors again.\n\n" ..
      "Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC\n\nBy Jane Doe and Omar Haddad\n\n" .. ARTICLE)
    assert.equal("Harbour cranes return", record.title)
    assert.equal("2024-12-06T22:00:00Z", record.date)
    assert.equal("Jane Doe and Omar Haddad", record.byline)
  end)

  it("takes a name alone beside the date for the byline, and dates as French pages print them", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\nJane Doe\n\n" ..
                                    "Oct 18, 2019 \u{B7} 8 min read\n\n" .. ARTICLE)
    assert.equal("Jane Doe", record.byline)
    assert.equal("2019-10-18", record.date)
    record = broadsheet.parse(NAVIGATION .. "Les grues reviennent au port\n\n" ..
                              "Par Jeanne Dupont \u{2014} 24 novembre 2017 \u{E0} 18:42\n\n" .. ARTICLE)
    assert.equal("Jeanne Dupont", record.byline)
    assert.equal("2017-11-24T18:42:00", record.date)
  end)

  it("reads a date with its lead words, its time apart, or a comment count after it", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\non March 10, 2015 by Jane Doe\n\n" ..
                                    ARTICLE)
    assert.equal("2015-03-10", record.date)
    assert.equal("Jane Doe", record.byline)
    record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\n16 November 2017 \u{2022} 2:15pm\n\n" .. ARTICLE)
    assert.equal("2017-11-16", record.date)
    assert.equal("Harbour cranes return", record.title)
    record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\nJane Doe March 9, 2017 13\n\n" .. ARTICLE)
    assert.equal("2017-03-09", record.date)
    assert.equal("Jane Doe", record.byline)
    record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\nJane Doe\n\n" ..
                              "posted on April 21, 2015, at 11:29 a.m.\n\n" .. ARTICLE)
    assert.equal("2015-04-21T11:29:00", record.date)
    assert.equal("Jane Doe", record.byline)
  end)

  it("reads dates printed in numbers, slashed month first and dotted day first", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\nJane Doe\n9/11/13 10:00AM\n\n" .. ARTICLE)
    assert.equal("2013-09-11T10:00:00", record.date)
    assert.equal("Jane Doe", record.byline)
    record = broadsheet.parse(NAVIGATION .. "Die Kräne kehren zurück\n\n08.04.2015 12:46\n\n" .. ARTICLE)
    assert.equal("2015-04-08T12:46:00", record.date)
  end)

  it("takes the headline, not the standfirst under it, and no feed line lynx prints first", function()
    local record = broadsheet.parse("#Harbour Times (RSS) Harbour Times (Atom)\n\n" .. NAVIGATION ..
      "Harbour cranes return to the old docks\n\nTwo restored cranes come back where they stood for a century\n\n" ..
      "By Jane Doe\n\n" .. ARTICLE)
    assert.equal("Harbour cranes return to the old docks", record.title)
    assert.equal("Jane Doe", record.byline)
    record = broadsheet.parse("#Harbour Times (RSS) Harbour Times (Atom)\n\n" .. NAVIGATION .. ARTICLE)
    assert.is_nil(record.title)
  end)

  it("takes the line lynx prints at the margin for the headline, though a menu line stands nearer the date", function()
    local function indented(text) return (text:gsub("([^\n]+)", "   %1")) end
    local record = broadsheet.parse(indented(NAVIGATION) .. "        Harbour Times for the iPhone\n\n" ..
      "   08.04.2015 12:46\n\nOld giants come home to Harbourside\n\n   [crane.jpeg]\n\n   (Photo: Jane Doe)\n\n" ..
      indented(ARTICLE))
    assert.equal("Old giants come home to Harbourside", record.title)
    assert.equal("2015-04-08T12:46:00", record.date)
  end)

  it("takes the headline above a date, not a sponsor's line above the headline", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour News is sponsored by\n\n" ..
      "Council brings restored cranes back\n\n  \u{2022} 24 July 2015\n\n" .. ARTICLE)
    assert.equal("Council brings restored cranes back", record.title)
  end)

  it("takes the line above the author's name for the headline, and no breadcrumb", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return to the old docks\n\n[photo]\nJane Doe\n" ..
      "Harbour Times\n\nHome > City > Docks\n\nThe harbour from the old crane\n\n" .. ARTICLE)
    assert.equal("Harbour cranes return to the old docks", record.title)
    assert.equal("Jane Doe", record.byline)
  end)

  it("takes the name under a headline the page prints twice", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return to the old docks\n\nJane Doe\n\n" ..
      "  \u{2022} Share\n  \u{2022} Print\n  \u{2022} Email\n  \u{2022} Save\n  \u{2022} Comment\n\n" ..
      "Harbour cranes return to the old docks\n\n" .. ARTICLE)
    assert.equal("Harbour cranes return to the old docks", record.title)
    assert.equal("Jane Doe", record.byline)
  end)

  it("takes a headline that wraps and ends in a quoted question, though it starts the body", function()
    local record = broadsheet.parse(NAVIGATION .. "SHOP NOW >\n\n" ..
      "'Harbour Master Jane Doe: Are There Any Cranes Left That the Council Has Not\nSold?'\n\n" ..
      ARTICLE)
    assert.equal("'Harbour Master Jane Doe: Are There Any Cranes Left That the Council Has Not Sold?'", record.title)
    assert.matches("^The city council voted", record.body[1])
  end)

  it("takes the headline whose words its article tells, not a series name or a caption above it", function()
    local record = broadsheet.parse(NAVIGATION .. "Seascape: the state of our oceans\n\n" ..
      "Council votes to bring restored cranes back to docks\n\nThe old crane at dusk. Photograph: Jane Doe\n\n" ..
      ARTICLE)
    assert.equal("Council votes to bring restored cranes back to docks", record.title)
  end)

  it("does not take a paragraph's first line for the headline when the next block goes on with it", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\n  \u{2022} Print\n  \u{2022} Comment\n\n" ..
      "At the old docks, the council said it had wanted a real conversation with the\n\n" ..
      "residents since 2007, when the last crane was taken down and sold for scrap, and\n" ..
      "the port moved away to the new container terminal down the coast.\n\n" .. ARTICLE)
    assert.equal("Harbour cranes return", record.title)
  end)

  it("takes html2text's heading that wraps over two lines for the headline, without its stars", function()
    local record = broadsheet.parse(NAVIGATION ..
      "****** Harbour cranes return to the old docks, where they stood for most of the\nlast century ******\n\n" ..
      ARTICLE)
    assert.equal("Harbour cranes return to the old docks, where they stood for most of the last century", record.title)
  end)

  it("reads a head line with html2text's no-break spaces and a date in a link's underscores", function()
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\n" ..
      "Dec. 6, 2024, 10:00 PM UTC\u{A0}/\u{A0}Updated Dec. 7, 2024, 12:43 PM UTC\n\nBy Jane Doe\n\n" .. ARTICLE)
    assert.equal("2024-12-06T22:00:00Z", record.date)
    assert.equal("Jane Doe", record.byline)
    record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\nJane Doe\n\nOct_18,_2019 \u{B7} 8 min read\n\n" ..
      ARTICLE)
    assert.equal("2019-10-18", record.date)
    assert.equal("Jane Doe", record.byline)
  end)

  it("ends the article where a run of dated comments starts", function()
    local comments = ""
    for i = 1, 3 do
      comments = comments .. ("Reader %s \u{B7} March %d, 2017 at 12:20 AM\n\n"):format(("ABC"):sub(i, i), i + 9) ..
                 "I have walked past those docks every day for years, and I would love to see the\n" ..
                 "cranes back where they belong, whatever the council ends up paying for them.\n\n"
    end
    local long = ARTICLE:rep(5)
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\nBy Jane Doe\n\n" .. long .. comments)
    assert.equal(10, #record.body)
    assert.truthy(table.concat(record.boilerplate, "\n"):find("I have walked past those docks", 1, true))
  end)

  it("joins a line wrapped between two ideographs without a space", function()
    local sentence = "\u{6E2F}\u{53E3}\u{7684}\u{8D77}\u{91CD}\u{673A}\u{56DE}\u{6765}\u{4E86}\u{3002}" -- 20 columns
    local wrapped = sentence:rep(3) .. "\u{6E2F}\u{53E3}\u{7684}\u{8D77}\n" .. sentence .. "\n\n"
    local record = broadsheet.parse(NAVIGATION .. "Harbour cranes return\n\n" .. ARTICLE .. wrapped .. ARTICLE)
    assert.truthy(table.concat(record.body, "\n"):find("\u{8D77}" .. sentence, 1, true))
  end)

  it("takes a block of the lines a profile learned for boilerplate", function()
    local footer = "Harbour Times, 1 Quay Street, a newspaper of the old docks since the year 1888\n" ..
                   "and of every ferry, crane and warehouse that ever stood along the harbour front.\n\n"
    local text = NAVIGATION .. "Harbour cranes return\n\n" .. ARTICLE .. footer
    assert.truthy(table.concat(broadsheet.parse(text).body, "\n"):find("Quay Street", 1, true))
    local record = broadsheet.parse(text, { footers = {
      "Harbour Times, 1 Quay Street, a newspaper of the old docks since the year 1888",
      "and of every ferry, crane and warehouse that ever stood along the harbour front." } })
    assert.falsy(table.concat(record.body, "\n"):find("Quay Street", 1, true))
    assert.truthy(table.concat(record.boilerplate, "\n"):find("Quay Street", 1, true))
  end)
end)

describe("WET-style text, one line per block", function()
  local seed = support.shared("seed/000_45b1fb54bce00bc4.txt")

  it("of the seed gives the seed's headline, date and paragraphs", function()
    if not seed then
      pending("../shared/seed is absent")
      return
    end
    local text = support.read(seed)
    local clean = broadsheet.parse(text)
    local wet = broadsheet.parse((text:gsub("\n%s*\n+", "\n")))
    assert.is_nil(clean.boilerplate)
    assert.equal(clean.title, wet.title)
    assert.equal(clean.date, wet.date)
    assert.same(clean.body, wet.body)
    assert.same(alnum_words(support.record_words(clean)), alnum_words(support.record_words(wet)))
  end)

  it("of the seed after blank lines, as html2text starts its output, is still one line per block", function()
    if not seed then
      pending("../shared/seed is absent")
      return
    end
    local text = support.read(seed)
    local wet = broadsheet.parse((text:gsub("\n%s*\n+", "\n")))
    local after_blanks = broadsheet.parse("\n\n\n" .. text:gsub("\n%s*\n+", "\n"))
    assert.equal(wet.title, after_blanks.title)
    assert.same(wet.body, after_blanks.body)
    assert.truthy(#after_blanks.body > 1)
  end)

  it("of a page keeps its lines apart", function()
    local record = broadsheet.parse(page("wet-lines"))
    assert.equal("Harbour cranes return to the old docks", record.title)
    assert.equal("2023-06-07T20:54:00Z", record.date)
    assert.equal(2, #record.body)
    assert.same({ "Share this article" }, record.boilerplate)
  end)
end)

describe("articles in the archive layout", function()
  it("never go through the page rules", function()
    local paths = {}
    for path in io.popen("ls examples/archive/*.txt"):lines() do paths[#paths + 1] = path end
    local seed, bbc = support.shared("seed"), support.shared("corpus/bbc")
    if seed then
      for path in io.popen("ls " .. seed .. "/*.txt"):lines() do paths[#paths + 1] = path end
    end
    if bbc then
      for path in io.popen("find " .. bbc .. " -name '*.txt' | sort"):lines() do paths[#paths + 1] = path end
    end
    for _, path in ipairs(paths) do
      local record = broadsheet.parse(support.read(path))
      assert(record.boilerplate == nil, path .. " was read as a page dump")
    end
  end)
end)
