--- broadsheet.stopwords: words that join the words of a tag and are never a
-- tag alone, a small list per language, as match keys (core.tag_key).
-- Joining words stand inside a tag ("internet of things", "bosnia and
-- herzegovina"); leading words may also open one ("el salvador", "the
-- hague", "van gogh"), but end none. Words that are common tags on their
-- own ("it", "us", "la") are left out.
local joining = {
  en = { "and", "at", "by", "for", "from", "in", "of", "on", "or", "to", "with" },
  fr = { "au", "aux", "d", "en", "et", "sur" },
  de = { "dem", "fur", "im", "und", "zu", "zum", "zur" },
  es = { "y" },
  it = { "delle", "e" },
  nl = { "voor" },
}
local leading = {
  en = { "a", "an", "the" },
  fr = { "l", "le", "les", "des", "du" },
  de = { "das", "der", "die", "von" },
  es = { "de", "del", "el", "las", "los" },
  it = { "della", "di", "il" },
  nl = { "het", "van" },
  pt = { "da", "do", "dos" },
}

-- word -> "joining" or "leading"
local stopwords = {}
for kind, lists in pairs { joining = joining, leading = leading } do
  for _, words in pairs(lists) do
    for _, word in ipairs(words) do stopwords[word] = kind end
  end
end

return stopwords
