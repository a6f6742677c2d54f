--- The broadsheet command: parse, tags, query, stats, check.
-- Errors are one line, "broadsheet: WHERE: WHAT"; exit status 1 for bad
-- data, 2 for bad usage.
local argparse = require "argparse"
local cjson = require "cjson"
local broadsheet = require "broadsheet"
local formats = require "broadsheet.formats"
local progress = require "broadsheet.progress"
local query = require "broadsheet.query"
local sqlite_paths = require "broadsheet.sqlite_paths"
local tags = require "broadsheet.tags"
local lfs = require "lfs"

local cli = {}

-- Options every command that reads articles takes.
local function add_input_options(command)
  command:argument("paths", "Files, directories (recursively), JSON Lines, or - for standard input."):args("+")
  command:option("--pattern", "File names to read inside directories.", "*.txt")
  command:option("--vocabulary", "Known tags (a Lua or JSON file, e.g. from tags --learn).")
  command:option("--aliases", "Tag aliases (a Lua or JSON file).")
  command:flag("--no-learn", "Do not learn the masthead and footers of a directory first.")
  command:option("--profile", "Load the masthead and footers from FILE, or learn and save them there.")
  command:option("--shard", "Read only share K of N of the files (e.g. 2/4), chosen by a stable hash of each path.")
    :convert(function(text)
      local k, n = text:match("^(%d+)/(%d+)$")
      k, n = tonumber(k), tonumber(n)
      if not k or k < 1 or k > n then return nil, "shard must be K/N with 1 <= K <= N, got " .. text end
      return { k = k, n = n }
    end)
  return command
end

-- Options of the commands that print a selection of the articles.
local function add_selection_options(command, what)
  command:option("--sort", "Sort by a field (date, title, words, ...).")
  command:flag("--reverse", "Sort in descending order.")
  command:option("--limit", what):convert(tonumber)
  return command
end

local function add_serve_command(parser)
  local command = add_input_options(parser:command("serve",
    "Browse and search an archive (or an archive database) in lighttpd, until Ctrl-C."))
  command:option("--port", "The port to listen on.", "8080"):convert(function(text)
    local port = math.tointeger(tonumber(text))
    if not port or port < 1 or port > 65535 then return nil, "port must be a number from 1 to 65535, got " .. text end
    return port
  end)
  command:option("--host", "The address to listen on.", "127.0.0.1"):convert(function(text)
    if not text:match("^[%w%.:%-]+$") then return nil, "host must be an address or a name, got " .. text end
    return text
  end)
  command:option("--db", "Where to write the index of an archive (default: in the state folder).")
  command:option("--state", "The folder for the index, lighttpd's configuration and its log"
    .. " (default: $XDG_STATE_HOME/broadsheet/serve).")
end

local function build_parser()
  local parser = argparse("broadsheet", "Parse, filter and export archived news articles.")
    :add_help_command()
  parser:command_target("command")
  parser:option("-o --output", "Write to FILE instead of standard output.")
  add_input_options(parser:command("parse", "Print one JSON record per article, one per line."))
  local tag_command = add_input_options(parser:command("tags", "Count tags: count, slug, label."))
  tag_command:option("--top", "Show the N most frequent tags only."):convert(tonumber)
  tag_command:flag("--json", "Print a JSON array instead of columns.")
  tag_command:flag("--learn", "Print a vocabulary (Lua) learned from the articles.")
  local query_command = parser:command("query", "Print the articles a query matches: date, id, title.")
  query_command:argument("query", 'A query, e.g. \'tag:china date:2016 -tag:us "trade secrets"\'.')
  add_input_options(query_command)
  query_command:flag("--json", "Print JSON records, one per line, instead of a table.")
  add_selection_options(query_command, "Print at most N articles.")
  local stats_command = add_input_options(parser:command("stats", "Count articles, dates, words, tags, sites."))
  stats_command:flag("--json", "Print the counts as JSON.")
  add_input_options(parser:command("check", "Parse everything; report warnings and files that are not articles."))
  local export = add_input_options(parser:command("export", "Write the articles in a format."))
  export:option("-f --format", "A format name (see `broadsheet formats`) or a Lua file returning a format.", "jsonl")
  export:option("--template", "A Mustache template for each article (a format of its own).")
  export:option("--header-template", "A Mustache template written before the articles.")
  export:option("--footer-template", "A Mustache template written after the articles.")
  export:option("-q --query", "Only the articles this query matches.")
  add_selection_options(export, "Write at most N articles.")
  export:flag("--split", "One file per article in the directory given by -o.")
  export:flag("--force", "Overwrite existing files of a --split export.")
  export:flag("--pretty", "Indent JSON.")
  export:flag("--formulas", "Leave CSV cells that look like spreadsheet formulas as they are.")
  export:option("--title", "The title of a feed or page.")
  parser:command("formats", "List the export formats.")
  add_serve_command(parser)
  return parser
end

local function report(where, what)
  io.stderr:write("broadsheet: ", where, ": ", (tostring(what):gsub("\n", " ")), "\n")
end

--- Opens the output: standard output, or a temporary file renamed over FILE on success.
local function open_output(path)
  if not path then
    return io.stdout, function() return io.stdout:flush() end
  end
  local opened, out, commit = pcall(formats.open_atomic, path)
  if not opened then return nil, out end
  return out, function(ok) return pcall(commit, ok) end
end

-- A --profile file is JSON: { "site": ..., "footers": [...] }.
local function load_profile(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local text = file:read("a")
  file:close()
  local ok, profile = pcall(cjson.decode, text)
  if not ok or type(profile) ~= "table" then error(path .. ": not a profile (JSON expected)", 0) end
  return profile
end

local function save_profile(path, profile)
  local file, err = io.open(path, "wb")
  if not file then error(err, 0) end
  file:write(cjson.encode(profile), "\n")
  file:close()
end

local function has_directory(paths)
  for _, path in ipairs(paths) do
    if path ~= "-" and lfs.attributes(path, "mode") == "directory" then return true end
  end
  return false
end

-- The archive the options ask for; failures are reported and remembered.
-- Only `tags` shows display labels, so only it has the tagger count
-- spellings: other commands keep flat memory whatever the labels.
local function open_archive(args, state, spellings)
  if sqlite_paths.is_database(args.paths) then return sqlite_paths.archive(args.paths[1]) end
  local made, tagger = pcall(tags.new, {
    aliases = args.aliases,
    vocabulary = not args.learn and args.vocabulary or nil,
    spellings = spellings or false,
  })
  if not made then error({ usage = tagger }, 0) end
  local opts = {
    pattern = args.pattern,
    shard = args.shard,
    tagger = tagger,
    on_error = function(where, message)
      report(where, message)
      state.failed = true
    end,
  }
  local archive = broadsheet.open(args.paths, opts)
  if args.profile then
    local loaded, profile = pcall(load_profile, args.profile)
    if not loaded then error({ usage = profile }, 0) end
    opts.profile = profile
    if not opts.profile then
      opts.profile = archive:profile()
      save_profile(args.profile, opts.profile)
    end
  elseif not args.no_learn and has_directory(args.paths) then
    opts.profile = archive:profile()
  end
  archive = broadsheet.open(args.paths, opts)
  if state.meter then archive = archive:map(function(record) state.meter.tick() return record end) end
  return archive, tagger
end

local commands = {}

function commands.parse(args, out, state)
  formats.export("jsonl", open_archive(args, state):each(), out)
end

-- The archive's tag counts (archive:stats), labelled with the tagger's most
-- frequent spelling rather than the first one seen.
local function tag_rows(archive, tagger, top)
  local rows = archive:stats(top or math.huge).top_tags
  for _, row in ipairs(rows) do row.label = tagger:label(row.slug) end
  return rows
end

function commands.tags(args, out, state)
  local archive, tagger = open_archive(args, state, not args.learn)
  if args.learn then
    local vocabulary = tags.learn(archive, { aliases = args.aliases })
    for _, collision in ipairs(vocabulary.collisions) do
      report("tags", ("labels %s share the slug %s"):format(table.concat(collision.labels, ", "), collision.slug))
    end
    out:write(tags.dump(vocabulary))
    return
  end
  local rows = tag_rows(archive, tagger, args.top)
  if args.json then
    out:write(cjson.encode(rows), "\n")
    return
  end
  for _, row in ipairs(rows) do out:write(("%7d  %s  %s\n"):format(row.count, row.slug, row.label)) end
end

-- The archive a query, --sort and --limit select; a query syntax error is bad usage.
-- An archive database answers the query in SQL, a folder through filters.
local function selected(args, state, text)
  local tree
  if text then
    local message, column
    tree, message, column = query.tree(text)
    if not tree then error({ usage = "query: " .. message .. "\n" .. query.caret(text, column) }, 0) end
  end
  local archive
  if sqlite_paths.is_database(args.paths) then
    archive = sqlite_paths.archive(args.paths[1], tree)
  else
    archive = open_archive(args, state)
    if tree then archive = archive:filter(query.filter(tree)) end
  end
  if args.sort then archive = archive:sort(args.sort, args.reverse) end
  if args.limit then archive = archive:limit(args.limit) end
  return archive
end

function commands.query(args, out, state)
  local archive = selected(args, state, args.query)
  if args.json then
    formats.export("jsonl", archive:each(), out)
    return
  end
  for record in archive:each() do
    out:write(("%-25s  %s  %s\n"):format(record.date or "-", record.id or "-", record.title or "(no title)"))
  end
end

-- A bar of width proportional to count, in eighths of a block for a smooth end.
local function bar(count, max, width)
  local eighths = math.floor(count / max * width * 8 + 0.5)
  local partial = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" }
  return string.rep("█", eighths // 8) .. partial[eighths % 8 + 1]
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end

function commands.stats(args, out, state)
  local stats = open_archive(args, state):stats()
  if args.json then
    out:write(cjson.encode(stats), "\n")
    return
  end
  out:write(("articles  %d\nwords     %d\ndates     %s .. %s (%d undated)\n"):format(stats.articles, stats.words,
    stats.first_date or "-", stats.last_date or "-", stats.undated))
  for _, site in ipairs(sorted_keys(stats.sites)) do
    out:write(("site      %s (%d)\n"):format(site, stats.sites[site]))
  end
  local months, max = sorted_keys(stats.per_month), 0
  for _, month in ipairs(months) do max = math.max(max, stats.per_month[month]) end
  if #months > 0 then out:write("\nper month\n") end
  for _, month in ipairs(months) do
    local count = stats.per_month[month]
    out:write(("%s  %6d  %s\n"):format(month, count, bar(count, max, 50)))
  end
  if #stats.top_tags > 0 then out:write("\ntop tags\n") end
  for _, tag in ipairs(stats.top_tags) do out:write(("%7d  %s  %s\n"):format(tag.count, tag.slug, tag.label or "")) end
end

function commands.check(args, out, state)
  local articles, warned, not_articles = 0, 0, 0
  for record in open_archive(args, state):each() do
    articles = articles + 1
    if not record.title or not record.body then
      not_articles = not_articles + 1
      out:write(("%s: not an article: %s\n"):format(record.source,
        table.concat(record.warnings or { "no body text found" }, "; ")))
    elseif record.warnings then
      warned = warned + 1
      for _, warning in ipairs(record.warnings) do out:write(("%s: %s\n"):format(record.source, warning)) end
    end
  end
  out:write(("%d articles, %d with warnings, %d not articles\n"):format(articles, warned, not_articles))
  if warned + not_articles > 0 then state.failed = true end
end

local function template_format(args)
  local function read(path)
    local text, err = broadsheet.read_file(path)
    if not text then error({ usage = err }, 0) end
    return text
  end
  return formats.template {
    article = read(args.template),
    header = args.header_template and read(args.header_template),
    footer = args.footer_template and read(args.footer_template),
    name = args.template,
  }
end

function commands.export(args, out, state)
  local made, format = pcall(function()
    return args.template and template_format(args) or formats.resolve(args.format)
  end)
  if not made then error(type(format) == "table" and format or { usage = tostring(format) }, 0) end
  local archive = selected(args, state, args.query)
  local opts = { pretty = args.pretty, formulas = args.formulas, title = args.title, force = args.force,
                 split = args.split }
  if format.write_path then
    if not args.output then error({ usage = ("the %s format needs -o FILE"):format(format.name) }, 0) end
    archive:export(format, args.output, opts)
  elseif args.split then
    if not args.output then error({ usage = "--split needs -o DIRECTORY" }, 0) end
    archive:export(format, args.output, opts)
  else
    archive:export(format, out, opts)
  end
end

-- The index serve browses: the database given, or one built from the
-- archive afresh (into a new file renamed over the old one, so that it
-- holds what the archive holds now).
local function serve_database(args, state, state_dir)
  if sqlite_paths.is_database(args.paths) then return args.paths[1] end
  local serve = require "broadsheet.serve"
  serve.make_dir(state_dir)
  local db_path = args.db or (state_dir .. "/archive.db")
  local fresh = db_path .. ".new"
  os.remove(fresh)
  local count = formats.export("sqlite", open_archive(args, state):each(), fresh)
  local renamed, err = os.rename(fresh, db_path)
  if not renamed then error(err, 0) end
  io.stderr:write(("broadsheet: serve: %d articles indexed in %s\n"):format(count, db_path))
  return db_path
end

function commands.serve(args, _, state)
  local serve = require "broadsheet.serve"
  local program, modules = serve.find_lighttpd()
  if not program then error(modules, 0) end
  local state_dir = args.state or serve.default_state()
  local db_path = serve_database(args, state, state_dir)
  local config = serve.prepare(db_path, { state = state_dir, host = args.host, port = args.port })
  io.stderr:write(("broadsheet: serve: http://%s:%d/ (Ctrl-C stops)\n"):format(args.host, args.port))
  local stopped, err = serve.run(program, modules, config)
  if not stopped then error(err, 0) end
end

function commands.formats(_, out)
  for _, format in ipairs(formats.list()) do
    out:write(("%-10s .%-6s %s\n"):format(format.name, format.extension, format.description))
  end
end

-- An export whose -o the format writes itself (one file per article, a
-- database) rather than a stream into a file opened here.
local function writes_own_files(args)
  if args.split then return true end
  if args.command ~= "export" or args.template then return false end
  local format = formats.get(args.format)
  return format ~= nil and format.write_path ~= nil
end

--- Runs the command with the argument list argv; returns the exit status.
function cli.main(argv)
  local parser = build_parser()
  local ok, args = parser:pparse(argv)
  if not ok then
    io.stderr:write("broadsheet: usage: ", args, "\n", parser:get_usage(), "\n")
    return 2
  end
  local out, finish = open_output(not writes_own_files(args) and args.output)
  if not out then
    report(args.output, finish)
    return 1
  end
  local state = {}
  if args.paths and progress.stderr_is_terminal() then state.meter = progress.meter(io.stderr) end
  local ran, err = pcall(commands[args.command], args, out, state)
  if state.meter then state.meter.done() end
  if not ran then
    -- Options naming files that cannot be loaded are bad usage, not bad data.
    if type(err) == "table" and err.usage then
      state.usage = err.usage
    else
      report(args.command, err)
      state.failed = true
    end
  end
  local done, finish_err = finish(ran and not state.usage)
  if state.usage then
    io.stderr:write("broadsheet: ", state.usage, "\n")
    return 2
  end
  if not done then
    report(args.output or "stdout", finish_err)
    return 1
  end
  return state.failed and 1 or 0
end

return cli
