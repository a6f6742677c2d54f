--- The bounds that keep any input from taking unbounded memory or time.
-- Change them here for the whole program (require "broadsheet.limits"), or
-- per archive with broadsheet.open(paths, { limits = { ... } }).
return {
  article_bytes = 256 * 1024 * 1024, -- one article (or JSON line) read from a file or standard input
  tags = 50000,                      -- tags kept per article; more are dropped with a warning
  query_depth = 100,                 -- nested parentheses in a query
  query_bytes = 1024 * 1024,         -- the length of a query
  template_depth = 100,              -- sections nested in a template
  template_bytes = 64 * 1024 * 1024, -- what one render of a template writes (a section pass counts 64)
}
