-- One archive context: what broadsheet.open is given reaches every stage
-- (parse, the readers, filters, queries), and the modules depend one way.
local broadsheet = require "broadsheet"
local support = require "spec.support"

local function titles(archive)
  local list = {}
  for record in archive:each() do list[#list + 1] = record.title end
  table.sort(list)
  return list
end

describe("an archive's context", function()
  local dir
  before_each(function()
    dir = support.temp_dir()
    support.write(dir .. "/a.txt", "Robots learn to read\n\nA body about machines.\n\n\nai robots\n")
    support.write(dir .. "/b.txt", "Markets fall\n\nA body about money.\n\n\nTags: markets, artificial intelligence\n")
    support.write(dir .. "/c.txt", "Weather turns\n\nA body about rain.\n\n\nTags: weather, climate, storms, rain\n")
  end)
  after_each(function() os.execute('rm -rf "' .. dir .. '"') end)

  it("gives its aliases to tag: queries and to filter.tag", function()
    local archive = broadsheet.open(dir, { aliases = { ai = { "artificial intelligence" } } })
    local both = { "Markets fall", "Robots learn to read" }
    assert.same(both, titles(archive:filter('tag:"artificial intelligence"')))
    assert.same(both, titles(archive:filter("tag:ai")))
    assert.same(both, titles(archive:filter(broadsheet.filter.tag("Artificial Intelligence"))))
    assert.same(both, titles(archive:filter(broadsheet.filter.all_tags("ai", "artificial intelligence"))))
    -- Without the alias the two are different tags.
    assert.same({ "Robots learn to read" }, titles(broadsheet.open(dir):filter("tag:ai")))
  end)

  it("a tagger given is the one every stage uses", function()
    local tagger = broadsheet.tags.new { aliases = { ai = { "artificial intelligence" } } }
    local archive = broadsheet.open(dir, { tagger = tagger })
    assert.equal(tagger, archive.context.tagger)
    assert.same({ "Markets fall", "Robots learn to read" }, titles(archive:filter('tag:"artificial intelligence"')))
  end)

  it("keeps the number of tags its limits say, and warns", function()
    local records = broadsheet.open(dir .. "/c.txt", { limits = { tags = 2 } }):collect()
    assert.same({ "weather", "climate" }, records[1].tags)
    assert.matches("tags after the first 2 dropped %(4 in all%)", records[1].warnings[1])
    -- The global limit is untouched.
    assert.equal(4, #broadsheet.open(dir .. "/c.txt"):collect()[1].tags)
    assert.equal(50000, broadsheet.limits.tags)
  end)

  it("passes its limits to the readers and to query strings", function()
    support.write(dir .. "/records.jsonl", '{"title":"short"}\n{"title":"a title longer than the limit"}\n')
    local errors = {}
    local archive = broadsheet.open(dir .. "/records.jsonl", { limits = { article_bytes = 20 },
      on_error = function(where, message) errors[#errors + 1] = where .. ": " .. message end })
    assert.equal(1, archive:count())
    assert.equal(1, #errors)
    assert.matches("^" .. dir:gsub("%p", "%%%0") .. "/records%.jsonl:2: .*limit of 20 bytes", errors[1])
    -- Article files larger than the limit are not parsed, small files read whole too.
    errors = {}
    local articles = broadsheet.open(dir, { pattern = "*.txt", limits = { article_bytes = 50 },
      on_error = function(where, message) errors[#errors + 1] = where .. ": " .. message end })
    assert.equal(0, articles:count())
    assert.equal(3, #errors)
    assert.matches("50 bytes", errors[1])
    local shallow = broadsheet.open(dir, { limits = { query_depth = 1 } })
    assert.equal(1, shallow:filter("(tag:ai)"):count())
    assert.error_matches(function() shallow:filter("((tag:ai))") end, "column 2: parentheses nested deeper than 1")
  end)

  it("refuses limits it does not know or cannot use", function()
    assert.error_matches(function() broadsheet.open(dir, { limits = { tag = 2 } }) end, "unknown limit 'tag'")
    assert.error_matches(function() broadsheet.open(dir, { limits = { tags = -1 } }) end, "at least 0")
    assert.error_matches(function() broadsheet.open(dir, { limits = 5 }) end, "limits must be a table")
  end)

  it("uses a vocabulary a profile carries to segment tag lines", function()
    local profile = { footers = {}, vocabulary = { tags = { ["ai robots"] = 3 } } }
    local record = broadsheet.open(dir .. "/a.txt", { profile = profile }):collect()[1]
    assert.same({ "ai-robots" }, record.tags)
    assert.same({ "ai", "robots" }, broadsheet.open(dir .. "/a.txt"):collect()[1].tags)
  end)

  it("keeps the articles' spellings as labels when a profile's vocabulary joins the tagger", function()
    local profile = { footers = {}, vocabulary = { tags = { ["ai robots"] = 3, markets = 9 } } }
    -- "markets" is printed once, "Markets" twice; the vocabulary's 9 cast no vote.
    support.write(dir .. "/d.txt", "Markets again\n\nBody.\n\n\nTags: Markets\n")
    support.write(dir .. "/e.txt", "Markets once more\n\nBody.\n\n\nTags: Markets\n")
    local archive = broadsheet.open(dir, { profile = profile, spellings = true })
    assert.equal(5, archive:count())
    assert.equal("Markets", archive.context.tagger:label("markets"))
    assert.equal("ai robots", archive.context.tagger:label("ai-robots"))
  end)

  it("parses with the profile's masthead and footers", function()
    support.write(dir .. "/d.txt", "The Bugle\n\nHeadline here\n\nBody text.\n\n\nnews\nPrinted by the Bugle Press.\n")
    local profile = { site = "The Bugle", footers = { "Printed by the Bugle Press." } }
    local record = broadsheet.open(dir .. "/d.txt", { profile = profile }):collect()[1]
    assert.equal("The Bugle", record.site)
    assert.equal("Headline here", record.title)
    assert.same({ "news" }, record.tags)
  end)
end)

-- Every module of lua/broadsheet, by name.
local function module_names()
  local names = {}
  local pipe = assert(io.popen("cd lua && find broadsheet -name '*.lua' | sort"))
  for path in pipe:lines() do
    local name = path:gsub("%.lua$", ""):gsub("/init$", ""):gsub("/", ".")
    names[#names + 1] = name
  end
  pipe:close()
  return names
end

-- The broadsheet modules a module's source requires, at load time or later.
local function required_by(name)
  local path = "lua/" .. name:gsub("%.", "/") .. ".lua"
  local file = io.open(path, "rb") or assert(io.open("lua/" .. name:gsub("%.", "/") .. "/init.lua", "rb"))
  local source = file:read("a")
  file:close()
  source = source:gsub("%-%-[^\n]*", "") -- comments name modules too
  local found = {}
  for required in source:gmatch("require%s*%(?%s*[\"']([%w%._]+)[\"']") do
    if required:match("^broadsheet") and required ~= "broadsheet.core" then found[#found + 1] = required end
  end
  return found
end

describe("the modules", function()
  it("each load on their own", function()
    for _, name in ipairs(module_names()) do
      local saved = {}
      for loaded in pairs(package.loaded) do
        if loaded:match("^broadsheet") then saved[loaded], package.loaded[loaded] = package.loaded[loaded], nil end
      end
      local ok, err = pcall(require, name)
      for loaded in pairs(package.loaded) do
        if loaded:match("^broadsheet") then package.loaded[loaded] = nil end
      end
      for loaded, value in pairs(saved) do package.loaded[loaded] = value end
      assert(ok, name .. ": " .. tostring(err))
    end
  end)

  it("depend one way: no module requires, even later, one that requires it", function()
    local graph = {}
    for _, name in ipairs(module_names()) do graph[name] = required_by(name) end
    -- A depth-first walk; a module met again while still on the path is a cycle.
    local state = {}
    local function visit(name, path)
      if state[name] == "done" then return end
      if state[name] == "open" then
        error("require cycle: " .. table.concat(path, " -> ") .. " -> " .. name, 0)
      end
      state[name] = "open"
      path[#path + 1] = name
      for _, dep in ipairs(graph[name] or {}) do visit(dep, path) end
      path[#path] = nil
      state[name] = "done"
    end
    for name in pairs(graph) do visit(name, {}) end
  end)
end)
