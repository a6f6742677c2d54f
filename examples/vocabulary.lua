-- A tag vocabulary, as `broadsheet tags --learn` writes one: the tags of
-- several words that space-joined tag lines print, and how often each was
-- seen. `--vocabulary examples/vocabulary.lua` splits such lines by it.
return {
  tags = {
    ["artificial intelligence"] = 2,
    ["cloud computing"] = 1,
    ["data centres"] = 1,
    ["internet of things"] = 1,
    ["machine learning"] = 1,
    ["open source"] = 1,
    ["speech recognition"] = 1,
    ["trade war"] = 3,
  },
}
