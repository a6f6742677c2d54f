--- broadsheet.sqlite_paths: an archive database named where the commands
-- take files (`broadsheet query 'Q' archive.db`), read as an archive.
local archive = require "broadsheet.archive"

local sqlite_paths = {}

-- The first 16 bytes of every SQLite 3 database file.
local MAGIC = "SQLite format 3\0"

--- Whether the paths are one SQLite database file.
function sqlite_paths.is_database(paths)
  if type(paths) ~= "table" or #paths ~= 1 or paths[1] == "-" then return false end
  local file = io.open(paths[1], "rb")
  if not file then return false end
  local head = file:read(#MAGIC)
  file:close()
  return head == MAGIC
end

--- The articles of the database at path that a query's tree matches (all
-- without one), in the order they were exported, as an archive whose
-- context opts make (as broadsheet.open's: tagger, aliases, vocabulary).
-- Its tagger turns the query's tags into slugs, as a folder's filters do.
-- With a list of record keys (keys), the records hold at least those.
function sqlite_paths.archive(path, tree, opts, keys)
  local db = require("broadsheet.database").open(path)
  local where, params = "1", {}
  local result = archive.from(function() return db:each(where, params, keys) end, opts)
  if tree then where, params = require("broadsheet.sql").where(tree, { tagger = result.context.tagger }) end
  return result
end

return sqlite_paths
