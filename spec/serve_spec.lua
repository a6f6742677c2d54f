-- broadsheet serve: lighttpd on a loopback port with broadsheet.web in
-- mod_magnet, every page kind over HTTP, the Atom feed through an XML
-- parser, and headless Chromium reading the site as a person would.
local cjson = require "cjson"
local lfs = require "lfs"
local support = require "spec.support"

local BIN = "lua5.4 bin/broadsheet"
local PLAYWRIGHT = "playwright-core@1.65.1"
local SCREENSHOTS = "build/serve"

local function have(program)
  local _, _, status = support.run("command -v " .. program .. " || test -x /usr/sbin/" .. program)
  return status == 0
end

local function sh(command)
  local out, err, status = support.run(command)
  assert(status == 0, command .. ": " .. err)
  return out
end

-- An archive with what a page must escape: markup in a title, a tag and a
-- body, and a javascript: URL.
local HOSTILE = {
  site = "The <b>Stack</b>", title = "<script>alert('title')</script> & more", date = "2017-01-02",
  body = { "Body with <img src=x onerror=alert(1)> inside.", "Second paragraph." },
  tags = { "script-alert-1" }, tag_labels = { "<script>alert(1)</script>" }, id = "00000000000000ff",
  url = "javascript:alert(1)", words = 12, source = "hostile",
}

-- Is the server started as pid up and answering on port? An answer alone
-- may come from another program that holds the port (lighttpd then fails
-- to bind and exits): the server must have said it serves there and still run.
local function answers(pid, port, log)
  local code = support.run(("curl -s -o /dev/null -w '%%{http_code}' http://127.0.0.1:%d/"):format(port))
  local file = code == "200" and io.open(log, "rb")
  local said = file and file:read("a"):find(":" .. port .. "/ (Ctrl-C stops)", 1, true)
  if file then file:close() end
  if not said then return false end
  os.execute("sleep 0.3")
  return os.execute(("kill -0 %d 2>/dev/null"):format(pid)) == true
end

local function start(args, dir)
  -- A port picked at random; taken ones show in lighttpd's log and another is tried.
  for _ = 1, 5 do
    local port = math.random(20000, 59999)
    local state = dir .. "/state-" .. port
    local log = dir .. "/serve.log"
    local pid = sh(("setsid sh -c 'echo $$; exec %s serve %s --port %d --state %q > %q 2>&1' &")
      :format(BIN, args, port, state, log))
    pid = assert(tonumber(pid:match("%d+")))
    for _ = 1, 100 do
      if answers(pid, port, log) then
        return { pid = pid, port = port, state = state, base = "http://127.0.0.1:" .. port }
      end
      if not os.execute(("kill -0 %d 2>/dev/null"):format(pid)) then break end
      os.execute("sleep 0.1")
    end
    os.execute(("kill -INT -%d 2>/dev/null"):format(pid))
  end
  error("broadsheet serve did not start: " .. support.read(dir .. "/serve.log"))
end

-- Ctrl-C: SIGINT to the process group, as a terminal sends it.
local function stop(server)
  os.execute(("kill -INT -%d"):format(server.pid))
  for _ = 1, 100 do
    if not os.execute(("kill -0 %d 2>/dev/null"):format(server.pid)) then return true end
    os.execute("sleep 0.1")
  end
  os.execute(("kill -KILL -%d"):format(server.pid))
  return false
end

local function get(server, path, dir)
  local body = dir .. "/body"
  local meta = sh(("curl -s -o %q -w '%%{http_code} %%{content_type}' %q"):format(body, server.base .. path))
  local status, content_type = meta:match("^(%d+) (.*)$")
  return tonumber(status), content_type, support.read(body)
end

local function xml_ok(path)
  local _, err, status = support.run(("xmllint --noout %q"):format(path))
  return status == 0, err
end

describe("broadsheet serve #external", function()
  if not have("lighttpd") or not have("curl") then
    pending("needs lighttpd with mod_magnet and curl (sh tools/deps installs them)")
    return
  end

  local dir, server
  setup(function()
    dir = support.temp_dir()
    local jsonl = sh(BIN .. " parse examples/archive") .. cjson.encode(HOSTILE) .. "\n"
    support.write(dir .. "/archive.jsonl", jsonl)
    server = start(("%q"):format(dir .. "/archive.jsonl"), dir)
  end)
  teardown(function()
    if server then stop(server) end
    os.execute(("rm -rf %q"):format(dir))
  end)

  it("indexes the archive and writes lighttpd's configuration in the state folder", function()
    assert.matches("13 articles indexed", support.read(dir .. "/serve.log"))
    local config = support.read(server.state .. "/lighttpd.conf")
    assert.matches('server.bind = "127.0.0.1"', config, 1, true)
    assert.matches("server.port = " .. server.port, config, 1, true)
    assert.matches("magnet.attract%-raw%-url%-to", config)
    -- One process unless asked: lighttpd's own default.
    assert.matches("server.max-worker = 0", config, 1, true)
  end)

  it("shows the counts, the date range and the latest articles at /", function()
    local status, content_type, body = get(server, "/", dir)
    assert.equal(200, status)
    assert.equal("text/html; charset=utf-8", content_type)
    assert.matches("13 articles, %d+ words, %d+ tags; 2015%-11%-03 to 2018%-07%-18", body)
    assert.matches('<form action="/search"', body, 1, true)
    assert.matches('<meta name="viewport"', body, 1, true)
    assert.is_nil(body:find("<script", 1, true))
  end)

  it("searches, pages and snippets at /search", function()
    local status, _, body = get(server, "/search?q=security", dir)
    assert.equal(200, status)
    assert.matches("<h1>%d+ results? for <q>security</q></h1>", body)
    assert.matches('href="/article/%x+"', body)
    assert.matches('href="/tag/security"', body, 1, true)
    local _, _, pages = get(server, "/search?q=tag%3Aeurope+OR+security", dir)
    assert.matches("<h1>6 results for <q>tag:europe OR security</q></h1>", pages, 1, true)
    assert.matches("page 1 of 1", pages, 1, true)
    local _, _, none = get(server, "/search?q=zzzzunfindable", dir)
    assert.matches("0 results", none)
  end)

  it("answers a malformed query with 400, the message and a caret", function()
    local status, _, body = get(server, "/search?q=tag%3Achina+%28x", dir)
    assert.equal(400, status)
    assert.matches("column 13: expected &#39;%)&#39;", body)
    assert.matches('<pre class="caret">tag:china %(x\n            %^</pre>', body)
    local feed_status, _, feed = get(server, "/feed.atom?q=date%3A2016-13", dir)
    assert.equal(400, feed_status)
    assert.matches("impossible date 2016%-13: no such month", feed)
  end)

  it("shows an article, and 404 for an unknown id", function()
    local status, _, body = get(server, "/article/3f685b4f53fbf642", dir)
    assert.equal(200, status)
    assert.matches("<h1>Ransomware gang targets hospital networks", body)
    assert.matches('<a class="tag" href="/tag/ransomware">ransomware</a>', body, 1, true)
    local missing, _, text = get(server, "/article/%3Cscript%3Enope", dir)
    assert.equal(404, missing)
    assert.matches("&lt;script&gt;nope", text, 1, true)
    assert.equal(404, (get(server, "/no/such/page", dir)))
  end)

  it("escapes what the archive holds and what the visitor types", function()
    local _, _, article = get(server, "/article/00000000000000ff", dir)
    assert.matches("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; more", article, 1, true)
    assert.matches("&lt;img src=x onerror=alert(1)&gt;", article, 1, true)
    assert.matches("&lt;script&gt;alert(1)&lt;/script&gt;", article, 1, true)
    assert.is_nil(article:find("javascript:", 1, true))
    local _, _, search = get(server, "/search?q=%22%3Cscript%3Ealert%22", dir)
    assert.is_nil(search:find("<script>", 1, true))
    assert.matches('value="&quot;&lt;script&gt;alert&quot;"', search, 1, true)
    local _, _, tag = get(server, "/tag/script-alert-1", dir)
    assert.matches("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>", tag, 1, true)
  end)

  it("lists a tag's articles at /tag/SLUG, and 404 for an unknown tag", function()
    local status, _, body = get(server, "/tag/europe", dir)
    assert.equal(200, status)
    assert.matches("<h1>Europe</h1>", body, 1, true)
    assert.equal(5, select(2, body:gsub("<li>", "")))
    assert.equal(404, (get(server, "/tag/no-such-tag", dir)))
  end)

  it("serves the Atom export of a query at /feed.atom, well-formed XML", function()
    local status, content_type, body = get(server, "/feed.atom?q=tag%3Asecurity", dir)
    assert.equal(200, status)
    assert.equal("application/atom+xml; charset=utf-8", content_type)
    support.write(dir .. "/feed.atom", body)
    assert.is_true(xml_ok(dir .. "/feed.atom"))
    local entries = sh(("xmllint --xpath 'count(//*[local-name()=\"entry\"])' %q"):format(dir .. "/feed.atom"))
    assert.equal("3", entries:match("%d+"))
    local _, _, all = get(server, "/feed.atom", dir)
    support.write(dir .. "/all.atom", all)
    assert.is_true(xml_ok(dir .. "/all.atom"))
    assert.matches("&lt;script&gt;", all, 1, true)
  end)

  it("takes only GET and HEAD", function()
    local code = sh(("curl -s -o /dev/null -w '%%{http_code}' -X POST -d x %q"):format(server.base .. "/"))
    assert.equal("405", code)
  end)

  it("serves a database given as the path with --workers processes, and stops on Ctrl-C", function()
    local db = dir .. "/archive.db"
    sh(("%s export -f sqlite -o %q examples/archive"):format(BIN, db))
    local other = start(("%q --workers 2"):format(db), dir)
    local _, _, body = get(other, "/", dir)
    assert.matches("12 articles", body)
    assert.matches("server.max-worker = 2", support.read(other.state .. "/lighttpd.conf"), 1, true)
    assert.is_true(stop(other))
    assert.matches("graceful shutdown", support.read(other.state .. "/error.log"))
    assert.is_nil(support.read(dir .. "/serve.log"):find("lighttpd stopped", 1, true))
  end)

  describe("in headless Chromium", function()
    local playwright = "build/browser/node_modules/playwright-core"
    local function browser_missing()
      if not have("chromium") then return "no chromium (sh tools/deps installs it)" end
      if not have("node") or not have("npm") then return "no node and npm to run playwright-core" end
      if not support.exists(playwright .. "/package.json") then
        local _, err, status = support.run(("env -u LD_PRELOAD timeout 300 npm install --no-save --no-audit"
          .. " --no-fund --prefix build/browser %s"):format(PLAYWRIGHT))
        if status ~= 0 then return "npm could not install " .. PLAYWRIGHT .. ": " .. err end
      end
      return nil
    end

    it("types a query, submits it, opens a result and follows a tag link", function()
      local missing = browser_missing()
      if missing then
        pending("skipped: " .. missing)
        return
      end
      sh("mkdir -p " .. SCREENSHOTS)
      local profile = dir .. "/chromium-profile"
      -- Not under make sanitize's preloaded ASan runtime: node and Chromium are not ours to check.
      local out = sh(("env -u LD_PRELOAD node spec/browser/drive.cjs %q %q %q %q %q"):format(
        lfs.currentdir() .. "/" .. playwright, server.base, "tag:security hospital*", SCREENSHOTS, profile))
      local seen = cjson.decode(out)
      assert.matches("/search%?q=tag%%3Asecurity%+hospital%*$", seen.search.url)
      assert.matches("^%d+ results? for", seen.search.heading)
      assert.is_true(seen.search.results >= 1)
      assert.matches("/article/%x+$", seen.article.url)
      assert.equal(seen.result_title, seen.article.heading)
      assert.matches("/tag/[%w-]+$", seen.tag.url)
      assert.equal(seen.tag_label, seen.tag.heading)
      assert.is_true(seen.tag.results >= 1)
      -- As wide as a phone, nothing runs off the side.
      assert.is_true(seen.phone.scroll <= seen.phone.width)
      for _, name in ipairs { "search", "article", "tag", "search-phone" } do
        local png = support.read(SCREENSHOTS .. "/" .. name .. ".png")
        assert.equal("\137PNG", png:sub(1, 4))
      end
    end)
  end)
end)
