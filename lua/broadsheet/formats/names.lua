--- Names that must stay unique within one export (file names, page anchors,
-- feed entry ids) when an archive holds the same article twice.
local names = {}

--- stem the first time, then stem-2, stem-3, ...; taken remembers them.
function names.unique(taken, stem)
  local name, n = stem, 1
  while taken[name] do
    n = n + 1
    name = stem .. "-" .. n
  end
  taken[name] = true
  return name
end

return names
