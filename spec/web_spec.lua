-- broadsheet.web without a server: routes, paging, snippets, parameters,
-- methods, and the mod_magnet adaptor against a stand-in `lighty` table.
local formats = require "broadsheet.formats"
local support = require "spec.support"
local web = require "broadsheet.web"

local function record(n, fields)
  fields.id = ("%016x"):format(n)
  fields.date = fields.date or ("2016-01-%02d"):format(n)
  fields.words = fields.words or 10 * n
  return fields
end

describe("broadsheet.web", function()
  local dir, db
  setup(function()
    dir = support.temp_dir()
    db = dir .. "/web.db"
    local records = {}
    for n = 1, 25 do
      records[n] = record(n, { title = "Report number " .. n, tags = { "reports" }, tag_labels = { "Reports" },
        body = { "An opening paragraph.", n == 7 and "The lighthouse keeper spoke." or "Nothing here." } })
    end
    records[26] = record(26, { title = "中国" .. ("长"):rep(300), body = { ("长"):rep(300) }, date = "2016-02-01" })
    local i = 0
    formats.export("sqlite", function() i = i + 1 return records[i] end, db)
  end)
  teardown(function() os.execute(("rm -rf %q"):format(dir)) end)

  local function get(path, query_string) return web.respond(db, "GET", path, query_string) end

  it("decodes query strings: + and %XX, the first of a repeated key", function()
    assert.same({ q = "tag:us OR a+b", page = "2" }, web.parameters("q=tag%3Aus+OR+a%2Bb&page=2&q=other"))
    assert.same({ q = "" }, web.parameters("q="))
    assert.same({}, web.parameters(nil))
  end)

  it("pages results, newest first", function()
    local status, _, first = get("/search", "q=report")
    assert.equal(200, status)
    assert.matches("<h1>25 results for <q>report</q></h1>", first, 1, true)
    assert.equal(web.PAGE_SIZE, select(2, first:gsub("<li>", "")))
    assert.matches("page 1 of 2", first, 1, true)
    assert.matches('<a rel="next" href="/search?q=report&amp;page=2">', first, 1, true)
    assert.is_true(first:find("Report number 25", 1, true) < first:find("Report number 24", 1, true))
    local _, _, second = get("/search", "q=report&page=2")
    assert.equal(25 - web.PAGE_SIZE, select(2, second:gsub("<li>", "")))
    assert.matches('<a rel="prev" href="/search?q=report&amp;page=1">', second, 1, true)
    assert.matches("page 1 of 2", (select(3, get("/search", "q=report&page=oops"))), 1, true)
    assert.matches("No articles.", (select(3, get("/search", "q=report&page=99"))), 1, true)
    assert.matches("page 2 of 2", (select(3, get("/tag/reports", "page=2"))), 1, true)
  end)

  it("lists what it does not count in full the same, newest first, and says more than it counted", function()
    local function listed(body)
      local ids = {}
      for id in body:gmatch('<a class="title" href="/article/(%x+)">') do ids[#ids + 1] = id end
      return ids
    end
    -- "opening" and "paragraph" are in the same 25 articles: two queries, so that neither is cached.
    local counted = { select(3, get("/search", "q=opening")), select(3, get("/search", "q=opening&page=2")) }
    -- and a clause read from the rows (word counts), asked in two spellings
    local by_words = { select(3, get("/search", "q=words:>0")), select(3, get("/search", "q=words:>0&page=2")) }
    local database = require "broadsheet.database"
    local most = database.MOST_COUNTED
    database.MOST_COUNTED = 10
    local ok, err = pcall(function()
      local first, second = select(3, get("/search", "q=paragraph")), select(3, get("/search", "q=paragraph&page=2"))
      assert.same(listed(counted[1]), listed(first))
      assert.same(listed(counted[2]), listed(second))
      local words_first, words_second = select(3, get("/search", "q=words:>=1")),
        select(3, get("/search", "q=words:>=1&page=2"))
      assert.same(listed(by_words[1]), listed(words_first))
      assert.same(listed(by_words[2]), listed(words_second))
      assert.matches("<h1>more than 10 results for <q>words:&gt;=1</q></h1>", words_first, 1, true)
      assert.equal(web.PAGE_SIZE, #listed(first))
      assert.matches("<h1>more than 10 results for <q>paragraph</q></h1>", first, 1, true)
      assert.matches('page 1 <a rel="next" href="/search?q=paragraph&amp;page=2">older →</a></nav>', first, 1, true)
      assert.matches('page 2</nav>', second, 1, true)
      local few = select(3, get("/search", "q=date:2016-01-20..2016-01-23"))
      assert.matches("<h1>4 results for <q>date:2016-01-20..2016-01-23</q></h1>", few, 1, true)
      assert.matches("page 1 of 1</nav>", few, 1, true)
    end)
    database.MOST_COUNTED = most
    assert(ok, err)
  end)

  it("shows the paragraph a text term matched as the snippet", function()
    local _, _, body = get("/search", "q=lighthouse")
    assert.matches("<p>The lighthouse keeper spoke.</p>", body, 1, true)
    local _, _, plain = get("/search", "q=date:2016-01-03")
    assert.matches("<p>An opening paragraph.</p>", plain, 1, true)
  end)

  it("cuts a long snippet between characters", function()
    local _, _, body = get("/search", "q=date:2016-02")
    local snippet = body:match("<p>([^<]-) …</p>")
    assert.equal(("长"):rep(79), snippet)
  end)

  it("sees what an export adds while it serves, cached pages and counts too", function()
    assert.matches("0 results", (select(3, get("/search", "q=zeppelin"))), 1, true)
    assert.matches("26 articles", (select(3, get("/", ""))), 1, true)
    formats.export("sqlite", function() end, db) -- an export that changes nothing changes nothing
    local added = { record(27, { title = "Zeppelin returns", body = { "A zeppelin." } }) }
    local i = 0
    formats.export("sqlite", function() i = i + 1 return added[i] end, db)
    assert.matches("1 result for", (select(3, get("/search", "q=zeppelin"))), 1, true)
    assert.matches("27 articles", (select(3, get("/", ""))), 1, true)
  end)

  it("treats a blank query as the home page", function()
    local _, _, body = get("/search", "q=++")
    assert.matches("%d+ articles", body)
  end)

  it("answers HEAD like GET and refuses other methods", function()
    assert.equal(200, (web.respond(db, "HEAD", "/", "")))
    local status, headers = web.respond(db, "POST", "/", "")
    assert.equal(405, status)
    assert.equal("GET, HEAD", headers.Allow)
  end)

  it("answers a mod_magnet request through lighty.r", function()
    local response = { headers = {} }
    local lighty = { r = {
      req_attr = { ["request.method"] = "GET", ["uri.path"] = "/article/0000000000000007", ["uri.query"] = nil },
      resp_header = response.headers,
      resp_body = { set = function(_, parts) response.body = table.concat(parts) end },
    } }
    assert.equal(200, web.magnet(lighty, db))
    assert.equal("text/html; charset=utf-8", response.headers["Content-Type"])
    assert.matches("<h1>Report number 7</h1>", response.body, 1, true)
  end)

  it("gives the visitor a bare 500 when the database cannot be read", function()
    local response = { headers = {} }
    local lighty = { r = {
      req_attr = { ["request.method"] = "GET", ["uri.path"] = "/" },
      resp_header = response.headers,
      resp_body = { set = function(_, parts) response.body = table.concat(parts) end },
    } }
    local stderr = io.stderr
    io.stderr = { write = function() end } -- luacheck: ignore
    local status = web.magnet(lighty, dir .. "/missing.db")
    io.stderr = stderr -- luacheck: ignore
    assert.equal(500, status)
    assert.equal("internal error\n", response.body)
  end)
end)
