/*
** test_slug.c: unit tests for bs_tag_key and bs_slug (csrc/slug.h), and so
** for the folding under them (csrc/fold.c).
**
** Every label is copied into a buffer of exactly its length and run in a
** workspace of exactly bs_tag_workspace bytes, both from malloc, so that
** AddressSanitizer catches any read or write past either. Each label is run
** three times: without a fold cache and the workspace pre-filled with 0x00,
** then twice with one cache shared by all tests (filled with 0xFF, then
** 0x00; the second run reads what the first cached). The results must be
** identical. Every result must also be valid UTF-8, and every slug
** 1 to BS_SLUG_MAX bytes with no '-' leading, trailing or doubled. Those
** properties are counted over all labels and checked once, at the end.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check.h"
#include "slug.h"

typedef size_t (*tag_fn)(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize);

static bs_fold_cache shared_cache;

static int unstable_results;  /* labels whose two results differed */
static int invalid_utf8;      /* results that are not valid UTF-8 */
static int malformed_slugs;   /* slugs empty, too long, or with stray dashes */

/* Runs fn on label[0..n) into a fresh NUL-terminated string (caller frees);
   NULL when the function failed or memory ran out. */
static char *run(tag_fn fn, const char *label, size_t n, bs_fold_cache *cache, int fill, size_t *len) {
  char *copy = malloc(n ? n : 1), *work, *res;
  size_t ws;
  if (!copy) return NULL;
  if (n) memcpy(copy, label, n);
  ws = bs_tag_workspace(copy, n);
  work = ws != SIZE_MAX ? malloc(ws) : NULL;
  if (!work) { free(copy); return NULL; }
  memset(work, fill, ws);
  *len = fn(copy, n, cache, work, ws);
  res = *len == SIZE_MAX ? NULL : malloc(*len + 1);
  if (res) { memcpy(res, work, *len); res[*len] = '\0'; }
  free(work);
  free(copy);
  return res;
}

static int is_utf8(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
    if (k <= 0) return 0;
    i += (size_t)k;
  }
  return 1;
}

static int is_well_formed_slug(const char *s, size_t n) {
  return n >= 1 && n <= BS_SLUG_MAX && s[0] != '-' && s[n - 1] != '-' && !strstr(s, "--");
}

static int differ(const char *a, size_t len_a, const char *b, size_t len_b) {
  return !a || !b || len_a != len_b || memcmp(a, b, len_a) != 0;
}

/* Runs fn three times (see the top) and counts what the end checks look at;
   returns the first result (caller frees). */
static char *run_thrice(tag_fn fn, const char *label, size_t n, size_t *len) {
  size_t len2 = 0, len3 = 0;
  char *a = run(fn, label, n, NULL, 0x00, len);
  char *b = run(fn, label, n, &shared_cache, 0xFF, &len2);
  char *c = run(fn, label, n, &shared_cache, 0x00, &len3);
  if (differ(a, *len, b, len2) || differ(a, *len, c, len3)) unstable_results++;
  if (a && !is_utf8(a, *len)) invalid_utf8++;
  if (a && fn == bs_slug && !is_well_formed_slug(a, *len)) malformed_slugs++;
  free(b);
  free(c);
  return a;
}

static void expect_fn(tag_fn fn, const char *name, const char *label, size_t n, const char *want) {
  size_t len = 0;
  char *got = run_thrice(fn, label, n, &len);
  check_str(name, got, len, want);
  free(got);
}

/* The slug of label[0..n) must be want. */
static void slugn(const char *name, const char *label, size_t n, const char *want) {
  expect_fn(bs_slug, name, label, n, want);
}

static void slug(const char *name, const char *label, const char *want) {
  slugn(name, label, strlen(label), want);
}

/* The key of label[0..n) must be want. */
static void keyn(const char *name, const char *label, size_t n, const char *want) {
  expect_fn(bs_tag_key, name, label, n, want);
}

static void key(const char *name, const char *label, const char *want) {
  keyn(name, label, strlen(label), want);
}

/* Two (equivalent) labels must give the same result. */
static void same(tag_fn fn, const char *name, const char *label1, const char *label2) {
  size_t len1 = 0, len2 = 0;
  char *a = run_thrice(fn, label1, strlen(label1), &len1);
  char *b = run_thrice(fn, label2, strlen(label2), &len2);
  check_str(name, a, len1, b);
  free(a);
  free(b);
}

/* ---- slugs ---- */

static void test_ascii(void) {
  slug("Asia", "Asia", "asia");
  slug("US", "US", "us");
  slug("Internet of Things", "Internet of Things", "internet-of-things");
  slug("spaces around are trimmed", "  hacking  ", "hacking");
  slug("COVID-19", "COVID-19", "covid-19");
  slug("U.S.: dots inside a word go", "U.S.", "us");
  slug("U.S.A.", "U.S.A.", "usa");
  slug("U.S.-China", "U.S.-China", "us-china");
  slug("O'Reilly: an apostrophe inside a word goes", "O'Reilly", "oreilly");
  slug("rock 'n' roll", "rock 'n' roll", "rock-n-roll");
  slug("Web 2.0: a dot before a digit separates", "Web 2.0", "web-2-0");
  slug("Node.js", "Node.js", "nodejs");
  slug("runs of separators become one dash", "--Big__Data!!--2024--", "big-data-2024");
  slug("tabs and newlines separate", "open\tsource\r\nsoftware", "open-source-software");
  slug("control characters separate", "a\x01" "b\x7F" "c", "a-b-c");
  slug("...And Justice for All: an ellipsis is not .NET", "...And Justice for All", "and-justice-for-all");
  slug("Wait...what: an ellipsis separates", "Wait...what", "wait-what");
}

static void test_symbols(void) {
  slug("C++", "C++", "cpp");
  slug("C#", "C#", "csharp");
  slug("F#", "F#", "fsharp");
  slug(".NET", ".NET", "dotnet");
  slug("ASP.NET", "ASP.NET", "aspnet");
  slug("the .NET runtime", "the .NET runtime", "the-dotnet-runtime");
  slug("AT&T", "AT&T", "at-and-t");
  slug("R & D", "R & D", "r-and-d");
  slug("a single + is plus", "Google+", "google-plus");
  slug("a lone + is plus", "+", "plus");
  slug("1+1", "1+1", "1-plus-1");
  slug("Notepad++", "Notepad++", "notepadpp");
  slug("C++/CLI", "C++/CLI", "cpp-cli");
  slug("C++11", "C++11", "cpp11");
  slug("#MeToo: a leading # just separates", "#MeToo", "metoo");
  slug("C# 10", "C# 10", "csharp-10");
  slug("C♯ (music sharp sign) is C#", "C\xE2\x99\xAF", "csharp");
  slug("F♯", "F\xE2\x99\xAF", "fsharp");
  slug("fullwidth C＋＋", "Ｃ＋＋", "cpp");
  slug("C and C++ and C# stay apart (C)", "C", "c");
  slug("a symbol name counts towards the cap",
       "C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++ C++",
       "cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp-cpp");
}

static void test_unicode(void) {
  slug("Café", "Café", "cafe");
  slug("Café, decomposed", "Cafe\xCC\x81", "cafe");
  slug("İstanbul", "İstanbul", "istanbul");
  slug("Diyarbakır: dotless ı", "Diyarbakır", "diyarbakir");
  slug("Ελλάδα", "Ελλάδα", "ελλαδα");
  slug("Οδυσσεύς: case folding turns final sigma into σ", "Οδυσσεύς", "οδυσσευσ");
  slug("Йошкар-Ола: Cyrillic й keeps its breve (a letter of its own)", "Йошкар-Ола", "йошкар-ола");
  slug("हिन्दी keeps its vowel signs and virama", "हिन्दी", "हिन्दी");
  slug("Straße", "Straße", "strasse");
  slug("ﬁnance (ligature)", "ﬁnance", "finance");
  slug("ＦＵＬＬＷＩＤＴＨ", "ＦＵＬＬＷＩＤＴＨ", "fullwidth");
  slug("x²", "x²", "x2");
  slug("Ⅻ (roman numeral)", "Ⅻ", "xii");
  slug("Wi-Fi with U+2011 non-breaking hyphen", "Wi\xE2\x80\x91" "Fi", "wi-fi");
  slug("中国", "中国", "中国");
  slug("東京 2020", "東京 2020", "東京-2020");
  slug("한국 stays composed", "한국", "\xED\x95\x9C\xEA\xB5\xAD");
  slug("한국 from conjoining jamo is composed",
       "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8", "한국");
  slug("half-width ｶﾞｲﾄﾞ is composed katakana", "ｶﾞｲﾄﾞ", "ガイド");
  slug("Ærø: æ and ø are letters without decompositions, mapped", "Ærø", "aero");
  slug("Łódź", "Łódź", "lodz");
  slug("Þingvellir", "Þingvellir", "thingvellir");
  slug("Œuvre", "Œuvre", "oeuvre");
  slug("Đà Nẵng", "Đà Nẵng", "da-nang");
  slug("Ħamrun", "Ħamrun", "hamrun");
  slug("Zürich", "Zürich", "zurich");
  slug("São Paulo", "São Paulo", "sao-paulo");
  slug("Ça va", "Ça va", "ca-va");
  slug("soft hyphen is ignorable, not a separator", "co\xC2\xAD" "operate", "cooperate");
  slug("ZWNJ inside a Persian word is ignorable", "می\xE2\x80\x8C" "خواهم", "میخواهم");
  slug("क़ (U+0958) keeps its nukta, decomposed as in NFKC", "\xE0\xA5\x98", "\xE0\xA4\x95\xE0\xA4\xBC");
  slug("a keycap mark on a digit is dropped", "1\xE2\x83\xA3", "1");
  slug("a mark after a space is dropped", "a \xCC\x81" "b", "a-b");
  slug("a mark at the start is dropped", "\xCC\x81" "ab", "ab");
  slug("no-break and ideographic spaces separate", "a\xC2\xA0" "b\xE3\x80\x80" "c", "a-b-c");
  slug("zero-width space is ignorable", "a\xE2\x80\x8B" "b", "ab");
  slug("en dash separates", "1990\xE2\x80\x93" "2000", "1990-2000");
  same(bs_slug, "Café Society = Cafe Society", "Café Society", "Cafe Society");
  same(bs_slug, "Arabic shadda+fatha in either order", "\xD9\x85\xD9\x91\xD9\x8E", "\xD9\x85\xD9\x8E\xD9\x91");
  same(bs_slug, "Hangul composed = conjoining jamo", "한국",
       "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8");
}

/* ---- keys ---- */

static void test_keys(void) {
  key("case folded", "Asia", "asia");
  key("spaces squeezed and trimmed", "  Internet   of\tThings \n", "internet of things");
  key("U.S.", "U.S.", "us");
  key("U.S. Army: the dot before a space goes too", "U.S. Army", "us army");
  key("C++ keeps its symbols", "C++", "c++");
  key("C# keeps its symbol", "C#", "c#");
  key(".NET keeps its leading dot", ".NET", ".net");
  key("AT&T", "AT&T", "at&t");
  key("O'Reilly", "O'Reilly", "oreilly");
  key("O’Reilly with a curly apostrophe", "O\xE2\x80\x99Reilly", "oreilly");
  key("an apostrophe not between letters stays", "rock 'n' roll", "rock 'n' roll");
  key("a dot before a digit stays", "Web 2.0", "web 2.0");
  key("an ellipsis stays", "Wait...what", "wait...what");
  key("Straße", "Straße", "strasse");
  key("İstanbul", "İstanbul", "istanbul");
  key("Ærø", "Ærø", "aero");
  key("accents stripped", "Crème Brûlée", "creme brulee");
  key("no-break space is a space", "New\xC2\xA0York", "new york");
  key("ＦＵＬＬＷＩＤＴＨ", "ＦＵＬＬＷＩＤＴＨ", "fullwidth");
  key("hyphens stay", "Wi\xE2\x80\x91" "Fi", "wi-fi");
  key("CJK unchanged", "東京 2020", "東京 2020");
  key("Cyrillic й kept", "Йошкар-Ола", "йошкар-ола");
  key("C♯ is c#", "C\xE2\x99\xAF", "c#");
  key("an emoji is kept", "\xF0\x9F\x99\x82", "\xF0\x9F\x99\x82");
  key("a variation selector is dropped", "\xE2\x9D\xA4\xEF\xB8\x8F", "\xE2\x9D\xA4");
  keyn("empty", "", 0, "");
  key("spaces only", "   ", "");
  key("marks only", "\xCC\x81\xCC\x88", "");
  {
    size_t len = 0;
    char *got = run_thrice(bs_tag_key, "a\0b", 3, &len);
    check_true("NUL is kept in the key", got && len == 3 && memcmp(got, "a\0b", 3) == 0);
    free(got);
  }
  key("an invalid byte reads as U+FFFD", "a\xFF" "b", "a\xEF\xBF\xBD" "b");
  same(bs_tag_key, "U.S. = us", "U.S.", "us");
  same(bs_tag_key, "decomposed = precomposed", "Cafe\xCC\x81", "Café");
}

/* ---- bad input ---- */

static void test_invalid_and_nul(void) {
  slugn("NUL separates", "a\0b", 3, "a-b");
  slugn("NUL separates non-ASCII too", "é\0É", 5, "e-e");
  slug("a Latin-1 byte separates", "caf\xE9 au lait", "caf-au-lait");
  slug("a stray 0xFF separates", "a\xFF" "b", "a-b");
  slug("a truncated sequence at the end is dropped", "中\xE4\xB8", "中");
  slug("a truncated sequence in the middle separates", "Zürich\xE4\xB8" "Bern", "zurich-bern");
  slug("a lone continuation byte separates", "x\x80y", "x-y");
  slug("a code point past U+10FFFF separates", "x\xF4\x90\x80\x80y", "x-y");
  slug("a 5-byte sequence separates", "x\xF8\x88\x80\x80\x80y", "x-y");
  slug("an overlong NUL separates", "x\xC0\x80y", "x-y");
  slug("an unassigned code point separates", "x\xCD\xB8y", "x-y");
  slug("a private-use character separates", "x\xEE\x80\x80y", "x-y");
  slug("a noncharacter separates", "x\xEF\xBF\xBFy", "x-y");
  key("the key shows each bad byte as U+FFFD", "\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD");
}

/* ---- labels with nothing left: tag- and FNV-1a of the key ---- */

static void test_fallback(void) {
  slugn("empty label", "", 0, "tag-811c9dc5");
  slug("!!!", "!!!", "tag-2d53a722");
  slug("emoji only", "\xF0\x9F\x99\x82", "tag-57a37a4b");
  slug("emoji with spaces: the key's hash", "  \xF0\x9F\x99\x82 ", "tag-57a37a4b");
  slug("heart with a variation selector: the key's hash", "\xE2\x9D\xA4\xEF\xB8\x8F", "tag-afbb3724");
  slug("heart without", "\xE2\x9D\xA4", "tag-afbb3724");
  slug("flag (regional indicators)", "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8", "tag-e1817f6f");
  slug("ZWJ sequence: the joiner is ignorable", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", "tag-efcadac2");
  slug("spaces only: the empty key", "   ", "tag-811c9dc5");
  slugn("NULs only", "\0\0", 2, "tag-117697cd");
  slug("marks only: the empty key", "\xCC\x81\xCC\x81\xCC\x88", "tag-811c9dc5");
  slug("invalid bytes only", "\xFF\xFE", "tag-1be81887");
  slug("overlong encoding of '/' is invalid", "\xC0\xAF", "tag-1be81887");
  slug("encoded surrogate is invalid", "\xED\xA0\x80", "tag-feca55a8");
  slug("Hangul filler is ignorable, not a letter", "\xE3\x85\xA4", "tag-811c9dc5");
  same(bs_slug, "same key, same fallback", "\xF0\x9F\x99\x82", "\xF0\x9F\x99\x82\xEF\xB8\x8F");
  {
    size_t a = 0, b = 0;
    char *x = run(bs_slug, "\xF0\x9F\x99\x82", 4, NULL, 0, &a), *y = run(bs_slug, "!!!", 3, NULL, 0, &b);
    check_true("different keys, different fallbacks", x && y && (a != b || memcmp(x, y, a) != 0));
    free(x);
    free(y);
  }
}

/* ---- the workspace ---- */

/* Runs fn on s in a block of exactly skew + size bytes, the workspace starting
   skew bytes in (so misaligned for int32 when skew is not a multiple of 4). */
static char *run_at(tag_fn fn, const char *s, size_t skew, size_t size, size_t *len) {
  size_t n = strlen(s);
  char *block = malloc(skew + size), *res;
  if (!block) return NULL;
  memset(block, 0xA5, skew + size);
  *len = fn(s, n, &shared_cache, block + skew, size);
  res = *len == SIZE_MAX ? NULL : malloc(*len + 1);
  if (res) { memcpy(res, block + skew, *len); res[*len] = '\0'; }
  free(block);
  return res;
}

static void test_workspace(void) {
  static const char *labels[] = { "0123456789abcdefghij", "Straße", "東京 2020" };
  static const char *slugs[] = { "0123456789abcdefghij", "strasse", "東京-2020" };
  static const char *keys[] = { "0123456789abcdefghij", "strasse", "東京 2020" };
  const char *ascii = labels[0];
  size_t ws_ascii = bs_tag_workspace(ascii, strlen(ascii)), len = 0, i, skew;
  char *got;

  check_true("workspace for an empty label holds a fallback slug", bs_tag_workspace("", 0) >= 12);
  check_true("workspace for a NULL label of length 0", bs_tag_workspace(NULL, 0) == bs_tag_workspace("", 0));
  check_true("workspace for ASCII holds a code point a byte and a full slug",
             ws_ascii >= strlen(ascii) * 4 + BS_SLUG_MAX);
  check_true("workspace grows with the label", bs_tag_workspace("abcdefghijklmnopqrstuvwxyz", 26) > ws_ascii);

  /* Every skew, with exactly the size asked for: the same results. */
  for (i = 0; i < sizeof labels / sizeof *labels; i++) {
    size_t ws = bs_tag_workspace(labels[i], strlen(labels[i]));
    for (skew = 0; skew < 4; skew++) {
      char name[96];
      sprintf(name, "slug of label %u at workspace offset %u", (unsigned)i, (unsigned)skew);
      got = run_at(bs_slug, labels[i], skew, ws, &len);
      check_str(name, got, len, slugs[i]);
      free(got);
      sprintf(name, "key of label %u at workspace offset %u", (unsigned)i, (unsigned)skew);
      got = run_at(bs_tag_key, labels[i], skew, ws, &len);
      check_str(name, got, len, keys[i]);
      free(got);
    }
  }

  /* ASCII needs exactly its code points: anything less fails cleanly. */
  got = run_at(bs_slug, ascii, 0, ws_ascii - 4, &len);
  check_true("too small a workspace: slug gives SIZE_MAX", !got && len == SIZE_MAX);
  free(got);
  got = run_at(bs_tag_key, ascii, 0, ws_ascii - 4, &len);
  check_true("too small a workspace: key gives SIZE_MAX", !got && len == SIZE_MAX);
  free(got);
  got = run_at(bs_slug, ascii, 1, ws_ascii - 1, &len);
  check_true("one byte short when misaligned: slug gives SIZE_MAX", !got && len == SIZE_MAX);
  free(got);
  got = run_at(bs_tag_key, ascii, 1, ws_ascii - 1, &len);
  check_true("one byte short when misaligned: key gives SIZE_MAX", !got && len == SIZE_MAX);
  free(got);
  got = run_at(bs_slug, "", 0, 16, &len);
  check_true("16 bytes are too few even for an empty label", !got && len == SIZE_MAX);
  free(got);
  check_true("no workspace: slug gives SIZE_MAX", bs_slug("ab", 2, NULL, NULL, 100) == SIZE_MAX);
  check_true("no workspace: key gives SIZE_MAX", bs_tag_key("ab", 2, NULL, NULL, 100) == SIZE_MAX);
  {
    size_t ws = bs_tag_workspace(NULL, 0);
    char *work = malloc(ws);
    if (work) {
      len = bs_slug(NULL, 0, NULL, work, ws);
      check_str("NULL label of length 0: slug", work, len, "tag-811c9dc5");
      len = bs_tag_key(NULL, 0, NULL, work, ws);
      check_true("NULL label of length 0: key", len == 0);
    }
    free(work);
  }
}

/* ---- huge labels ---- */

/* Fills buf with count copies of unit and returns the total length. */
static size_t repeat(char *buf, const char *unit, size_t count) {
  size_t k = strlen(unit), i;
  for (i = 0; i < count; i++) memcpy(buf + i * k, unit, k);
  buf[count * k] = '\0';
  return count * k;
}

/* Checks the key of label[0..n): its length, and that it starts with prefix. */
static void key_starts(const char *name, const char *label, size_t n, size_t want_len, const char *prefix) {
  size_t len = 0;
  char *got = run_thrice(bs_tag_key, label, n, &len);
  check_true(name, got && len == want_len && memcmp(got, prefix, strlen(prefix)) == 0);
  free(got);
}

static void test_big(void) {
  enum { MB = 1 << 20 };
  char *label = malloc(MB + 1), *want = malloc(MB + 1), *got;
  size_t len = 0, n;
  if (!label || !want) { free(label); free(want); check_true("memory for 1 MB labels", 0); return; }

  n = repeat(label, "ab, ", MB / 4);
  repeat(want, "ab-", 22);
  want[BS_SLUG_MAX] = '\0';  /* "ab-ab-...-a": a word may be cut, a dash never trails */
  slug("1 MB ASCII label: capped at BS_SLUG_MAX bytes", label, want);
  key_starts("1 MB ASCII label: the key is not capped", label, n, n - 1, "ab, ab, ");

  n = repeat(label, "É", MB / 2);
  repeat(want, "e", BS_SLUG_MAX);
  slug("1 MB of É: 64 e", label, want);
  key_starts("1 MB of É: the key has every e", label, n, MB / 2, "eee");

  n = repeat(label, "中", MB / 3);
  repeat(want, "中", BS_SLUG_MAX / 3);
  slug("1 MB of 中: cut on a character boundary (63 bytes)", label, want);

  memcpy(label, "a", 1);
  n = 1 + repeat(label + 1, "ж", (MB - 1) / 2);
  memcpy(want, "a", 1);
  repeat(want + 1, "ж", (BS_SLUG_MAX - 1) / 2);
  slugn("a then 1 MB of ж: cut on a character boundary (63 bytes)", label, n, want);

  memcpy(label, "ab", 2);
  n = 2 + repeat(label + 2, "\xF0\xA0\x80\x80", (MB - 2) / 4);  /* U+20000, 4 bytes */
  memcpy(want, "ab", 2);
  repeat(want + 2, "\xF0\xA0\x80\x80", (BS_SLUG_MAX - 2) / 4);
  slugn("ab then 1 MB of U+20000: cut on a character boundary (62 bytes)", label, n, want);

  n = repeat(label, "\xFF", MB);
  slugn("1 MB of invalid bytes: a fallback", label, n, "tag-1a8c9dc5");
  n = repeat(label, "x\xFF", MB / 2);
  repeat(want, "x-", BS_SLUG_MAX / 2);
  want[BS_SLUG_MAX - 1] = '\0';
  slugn("1 MB of x and invalid bytes: repaired and capped", label, n, want);

  /* Alternating combining classes 230 and 220: quadratic for utf8proc_decompose. */
  n = repeat(label, "\xCC\x81\xCC\x96", MB / 4);
  slugn("1 MB of marks gives the empty key's fallback", label, n, "tag-811c9dc5");

  /* The same kept after a Devanagari letter (U+0951 udatta, 230, and U+0952
     anudatta, 220): each window of 30 marks is put in canonical order. */
  n = strlen("क") + repeat(label + strlen("क"), "\xE0\xA5\x91\xE0\xA5\x92", (MB - 3) / 6);
  memcpy(label, "क", strlen("क"));
  memcpy(want, "क", strlen("क"));
  repeat(want + strlen("क"), "\xE0\xA5\x92", 15);  /* 220 first, then 230 */
  repeat(want + strlen("क") + 15 * 3, "\xE0\xA5\x91", 15);
  got = run_thrice(bs_tag_key, label, n, &len);
  check_true("1 MB of kept marks: the key is as long as the label", got && len == n);
  check_true("1 MB of kept marks: first window in canonical order",
             got && len >= 3 + 30 * 3 && memcmp(got, want, 3 + 30 * 3) == 0);
  free(got);
  want[3 + 20 * 3] = '\0';
  slugn("1 MB of kept marks: the slug is the first 63 bytes", label, n, want);

  free(label);
  free(want);
}

int main(void) {
  bs_fold_cache_init(&shared_cache);
  test_ascii();
  test_symbols();
  test_unicode();
  test_keys();
  test_invalid_and_nul();
  test_fallback();
  test_workspace();
  test_big();
  check_true("every label gives one result, with or without the fold cache", unstable_results == 0);
  check_true("every key and slug is valid UTF-8", invalid_utf8 == 0);
  check_true("every slug is 1 to 64 bytes, no dash leading, trailing or doubled", malformed_slugs == 0);
  return check_done();
}
