--- bench/labels.lua: generated tag labels for the tags section: 1-3 words
-- from fixed lists of real-world tag words (topics, places, companies,
-- people) in varied case, about 30% of them non-ASCII (accented Latin,
-- Greek, Cyrillic, CJK, Arabic, Devanagari, emoji, fullwidth forms,
-- ligatures) and some with symbols (C++, C#, .NET, AT&T, U.S.). Like
-- bench/gen, it uses its own PRNG seeded per label, so label i is the same
-- whatever the count.
--   require("labels").write(path, count, seed)
local labels = {}
local concat = table.concat
local seed = 1

-- PRNG (as in bench/gen) ------------------------------------------------------

-- Lua 5.4 integers are 64-bit and wrap on overflow, and >> is a logical
-- shift, which is exactly what these two generators need.
local state = 1

local function splitmix(z)
  z = z + 0x9E3779B97F4A7C15
  z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
  z = (z ~ (z >> 27)) * 0x94D049BB133111EB
  return z ~ (z >> 31)
end

local function reseed(i)
  state = splitmix(splitmix(seed) ~ i)
  if state == 0 then state = 0x2545F4914F6CDD1D end -- xorshift's one bad state
end

-- An integer in 1..n.
local function rand(n)
  local x = state
  x = x ~ (x << 13)
  x = x ~ (x >> 7)
  x = x ~ (x << 17)
  state = x
  return (x >> 11) % n + 1
end

local function chance(percent)
  return rand(100) <= percent
end

local function pick(list)
  return list[rand(#list)]
end

-- Word lists -------------------------------------------------------------------

-- Entries are separated by "|" so that one entry may hold several words.
local function entries(s)
  local t = {}
  for e in s:gmatch("[^|]+") do
    e = e:match("^%s*(.-)%s*$")
    if e ~= "" then t[#t + 1] = e end
  end
  return t
end

-- Plain ASCII entries, the bulk of any archive's tags.
local TOPICS = entries [[
  security | privacy | cloud | cloud computing | data | data protection | big data | AI |
  artificial intelligence | machine learning | deep learning | blockchain | bitcoin | crypto |
  ransomware | malware | phishing | hacking | cybersecurity | espionage | surveillance |
  encryption | broadband | 5G | 4G | telecoms | satellites | semiconductors | chips |
  smartphones | wearables | streaming | gaming | esports | e-commerce | fintech | banking |
  payments | mobile payments | healthcare | biotech | energy | renewables | solar | elections |
  regulation | antitrust | GDPR | IoT | internet of things | open source | startups | start-ups |
  venture capital | funding | IPO | mergers | acquisitions | robotics | drones |
  autonomous vehicles | electric vehicles | EV | batteries | quantum computing | outages |
  data centres | data centers | storage | databases | networking | software | hardware |
  developers | DevOps | Kubernetes | Linux | Windows | Android | iOS | iPhone | retail |
  logistics | trade | tariffs | sanctions | jobs | layoffs | earnings | results | policy |
  legal | courts | lawsuits | patents | copyright | social media | advertising | search |
  browsers | email | SaaS | ERP | CRM | supply chain | manufacturing | space | climate
]]

local PLACES = entries [[
  London | Berlin | Paris | Brussels | Dublin | Amsterdam | Stockholm | Helsinki | Madrid |
  Rome | Warsaw | Vienna | New York | San Francisco | Silicon Valley | Seattle | Austin |
  Washington | Toronto | Beijing | Shanghai | Shenzhen | Hong Kong | Taipei | Tokyo | Seoul |
  Singapore | Bangalore | Mumbai | Delhi | Sydney | Melbourne | Nairobi | Lagos | Cairo |
  Dubai | Tel Aviv | Moscow | Kyiv | Istanbul | China | Japan | India | Germany | France |
  UK | US | USA | EU | Europe | Asia | Africa | Russia | Ukraine | Brazil | Australia | Canada
]]

local COMPANIES = entries [[
  Microsoft | Google | Alphabet | Apple | Amazon | AWS | Meta | Facebook | Instagram |
  WhatsApp | Twitter | X | Samsung | Huawei | ZTE | Xiaomi | Intel | AMD | Nvidia | Arm |
  Qualcomm | IBM | Oracle | SAP | Cisco | Nokia | Ericsson | Vodafone | BT | Orange |
  Deutsche Telekom | Verizon | Tesla | SpaceX | Netflix | Spotify | Uber | Lyft | Airbnb |
  OpenAI | Anthropic | DeepMind | TSMC | Alibaba | Tencent | Baidu | ByteDance | TikTok |
  YouTube | LinkedIn | GitHub | Salesforce | Adobe | PayPal | Stripe | Visa | Mastercard |
  Dell | HP | Lenovo | Sony | Nintendo | Toyota | Volkswagen | Siemens | Philips
]]

local PEOPLE = entries [[
  Elon Musk | Tim Cook | Satya Nadella | Sundar Pichai | Mark Zuckerberg | Jeff Bezos |
  Bill Gates | Jensen Huang | Lisa Su | Sam Altman | Jack Ma | Masayoshi Son |
  Margrethe Vestager | Ursula von der Leyen | Emmanuel Macron | Joe Biden | Donald Trump |
  Xi Jinping | Narendra Modi | Edward Snowden | Julian Assange | Linus Torvalds
]]

-- ASCII tags whose symbols matter: slugifiers that drop them collide.
local SYMBOLS = entries [[
  C++ | C# | F# | .NET | ASP.NET | AT&T | U.S. | U.K. | E.U. | R&D | M&A | Q&A | B2B |
  H&M | P&G | S&P 500 | T-Mobile | O'Reilly | Node.js | Vue.js | Yahoo! | E*Trade |
  COVID-19 | 24/7 | IPv6 | x86 | ARM64 | Wi-Fi | AI/ML | #MeToo | @Twitter | 100% | $5bn
]]

-- Non-ASCII entries by kind, with the share of non-ASCII labels each gets.
local UNICODE = {
  { 40, entries [[
    Zürich | ZÜRICH | São Paulo | Łódź | ŁÓDŹ | İstanbul | İSTANBUL | München | Düsseldorf |
    Kraków | Gdańsk | Malmö | Montréal | Bogotá | Curaçao | Reykjavík | Ålesund | Straße |
    STRAẞE | Škoda | Citroën | Nestlé | Société Générale | Crédit Agricole | Diyarbakır |
    Ærø | Øresund | Þingvellir | Dvořák | Pedro Sánchez | Recep Tayyip Erdoğan | Lech Wałęsa |
    Jürgen Klopp | François Hollande | Hà Nội | Việt Nam | Türkiye | España | Español |
    café | naïve | résumé | Zoë | Ångström | Český Krumlov
  ]] },
  { 12, entries [[
    Москва | МОСКВА | Россия | Санкт-Петербург | Украина | Київ | Беларусь | Газпром |
    Яндекс | Сбербанк | Владимир Путин | София | Београд | Қазақстан
  ]] },
  { 6, entries [[
    Αθήνα | ΑΘΗΝΑ | Ελλάδα | Θεσσαλονίκη | Κυριάκος Μητσοτάκης | Κύπρος | Σύνταγμα
  ]] },
  { 16, entries [[
    中国 | 北京 | 上海 | 深圳 | 香港 | 台湾 | 華為 | 华为 | 阿里巴巴 | 腾讯 | 小米 | 习近平 |
    東京 | 東京 2020 | 日本 | 大阪 | ソニー | トヨタ | 任天堂 | ソフトバンク | 한국 | 서울 | 삼성 |
    카카오
  ]] },
  { 5, entries [[
    القاهرة | دبي | السعودية | الرياض | مصر | أرامكو | قطر | ישראל | תל אביב
  ]] },
  { 5, entries [[
    हिन्दी | भारत | दिल्ली | मुंबई | नरेंद्र मोदी | बेंगलुरु | ไทย | กรุงเทพ
  ]] },
  { 4, entries [[
    🚀 | 🔒 | 📱 | 🤖 | 💰 | 🇺🇸 | 🇪🇺 | ❤️ | 👩‍💻 | 🔥
  ]] },
  { 3, entries [[
    ＦＵＬＬＷＩＤＴＨ | ＡＩ | ５Ｇ | ＩＢＭ | ｉＰｈｏｎｅ | ＡＴ＆Ｔ | Ｃ＋＋
  ]] },
  { 3, entries [[
    ﬁnance | ﬁntech | ﬂights | oﬃce | ﬁrmware | Ⅻ | ǅemal
  ]] },
  -- Typography: a non-breaking hyphen (Wi‑Fi), a non-breaking space
  -- (São Paulo), a combining accent (Café), curly quotes, signs.
  { 6, entries [[
    x² | Wi‑Fi | Apple™ | Android® | €5m | £2bn | ½ price | 50°C | № 1 | “smart cities” |
    McDonald’s | São Paulo | Café | e‑commerce | Q3 — results | Nº 10 | 3×3
  ]] },
}

local UNICODE_TOTAL = 0
for _, kind in ipairs(UNICODE) do UNICODE_TOTAL = UNICODE_TOTAL + kind[1] end

-- Labels -----------------------------------------------------------------------

local function ascii_entry()
  local r = rand(100)
  if r <= 45 then return pick(TOPICS) end
  if r <= 63 then return pick(PLACES) end
  if r <= 83 then return pick(COMPANIES) end
  if r <= 90 then return pick(PEOPLE) end
  return pick(SYMBOLS)
end

local function unicode_entry()
  local r = rand(UNICODE_TOTAL)
  for _, kind in ipairs(UNICODE) do
    if r <= kind[1] then return pick(kind[2]) end
    r = r - kind[1]
  end
  error("unreachable")
end

-- Case as people type it: as listed, lower, UPPER or Title (per word
-- between spaces). string.lower and upper change ASCII letters only (Lua
-- runs in the C locale), which keeps the output the same everywhere; the
-- non-ASCII lists carry their own capitals.
local function title(s)
  return (s:gsub("(%S)(%S*)", function(a, b) return a:upper() .. b:lower() end))
end

local function label()
  local r = rand(100)
  local n = r <= 50 and 1 or r <= 85 and 2 or 3
  local fancy_at = chance(30) and rand(n) or 0 -- ~30% carry one non-ASCII entry
  local words = {}
  for k = 1, n do
    words[k] = k == fancy_at and unicode_entry() or ascii_entry()
  end
  r = rand(100)
  local sep = r <= 88 and " " or r <= 95 and "-" or r <= 97 and "/" or "_"
  local s = concat(words, sep)
  r = rand(100)
  if r <= 25 then
    s = s:lower()
  elseif r <= 33 then
    s = s:upper()
  elseif r <= 45 then
    s = title(s)
  end
  if chance(2) then s = " " .. s .. " " end
  return s
end


--- Writes count labels to path, one a line.
function labels.write(path, count, label_seed)
  seed = label_seed
  local file = assert(io.open(path, "wb"))
  for i = 0, count - 1 do
    reseed(i)
    file:write(label(), "\n")
  end
  assert(file:close())
end

return labels
