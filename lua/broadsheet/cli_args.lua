--- The command line before argparse sees it. A query is a negation as often
-- as not ('-tag:us'), which argparse would take for an option; and `-q=X`,
-- read the way argparse reads short options, would be the query "=X" that
-- matches nothing. This pass finds the command and its query, and hands
-- argparse arguments it reads as meant.
local cli_args = {}

-- What argparse gets in place of a query that starts with "-".
local PLACEHOLDER = "\0query"

-- Whether each option name of an argparse command takes a value (argparse
-- keeps them as _aliases and _maxargs of its options).
local function option_arity(command, into)
  into = into or {}
  for _, option in ipairs(command._options) do
    for _, alias in ipairs(option._aliases) do into[alias] = option._maxargs > 0 end
  end
  return into
end

-- Is the argument an option of arity's command? "--sort=date" is "--sort".
local function option_name(arg, arity)
  if arity[arg] ~= nil then return arg end
  local long = arg:match("^(%-%-[^=]+)=")
  if long and arity[long] ~= nil then return long end
  return nil
end

--- The index and name of the command in argv (skipping the parser's own
-- options and their values), or nil when there is none.
function cli_args.find_command(argv, parser, commands)
  local arity = option_arity(parser)
  local i = 1
  while argv[i] do
    local arg = argv[i]
    if arg == "--" then return nil end
    local name = option_name(arg, arity)
    if name then
      if arity[name] and name == arg then i = i + 1 end -- its value
    elseif arg:sub(1, 1) ~= "-" then
      return i, commands[arg] and arg or nil
    end
    i = i + 1
  end
  return nil
end

--- argv rewritten for argparse, and a function that puts a protected query
-- back into the parsed arguments. For `query`, a first positional that
-- starts with "-" is the query; for `export`, the value after -q or
-- --query is the query whatever it starts with, and -q=X is the query X.
function cli_args.prepare(argv, parser, commands)
  local at, name = cli_args.find_command(argv, parser, commands)
  local function unchanged(args) return args end
  if not name or (name ~= "query" and name ~= "export") then return argv, unchanged end
  local arity = option_arity(commands[name], option_arity(parser))
  local out, query_text, positional = {}, nil, false
  for i = 1, at do out[i] = argv[i] end
  local i = at + 1
  while argv[i] do
    local arg = argv[i]
    local option = option_name(arg, arity)
    if arg == "--" then
      for j = i, #argv do out[#out + 1] = argv[j] end
      break
    elseif name == "export" and (arg == "-q" or arg == "--query") and argv[i + 1] then
      out[#out + 1] = "--query=" .. argv[i + 1]
      i = i + 1
    elseif name == "export" and arg:match("^%-q=") then
      out[#out + 1] = "--query=" .. arg:sub(4)
    elseif option then
      out[#out + 1] = arg
      if arity[option] and option == arg and argv[i + 1] then
        out[#out + 1] = argv[i + 1]
        i = i + 1
      end
    elseif name == "query" and not positional and arg:match("^%-.") and arg:sub(2, 2) ~= "-" then
      query_text, positional = arg, true
      out[#out + 1] = PLACEHOLDER
    else
      if arg:sub(1, 1) ~= "-" or arg == "-" then positional = true end
      out[#out + 1] = arg
    end
    i = i + 1
  end
  return out, function(args)
    if args.query == PLACEHOLDER then args.query = query_text end
    return args
  end
end

return cli_args
