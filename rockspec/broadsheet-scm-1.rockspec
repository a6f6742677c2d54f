-- broadsheet-scm-1.rockspec: the development ("scm") rockspec, built from the
-- repository's current state with LuaRocks' builtin backend (no Makefile).
--
--   luarocks --lua-version=5.4 make rockspec/broadsheet-scm-1.rockspec
--
-- For an offline build against Debian's packaged Lua modules, add
-- `--tree` and point LUAROCKS_CONFIG at tools/luarocks-config.lua.
rockspec_format = "3.0"
package = "broadsheet"
version = "scm-1"

source = {
  -- Placeholder: the project has no public home yet (.invalid never
  -- resolves). `luarocks make` from a checkout does not use it.
  url = "git+https://example.invalid/broadsheet.git",
}

description = {
  summary = "Parse, filter and export archives of news articles",
  detailed = [[
broadsheet parses archived news articles (masthead, headline, printed date,
byline or caption, body, tag line, footer), as plain text or as web pages
(read with libxml2's HTML parser), into records with ISO dates and
canonical tag slugs, using a thin C core with utf8proc for Unicode work
and zlib for web archives (WARC, ARC, WACZ and WET files are read as
archives of pages).
Lua modules on top open whole archives, filter them with composable
predicates or a query language, and export them as JSON, CSV, Markdown,
HTML, Atom, RSS or user-written formats. A `broadsheet` command drives it
all from the shell.
]],
  license = "MIT",
  labels = { "text", "parser", "news", "archive" },
}

dependencies = {
  "lua >= 5.4, < 5.5",
  "lpeg",
  "lua-cjson",
  "argparse",
  "luafilesystem",
  -- export -f sqlite, query on a database and serve (Debian: lua-dbi-sqlite3);
  -- serve also runs lighttpd with mod_magnet (Debian: lighttpd,
  -- lighttpd-modules-lua), which LuaRocks cannot install: serve says so.
  "luadbi-sqlite3",
  "luv",
}

-- The C core links against utf8proc (Debian: libutf8proc-dev), libxml2
-- (libxml2-dev, for web pages) and zlib (zlib1g-dev, for gzipped web
-- archives); LuaRocks looks for them and fills in UTF8PROC_INCDIR,
-- UTF8PROC_LIBDIR, LIBXML2_INCDIR, LIBXML2_LIBDIR, ZLIB_INCDIR and ZLIB_LIBDIR.
-- libxml2's headers live in a libxml2/ folder under the include directory.
external_dependencies = {
  UTF8PROC = {
    header = "utf8proc.h",
    library = "utf8proc",
  },
  LIBXML2 = {
    header = "libxml2/libxml/HTMLparser.h",
    library = "xml2",
  },
  ZLIB = {
    header = "zlib.h",
    library = "z",
  },
}

build = {
  type = "builtin",
  modules = {
    ["broadsheet.core"] = {
      sources = {
        "csrc/text.c",
        "csrc/date.c",
        "csrc/fold.c",
        "csrc/slug.c",
        "csrc/words.c",
        "csrc/article.c",
        "csrc/escape.c",
        "csrc/page.c",
        "csrc/page_head.c",
        "csrc/html.c",
        "csrc/html_tree.c",
        "csrc/html_input.c",
        "csrc/html_meta.c",
        "csrc/warc.c",
        "csrc/http.c",
        "csrc/segment.c",
        "csrc/core.c",
      },
      libraries = { "utf8proc", "xml2", "z", "m" },
      incdirs = { "$(UTF8PROC_INCDIR)", "$(LIBXML2_INCDIR)/libxml2", "$(ZLIB_INCDIR)" },
      libdirs = { "$(UTF8PROC_LIBDIR)", "$(LIBXML2_LIBDIR)", "$(ZLIB_LIBDIR)" },
    },
    broadsheet = "lua/broadsheet/init.lua",
    ["broadsheet.archive"] = "lua/broadsheet/archive.lua",
    ["broadsheet.database"] = "lua/broadsheet/database.lua",
    ["broadsheet.cli"] = "lua/broadsheet/cli.lua",
    ["broadsheet.cli_args"] = "lua/broadsheet/cli_args.lua",
    ["broadsheet.parallel"] = "lua/broadsheet/parallel.lua",
    ["broadsheet.workers"] = "lua/broadsheet/workers.lua",
    ["broadsheet.context"] = "lua/broadsheet/context.lua",
    ["broadsheet.filter"] = "lua/broadsheet/filter.lua",
    ["broadsheet.html"] = "lua/broadsheet/html.lua",
    ["broadsheet.learn"] = "lua/broadsheet/learn.lua",
    ["broadsheet.limits"] = "lua/broadsheet/limits.lua",
    ["broadsheet.interrupt"] = "lua/broadsheet/interrupt.lua",
    ["broadsheet.output"] = "lua/broadsheet/output.lua",
    ["broadsheet.profile"] = "lua/broadsheet/profile.lua",
    ["broadsheet.record"] = "lua/broadsheet/record.lua",
    ["broadsheet.progress"] = "lua/broadsheet/progress.lua",
    ["broadsheet.query"] = "lua/broadsheet/query.lua",
    ["broadsheet.serve"] = "lua/broadsheet/serve.lua",
    ["broadsheet.sources"] = "lua/broadsheet/sources.lua",
    ["broadsheet.sql"] = "lua/broadsheet/sql.lua",
    ["broadsheet.sqlite_paths"] = "lua/broadsheet/sqlite_paths.lua",
    ["broadsheet.segment"] = "lua/broadsheet/segment.lua",
    ["broadsheet.stopwords"] = "lua/broadsheet/stopwords.lua",
    ["broadsheet.tags"] = "lua/broadsheet/tags.lua",
    ["broadsheet.template"] = "lua/broadsheet/template.lua",
    ["broadsheet.walk"] = "lua/broadsheet/walk.lua",
    ["broadsheet.wacz"] = "lua/broadsheet/wacz.lua",
    ["broadsheet.warc"] = "lua/broadsheet/warc.lua",
    ["broadsheet.webarchive"] = "lua/broadsheet/webarchive.lua",
    ["broadsheet.web"] = "lua/broadsheet/web.lua",
    ["broadsheet.web.page"] = "lua/broadsheet/web/page.lua",
    ["broadsheet.formats"] = "lua/broadsheet/formats/init.lua",
    ["broadsheet.formats.csv"] = "lua/broadsheet/formats/csv.lua",
    ["broadsheet.formats.escape"] = "lua/broadsheet/formats/escape.lua",
    ["broadsheet.formats.feeds"] = "lua/broadsheet/formats/feeds.lua",
    ["broadsheet.formats.html"] = "lua/broadsheet/formats/html.lua",
    ["broadsheet.formats.json"] = "lua/broadsheet/formats/json.lua",
    ["broadsheet.formats.markdown"] = "lua/broadsheet/formats/markdown.lua",
    ["broadsheet.formats.sqlite"] = "lua/broadsheet/formats/sqlite.lua",
    ["broadsheet.formats.names"] = "lua/broadsheet/formats/names.lua",
    ["broadsheet.formats.text"] = "lua/broadsheet/formats/text.lua",
  },
  install = {
    bin = {
      broadsheet = "bin/broadsheet",
    },
  },
}
