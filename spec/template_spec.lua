-- broadsheet.template: Mustache templates (SPEC section 4, issue 5).
local cjson = require "cjson"
local template = require "broadsheet.template"
local support = require "spec.support"

-- The official suite, read where it lies (never copied into the repository).
local SUITE = { "comments", "delimiters", "interpolation", "inverted", "partials", "sections" }

describe("the official Mustache spec", function()
  local dir = support.shared("suites/mustache")
  if not dir then
    pending("../shared/suites/mustache is absent: official Mustache spec cases skipped")
    return
  end
  for _, name in ipairs(SUITE) do
    local suite = cjson.decode(support.read(dir .. "/" .. name .. ".json"))
    for _, case in ipairs(suite.tests) do
      it(name .. ".json: " .. case.name, function()
        -- data and partials may hold cjson.null, which the engine takes as nil
        local compiled = template.compile(case.template)
        assert.equal(case.expected, compiled:render(case.data, case.partials), case.desc)
      end)
    end
  end
end)

describe("template.compile", function()
  -- An escaper for XML 1.0 text: the five entities, and characters XML forbids dropped.
  local function xml(s)
    s = s:gsub("[%z\1-\8\11\12\14-\31]", "")
    local entities = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;" }
    return (s:gsub("[&<>\"']", entities))
  end

  it("escapes {{var}} for HTML by default, the five characters", function()
    assert.equal("&amp; &lt;b&gt; &quot;q&quot; &#39;s&#39;", template.render("{{s}}", { s = [[& <b> "q" 's']] }))
    assert.equal("&amp;", template.escape_html("&"))
  end)

  it("takes another escaper per instance, used by {{var}} and partials but not {{{raw}}} or {{&raw}}", function()
    local opts = { escape = xml, partials = { p = "<p>{{s}}</p>" } }
    local compiled = template.compile("<t>{{s}}</t>{{>p}}|{{{s}}}|{{&s}}", opts)
    local s = "it's <b>\1"
    assert.equal("<t>it&apos;s &lt;b&gt;</t><p>it&apos;s &lt;b&gt;</p>|" .. s .. "|" .. s, compiled:render { s = s })
    -- the default stays for other instances
    assert.equal("it&#39;s", template.compile("{{s}}"):render { s = "it's" })
  end)

  it("renders a news article record", function()
    local page = template.compile(table.concat({
      "<article>",
      "  <h1>{{title}}</h1>",
      "  {{#date}}",
      "  <time>{{date}}</time>",
      "  {{/date}}",
      "  <ul>",
      "    {{#tags}}",
      "    <li>{{.}}</li>",
      "    {{/tags}}",
      "    {{^tags}}",
      "    <li>untagged</li>",
      "    {{/tags}}",
      "  </ul>",
      "  {{#body}}",
      "  {{>paragraph}}",
      "  {{/body}}",
      "  <footer>{{words}} words{{#byline}}, by {{.}}{{/byline}}</footer>",
      "</article>",
      "",
    }, "\n"), { partials = { paragraph = "<p>{{.}}</p>\n" } })
    local record = {
      title = "Trade secrets </script> & spies",
      date = "2016-06-21",
      tags = { "china", "us" },
      body = { "First paragraph.", "Second <em>one</em>." },
      byline = cjson.null,
      words = function() return 5 end,
    }
    assert.equal(table.concat({
      "<article>",
      "  <h1>Trade secrets &lt;/script&gt; &amp; spies</h1>",
      "  <time>2016-06-21</time>",
      "  <ul>",
      "    <li>china</li>",
      "    <li>us</li>",
      "  </ul>",
      "  <p>First paragraph.</p>",
      "  <p>Second &lt;em&gt;one&lt;/em&gt;.</p>",
      "  <footer>5 words</footer>",
      "</article>",
      "",
    }, "\n"), page:render(record))
    record.tags, record.date, record.byline = {}, nil, "A. Writer"
    local out = page:render(record)
    assert.truthy(out:find("<li>untagged</li>", 1, true))
    assert.falsy(out:find("<time>", 1, true))
    assert.truthy(out:find("5 words, by A. Writer", 1, true))
  end)

  it("renders numbers as the spec wants, and follows Lua's truth but for empty tables", function()
    assert.equal("85 1.21 -3 0.5", template.render("{{a}} {{b}} {{c}} {{d}}", { a = 85.0, b = 1.21, c = -3, d = 0.5 }))
    local truth = template.compile("{{#v}}T{{/v}}{{^v}}F{{/v}}")
    for _, case in ipairs {
      { 0, "T" }, { "", "T" }, { true, "T" }, { { x = 1 }, "T" },
      { false, "F" }, { cjson.null, "F" }, { {}, "F" }, { nil, "F" },
    } do
      assert.equal(case[2], truth:render { v = case[1] }, tostring(case[1]))
    end
  end)

  it("calls functions of the view with no arguments, and treats a proxy with __index as a record", function()
    local proxy = setmetatable({}, { __index = function(_, key) return key:upper() end })
    local view = { n = function() return 42 end, p = proxy }
    assert.equal("42 X Y", template.render("{{n}} {{p.x}} {{#p}}{{y}}{{/p}}", view))
  end)

  it("takes partials from render before opts, from a table or a function; a missing one is empty", function()
    local function partials(name) return name == "b" and "B" or "-" end
    local compiled = template.compile("{{>a}}{{>b}}{{>c}}", { partials = partials })
    assert.equal("-B-", compiled:render {})
    assert.equal("AB-", compiled:render({}, { a = "A" }))
    assert.equal("[]", template.render("[{{>none}}]", {}))
  end)

  it("renders many times from one compilation, with the same result", function()
    local compiled = template.compile("{{#xs}}{{.}},{{/xs}}")
    for i = 1, 3 do
      assert.equal("1,2,3,", compiled:render { xs = { 1, 2, 3 } }, "render " .. i)
    end
  end)

  it("bounds the depth of partials with a clear error, while data-bounded recursion works", function()
    local loop = template.compile("{{>self}}", { partials = { self = "x{{>self}}" } })
    local ok, err = pcall(loop.render, loop, {})
    assert.is_false(ok)
    assert.equal('template: partials nested more than 100 deep at "self" (a recursive partial?)', err)
    local mutual = template.compile("{{>a}}", { partials = { a = "{{>b}}", b = "{{>a}}" } })
    assert.has_error(function() mutual:render {} end,
      'template: partials nested more than 100 deep at "a" (a recursive partial?)')
    -- a thread 99 replies deep renders through 100 partials
    local node = { text = "hi" } -- not empty: an empty table is falsy
    local thread = node
    for _ = 1, 99 do
      node.reply = { text = "re" }
      node = node.reply
    end
    node.reply = false -- else {{#reply}} finds the parent's reply down the context stack
    local tree = template.compile("{{>node}}", { partials = { node = "<{{#reply}}{{>node}}{{/reply}}>" } })
    assert.equal(("<"):rep(100) .. (">"):rep(100), tree:render(thread))
    node.reply = { text = "re", reply = false }
    assert.has_error(function() tree:render(thread) end)
  end)

  it("raises errors naming the line and column of malformed templates", function()
    local cases = {
      { "a\n  {{#x}}b", 'template: line 2, column 3: unclosed section "x"' },
      { "{{#x}}\n{{/y}}", 'template: line 2, column 1: closing tag "y" does not match open section "x"' },
      { "ok\n{{/x}}", 'template: line 2, column 1: closing tag "x" has no open section' },
      { "Hello {{name", 'template: line 1, column 7: unclosed tag "{{name"' },
      { "{{=<% =}}", 'template: line 1, column 1: bad set-delimiter tag "{{=<% =}}"' },
      { "{{=<%%>=}}", 'template: line 1, column 1: bad set-delimiter tag "{{=<%%>=}}"' },
      { "x {{ }}", 'template: line 1, column 3: empty tag "{{ }}"' },
      { "{{first name}}", 'template: line 1, column 1: malformed tag "{{first name}}"' },
      { "{{{raw}}", 'template: line 1, column 1: malformed tag "{{{raw}}"' },
      { "{{=<% %>=}}\n  <%#a%>\n<%/b%>",
        'template: line 3, column 1: closing tag "b" does not match open section "a"' },
      { "{{=<% %>=}}{{x}} <%y", 'template: line 1, column 18: unclosed tag "<%y"' },
    }
    for _, case in ipairs(cases) do
      local ok, err = pcall(template.compile, case[1])
      assert.is_false(ok, case[1])
      assert.equal(case[2], err, case[1])
    end
  end)

  it("reports malformed partials by name, at their position as written, when rendered", function()
    local compiled = template.compile("x\n    {{>p}}\n", { partials = { p = "a\n{{#q}}\nb" } })
    assert.has_error(function() compiled:render {} end,
      'template: partial "p", line 2, column 1: unclosed section "q"')
  end)

  it("rejects what is not a template or options", function()
    assert.has_error(function() template.compile(nil) end, "template: source is a nil, not a string")
    assert.has_error(function() template.compile("", { escape = "html" }) end,
      "template: opts.escape is not a function")
    assert.has_error(function() template.compile("", { partials = "p" }) end,
      "template: opts.partials is neither a table nor a function")
    assert.has_error(function() template.render("{{>p}}", {}, { p = 3 }) end,
      'template: partial "p" is a number, not a string')
  end)
end)
