-- A command module whose main fails at once: what a -j worker that dies
-- before sharing what it learned looks like to the parent (spec/parallel_spec.lua).
return { main = function() return 3 end }
