-- export -f sqlite and queries on the database: the schema, the FTS index,
-- and the same articles as the same query on the folder, for every clause kind.
local broadsheet = require "broadsheet"
local formats = require "broadsheet.formats"
local query = require "broadsheet.query"
local sqlite_paths = require "broadsheet.sqlite_paths"
local support = require "spec.support"

local BIN = "lua5.4 bin/broadsheet"

local function ids(next_record)
  local list = {}
  for record in next_record do list[#list + 1] = record.id end
  return list
end

local function folder_ids(records, text)
  local f = query.compile(text)
  local list = {}
  for _, record in ipairs(records) do
    if f(record) then list[#list + 1] = record.id end
  end
  return list
end

local function db_ids(path, text)
  return ids(sqlite_paths.archive(path, assert(query.tree(text))):each())
end

local function sqlite(path, statement)
  local out, err, status = support.run(("sqlite3 %q %q"):format(path, statement))
  assert(status == 0, err)
  return out
end

local function export(records, path)
  local i = 0
  return formats.export("sqlite", function() i = i + 1 return records[i] end, path)
end

local function record(n, fields)
  fields.id = ("%016x"):format(n)
  return fields
end

-- Records with what the examples lack: dates with a time, by month, none;
-- no word count; a phrase split over two paragraphs; accents and CJK.
local ODD = {
  record(1, { title = "Chinese hackers stole trade secrets, US says", date = "2016-06-14", site = "The Stack Archive",
    byline = "Jane Doe", words = 620, tags = { "asia", "china", "us" }, tag_labels = { "Asia", "China", "US" },
    body = { "Prosecutors say hackers stole trade secrets from a cyber-security firm." } }),
  record(2, { title = "Café owners fight rent rises", date = "2016-07-02T09:30:00Z", site = "The Stack Archive",
    byline = "Zoë Martin", words = 80, tags = { "uk" }, tag_labels = { "UK" },
    body = { "“Cafe culture is dying,” said one owner." } }),
  record(3, { title = "Cybersecurity for the internet of things", date = "2016-11", site = "Bugle Daily",
    tags = { "china", "internet-of-things" }, tag_labels = { "china", "internet of things" },
    body = { "Smart meters ship with default passwords. Trade", "secrets are next." } }),
  record(4, { title = "中国 rules on data", site = "Bugle Daily", words = 40, tags = { "中国" },
    body = { "Undated: the 中国 regulator drafts rules.", "A second paragraph." }, warnings = { "no date found" } }),
  record(5, { title = "Old news", date = "2015", words = 501, url = "https://example.org/old", lang = "en",
    body = {} }),
}

local QUERIES = {
  "security", "data*", '"trade secrets"', '"trade sec*"', "cyber*", "cafe", "中国", "TRADE",
  "tag:china", "tag:USA", 'tag:"internet of things"', "tag:中国", "tag:europe", "tag:nothing-like-it",
  "site:stack", "site:bugle", 'site:"stack archive"',
  "title:cafe", "title:rules", "byline:zoe", 'byline:"jane doe"', "text:passwords",
  "date:2016", "date:2016-06", "date:2016-06-14", "date:2016-06..2016-07", "date:2015..2016-06-30",
  "date:>=2016-07", "date:>2016-06", "date:<2016-07", "date:<=2016-06", "date:>2016", "date:2016-11",
  "words:>500", "words:>=501", "words:<100", "words:<=80", "words:40..80", "words:0", "words:620",
  "id:0000000000000001", "id:0000000000000003",
  "-tag:china", "NOT date:2016", "-words:>100", "-title:cafe",
  "tag:china OR tag:uk", "tag:china security", "(tag:china OR site:bugle) -date:2016-11",
  "NOT (tag:china OR tag:us) words:<1000", "tag:us AND words:>500 OR date:2015",
  "((tag:china)) OR (title:old (words:>500))", "secrets -trade",
}

describe("export -f sqlite", function()
  local dir, db, records
  setup(function()
    dir = support.temp_dir()
    db = dir .. "/archive.db"
    local _, err, status = support.run(("%s export -f sqlite -o %q examples/archive"):format(BIN, db))
    assert(status == 0, err)
    records = broadsheet.open("examples/archive", { profile = true }):collect()
    for _, r in ipairs(ODD) do records[#records + 1] = r end
    export(ODD, db)
  end)
  teardown(function() os.execute(("rm -rf %q"):format(dir)) end)

  it("writes the versioned schema", function()
    assert.equal("2\n", sqlite(db, "PRAGMA user_version"))
    local tables = sqlite(db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%' ORDER BY name")
    assert.equal("article_tags\narticles\nsearch\ntags\n", tables)
    assert.matches("USING fts5 %(title, body, site, byline, tags",
      sqlite(db, "SELECT sql FROM sqlite_master WHERE name = 'search'"))
    local columns = sqlite(db, "SELECT group_concat(name, ' ') FROM pragma_table_info('articles')")
    for _, key in ipairs { "id", "site", "title", "date", "date_text", "byline", "caption", "url", "lang",
                           "description", "fetched", "footer", "source", "words", "body", "warnings" } do
      assert.matches("%f[%w]" .. key .. "%f[^%w_]", columns)
    end
    assert.matches("articles_date", sqlite(db, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'index'"))
  end)

  it("keeps every article, its body as paragraphs with blank lines between, and its tags", function()
    assert.equal(#records .. "\n", sqlite(db, "SELECT count(*) FROM articles"))
    local first = records[1]
    local body = sqlite(db, ("SELECT body FROM articles WHERE id = '%s'"):format(first.id))
    assert.equal(table.concat(first.body, "\n\n") .. "\n", body)
    assert.equal(table.concat(first.tags, ",") .. "\n", sqlite(db, ("SELECT group_concat(slug) FROM (SELECT slug"
      .. " FROM article_tags JOIN articles ON key = article WHERE id = '%s' ORDER BY article_tags.position)")
      :format(first.id)))
    assert.equal("China\n", sqlite(db, "SELECT label FROM tags WHERE slug = 'china'"))
  end)

  it("indexes each article's title, paragraphs and tags in FTS5", function()
    assert.equal("1\n", sqlite(db, [[SELECT count(*) FROM search WHERE search MATCH 'title : "cafe owners"']]))
    -- A tag is one token, its slug in hexadecimal: "internet-of-things" is
    -- not the words "internet of things", nor "中国" a word of the text.
    local tagged = sqlite(db, "SELECT count(*) FROM article_tags WHERE slug = 'internet-of-things'")
    assert.not_equal("0\n", tagged)
    assert.equal(tagged, sqlite(db, ([[SELECT count(*) FROM search WHERE search MATCH 'tags : "%s"']])
      :format(require("broadsheet.database").tag_token("internet-of-things"))))
    assert.equal("0\n", sqlite(db, [[SELECT count(*) FROM search WHERE search MATCH 'tags : "internet"']]))
    -- "Trade" ends one paragraph and "secrets" starts the next: no phrase there.
    assert.equal("1\n",
      sqlite(db, [[SELECT count(*) FROM search WHERE search MATCH '"trade secrets"']]))
  end)

  it("answers each query with the articles the folder's filters find, in order", function()
    local sizes = {}
    for _, text in ipairs(QUERIES) do
      local expected = folder_ids(records, text)
      assert.same(expected, db_ids(db, text), text)
      sizes[#expected] = true
    end
    -- The set tells queries apart: some match none, one, several, nearly all.
    assert.is_true(sizes[0] and sizes[1] and sizes[2] and sizes[#records - 1] and true)
  end)

  it("gives back the records as they were", function()
    local back = sqlite_paths.archive(db):collect()
    local by_id = {}
    for _, r in ipairs(back) do by_id[r.id] = r end
    for _, r in ipairs(records) do assert.same(r, by_id[r.id]) end
  end)

  it("makes `broadsheet query` on the database print what it prints on the folder", function()
    for _, text in ipairs { "security", "tag:europe date:2016", "words:>150 OR site:stack", "-tag:security" } do
      local on_db, err = support.run(("%s query --json -- %q %q"):format(BIN, text, db))
      local on_dir = support.run(("%s query --json -- %q examples/archive"):format(BIN, text))
      assert.equal("", err)
      -- the database also holds ODD's records: compare the examples' lines
      local kept = {}
      for line in on_db:gmatch("[^\n]+\n") do
        if line:find('"source":"examples/archive/', 1, true) then kept[#kept + 1] = line end
      end
      assert.equal(on_dir, table.concat(kept), text)
    end
  end)

  it("lists, sorted or not, the articles the folder lists", function()
    local examples = {}
    for _, r in ipairs(records) do
      if r.source and r.source:find("^examples/archive/") then examples[r.id] = true end
    end
    for _, options in ipairs { "", "--sort words", "--sort title --reverse --limit 40", "--sort source" } do
      for _, text in ipairs { "security", "tag:europe date:2016", "-tag:security" } do
        local on_db, err = support.run(("%s query %s -- %q %q"):format(BIN, options, text, db))
        local on_dir = support.run(("%s query %s -- %q examples/archive"):format(BIN, options, text))
        assert.equal("", err)
        local kept = {}
        for line in on_db:gmatch("[^\n]+\n") do
          if examples[line:match("^%S+%s+(%x+)")] then kept[#kept + 1] = line end
        end
        assert.truthy(on_dir:find("\n", 1, true), text .. " lists articles")
        assert.equal(on_dir, table.concat(kept), options .. " " .. text)
      end
    end
  end)

  it("gives back more records than one fetch reads, whole and in order", function()
    local copy = dir .. "/many.db"
    local many = {}
    for n = 1, 700 do
      many[n] = record(1000 + n, { title = "Item " .. n, words = n, tags = { n % 2 == 0 and "even" or "odd" },
        body = { "Paragraph one of " .. n .. ".", "Paragraph two." } })
    end
    export(many, copy)
    assert.same(many, sqlite_paths.archive(copy):collect())
    for _, text in ipairs { "tag:even", "words:>300 -tag:odd", "item" } do
      assert.same(folder_ids(many, text), db_ids(copy, text), text)
    end
  end)

  it("gives back empty paragraphs, and a body of one empty paragraph as none", function()
    local copy = dir .. "/paragraphs.db"
    local odd = record(7, { title = "Gaps", body = { "", "first", "", "", "last", "" } })
    export({ odd, record(8, { title = "Blank", body = { "" } }) }, copy)
    local back = sqlite_paths.archive(copy):collect()
    assert.same(odd.body, back[1].body)
    assert.same({}, back[2].body)
  end)

  it("reads a database exported with --aliases and --vocabulary as the folder read with them", function()
    local aliases = dir .. "/aliases.lua"
    support.write(aliases, 'return { europe = { "old-continent" }, ["artificial-intelligence"] = { "ai" } }\n')
    local options = ("--aliases %q --vocabulary examples/vocabulary.lua"):format(aliases)
    local aliased = dir .. "/aliased.db"
    local _, export_err, status = support.run(("%s export -f sqlite -o %q %s examples/archive"):format(BIN, aliased,
      options))
    assert(status == 0, export_err)
    for _, text in ipairs { "tag:old-continent", "tag:ai", 'tag:"artificial intelligence"', 'tag:"machine learning"',
                            "tag:old-continent -tag:ai", "NOT tag:ai", 'tag:"data centres" OR tag:ai' } do
      local on_dir = support.run(("%s query --json %s -- %q examples/archive"):format(BIN, options, text))
      local on_db, err = support.run(("%s query --json %s -- %q %q"):format(BIN, options, text, aliased))
      assert.equal("", err)
      assert.truthy(on_dir:find('"id"', 1, true), text .. " finds articles in the folder")
      assert.equal(on_dir, on_db, text)
    end
    -- and counts its tags as the folder's, labels and all
    local tags_db, tags_err = support.run(("%s tags %s %q"):format(BIN, options, aliased))
    assert.equal("", tags_err)
    assert.equal(support.run(("%s tags %s examples/archive"):format(BIN, options)), tags_db)
    local _, bad, bad_status = support.run(("%s query tag:ai --aliases %q %q"):format(BIN, dir .. "/none.lua", aliased))
    assert.equal(2, bad_status)
    assert.matches("none.lua", bad)
  end)

  it("reports a malformed query with the same message and caret as on a folder", function()
    local _, on_db, status = support.run(("%s query 'tag:china (x' %q"):format(BIN, db))
    local _, on_dir = support.run(BIN .. " query 'tag:china (x' examples/archive")
    assert.equal(2, status)
    assert.equal(on_dir, on_db)
    assert.matches("column 13: expected '%)'\ntag:china %(x\n            %^", on_db)
  end)

  it("updates articles by id when exported again", function()
    local copy = dir .. "/again.db"
    export(ODD, copy)
    local changed = {}
    for k, v in pairs(ODD[2]) do changed[k] = v end
    changed.title, changed.tags, changed.tag_labels = "Café owners win", { "wales" }, { "Wales" }
    export({ changed }, copy)
    assert.equal(#ODD .. "\n", sqlite(copy, "SELECT count(*) FROM articles"))
    assert.same({ changed.id }, db_ids(copy, "title:win tag:wales"))
    assert.same({}, db_ids(copy, "title:fight"))
    assert.same({}, db_ids(copy, "tag:uk"))
  end)

  it("leaves the old database as it was when an export fails", function()
    local copy = dir .. "/kept.db"
    export(ODD, copy)
    local before = support.read(copy)
    local bad = { ODD[1], record(9, { title = "broken", words = "many" }) }
    local ok, err = pcall(export, bad, copy)
    assert.is_false(ok)
    assert.matches("words must be a whole number", err)
    assert.equal(before, support.read(copy))
    local fresh = dir .. "/never.db"
    assert.is_false(pcall(export, bad, fresh))
    assert.is_nil(io.open(fresh))
  end)

  it("refuses a file that is not an archive database, leaving it alone", function()
    local path = dir .. "/notes.db"
    support.write(path, "my notes\n")
    local _, err, status = support.run(("%s export -f sqlite -o %q examples/archive"):format(BIN, path))
    assert.equal(1, status)
    assert.matches("notes.db: .*not a database", err)
    assert.equal("my notes\n", support.read(path))
    sqlite(dir .. "/other.db", "CREATE TABLE t (x); PRAGMA user_version = 7")
    local _, other_err = support.run(("%s query security %q"):format(BIN, dir .. "/other.db"))
    assert.matches("schema version 7, this broadsheet reads version 2", other_err)
  end)

  it("upgrades a database of schema version 1 when exporting into it, and says so to readers", function()
    local old = dir .. "/version1.db"
    export(ODD, old)
    -- Version 1 is version 2 without the tags in the search table.
    sqlite(old, [[CREATE VIRTUAL TABLE s1 USING fts5 (title, body, site, byline, tokenize = 'ascii');
      INSERT INTO s1 (rowid, title, body, site, byline) SELECT rowid, title, body, site, byline FROM search;
      DROP TABLE search; ALTER TABLE s1 RENAME TO search; PRAGMA user_version = 1]])
    local _, err, status = support.run(("%s query tag:china %q"):format(BIN, old))
    assert.equal(1, status)
    assert.matches("schema version 1, this broadsheet reads version 2; an export into it", err)
    export({ record(6, { title = "New in China", tags = { "china" }, body = { "Added." } }) }, old)
    assert.equal("2\n", sqlite(old, "PRAGMA user_version"))
    assert.same({ ODD[1].id, ODD[3].id, ("%016x"):format(6) }, db_ids(old, "tag:china"))
    assert.same({ ODD[1].id }, db_ids(old, "tag:china secrets -tag:internet-of-things"))
  end)

  it("answers a query of thousands of tags and words", function()
    local many_or = ("tag:nothing OR cafe OR "):rep(2000) .. "tag:uk"
    assert.same(folder_ids(records, many_or), db_ids(db, many_or))
    local many_and = ("tag:china secrets "):rep(2000)
    assert.same(folder_ids(records, many_and), db_ids(db, many_and))
  end)

  it("needs -o", function()
    local _, err, status = support.run(BIN .. " export -f sqlite examples/archive")
    assert.equal(2, status)
    assert.matches("the sqlite format needs %-o FILE", err)
  end)
end)
