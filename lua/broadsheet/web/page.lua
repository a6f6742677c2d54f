--- broadsheet.web.page: the frame of every archive browser page: a header
-- with the search form, the content, and one small style sheet that reads
-- on a phone and a desktop alike (one column, at most 42em wide). No
-- JavaScript.
local escape = require "broadsheet.formats.escape"

local page = {}

local STYLE = [[
*{box-sizing:border-box}
body{margin:0 auto;max-width:42em;padding:0 1em 2em;font:1.05em/1.5 Georgia,serif;color:#222;background:#fdfcf8}
header{padding:.8em 0;border-bottom:2px solid #222;margin-bottom:1em}
header a.home{font-weight:bold;font-size:1.3em;color:#222;text-decoration:none;margin-right:.6em}
form{display:flex;gap:.4em;margin-top:.5em}
input[type=search]{flex:1;min-width:0;font:inherit;padding:.3em .5em;border:1px solid #888;border-radius:3px}
button{font:inherit;padding:.3em .8em}
h1{font-size:1.4em;line-height:1.25}
a{color:#1a4d8f}
ol.results{padding-left:1.4em}
ol.results li{margin-bottom:1em}
a.title{font-weight:bold}
.meta{color:#555;font-size:.9em}
.tags a.tag{display:inline-block;font:.8em sans-serif;background:#eee;border-radius:3px;padding:0 .4em;margin:.1em 0}
pre.caret{overflow-x:auto;background:#f3f0e6;padding:.5em}
.error{color:#a00}
nav.pager{margin:1em 0}
@media (max-width:30em){body{font-size:1em}}
]]

--- A whole page: title and body (HTML already escaped), opts.q the search
-- box's text.
function page.render(title, body, opts)
  local q = opts and opts.q or ""
  return table.concat {
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    "<title>", escape.xml(title), " - broadsheet</title>\n<style>\n", STYLE, "</style>\n</head>\n<body>\n",
    '<header><a class="home" href="/">broadsheet</a>\n',
    '<form action="/search" method="get" role="search"><input type="search" name="q" value="', escape.xml(q),
    '" placeholder="tag:security date:2016 &quot;data centre&quot;" aria-label="Query">',
    '<button type="submit">Search</button></form></header>\n<main>\n', body, "</main>\n</body>\n</html>\n",
  }
end

return page
