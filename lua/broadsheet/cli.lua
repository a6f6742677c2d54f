--- The broadsheet command: `broadsheet parse PATH...`.
-- Errors are one line, "broadsheet: WHERE: WHAT"; exit status 1 for bad
-- data, 2 for bad usage.
local argparse = require "argparse"
local cjson = require "cjson"
local broadsheet = require "broadsheet"
local walk = require "broadsheet.walk"

local cli = {}

local function build_parser()
  local parser = argparse("broadsheet", "Parse, filter and export archived news articles.")
    :add_help_command()
  parser:command_target("command")
  parser:option("-o --output", "Write to FILE instead of standard output.")
  local parse = parser:command("parse", "Print one JSON record per article, one per line.")
  parse:argument("paths", "Files, directories (recursively) or - for standard input."):args("+")
  parse:option("--pattern", "File names to read inside directories.", "*.txt")
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
  local temp = path .. ".tmp-" .. tostring(os.time())
  local file, err = io.open(temp, "wb")
  if not file then return nil, err end
  return file, function(ok)
    file:close()
    if ok then return os.rename(temp, path) end
    os.remove(temp)
    return true
  end
end

local function read_source(path)
  if path == "-" then return io.stdin:read("a") or "" end
  return broadsheet.read_file(path)
end

local function run_parse(args, out)
  local json = cjson.new()
  local failed = false
  walk.each(args.paths, function(path, dir, err)
    if not path then
      report(dir, err)
      failed = true
      return
    end
    local text, read_err = read_source(path)
    if not text then
      report(path, (read_err:gsub("^" .. path:gsub("%p", "%%%0") .. ": ", "")))
      failed = true
      return
    end
    local ok, record = pcall(broadsheet.parse, text, { source = path })
    if ok then
      out:write(json.encode(record), "\n")
    else
      report(path, record)
      failed = true
    end
  end, args.pattern)
  return failed and 1 or 0
end

--- Runs the command with the argument list argv; returns the exit status.
function cli.main(argv)
  local parser = build_parser()
  local ok, args = parser:pparse(argv)
  if not ok then
    io.stderr:write("broadsheet: usage: ", args, "\n", parser:get_usage(), "\n")
    return 2
  end
  local out, finish = open_output(args.output)
  if not out then
    report(args.output, finish)
    return 1
  end
  local ran, status = pcall(run_parse, args, out)
  if not ran then
    report(args.command, status)
    status = 1
  end
  local done, finish_err = finish(ran)
  if not done then
    report(args.output or "stdout", finish_err)
    return 1
  end
  return status
end

return cli
