/*
** test_slug.c: unit tests for bs_slug (csrc/slug.c).
**
** Every label is copied into a buffer of exactly its length and slugged in a
** workspace of exactly bs_slug_workspace bytes, both from malloc, so that
** AddressSanitizer catches any read or write past either. Each label is
** slugged twice, with the workspace pre-filled with 0x00 and then 0xFF; the
** results must be identical (checked once, at the end, for all labels).
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "slug.h"

static int unstable_labels;  /* labels whose two slugs differed */

/* Slugs label[0..n) into a fresh NUL-terminated string (caller frees). */
static char *slugify(const char *label, size_t n, int fill, size_t *len) {
  char *copy = malloc(n ? n : 1), *work, *res;
  size_t ws;
  if (!copy) return NULL;
  if (n) memcpy(copy, label, n);
  ws = bs_slug_workspace(copy, n);
  work = ws ? malloc(ws) : NULL;
  if (!work) { free(copy); return NULL; }
  memset(work, fill, ws);
  *len = bs_slug(copy, n, work, ws);
  res = malloc(*len + 1);
  if (res) { memcpy(res, work, *len); res[*len] = '\0'; }
  free(work);
  free(copy);
  return res;
}

static void expectn(const char *name, const char *label, size_t n, const char *want) {
  size_t len1 = 0, len2 = 0;
  char *a = slugify(label, n, 0x00, &len1);
  char *b = slugify(label, n, 0xFF, &len2);
  check_str(name, a, len1, want);
  if (!a || !b || len1 != len2 || memcmp(a, b, len1) != 0) unstable_labels++;
  free(a);
  free(b);
}

static void expect(const char *name, const char *label, const char *want) {
  expectn(name, label, strlen(label), want);
}

/* The slug of one label must equal the slug of another (equivalent) one. */
static void expect_same(const char *name, const char *label1, const char *label2) {
  size_t len1 = 0, len2 = 0;
  char *a = slugify(label1, strlen(label1), 0, &len1);
  char *b = slugify(label2, strlen(label2), 0, &len2);
  check_str(name, a, len1, b);
  free(a);
  free(b);
}

static void test_ascii(void) {
  expect("Asia", "Asia", "asia");
  expect("US", "US", "us");
  expect("Internet of Things", "Internet of Things", "internet-of-things");
  expect("spaces around are trimmed", "  hacking  ", "hacking");
  expect("COVID-19", "COVID-19", "covid-19");
  expect("U.S.", "U.S.", "u-s");
  expect("runs of separators become one dash", "--Big__Data!!--2024--", "big-data-2024");
  expect("tabs and newlines separate", "open\tsource\r\nsoftware", "open-source-software");
  expect("C++ (symbols are named in a later step)", "C++", "c");
}

static void test_unicode(void) {
  expect("Café", "Café", "cafe");
  expect("Café, decomposed", "Cafe\xCC\x81", "cafe");
  expect("İstanbul", "İstanbul", "istanbul");
  expect("Ελλάδα", "Ελλάδα", "ελλαδα");
  expect("Οδυσσεύς: case folding turns final sigma into σ", "Οδυσσεύς", "οδυσσευσ");
  expect("Йошкар-Ола: Cyrillic й keeps its breve (a letter of its own)", "Йошкар-Ола", "йошкар-ола");
  expect("हिन्दी keeps its vowel signs and virama", "हिन्दी", "हिन्दी");
  expect("Straße", "Straße", "strasse");
  expect("ﬁnance (ligature)", "ﬁnance", "finance");
  expect("ＦＵＬＬＷＩＤＴＨ", "ＦＵＬＬＷＩＤＴＨ", "fullwidth");
  expect("x²", "x²", "x2");
  expect("Ⅻ (roman numeral)", "Ⅻ", "xii");
  expect("Wi-Fi with U+2011 non-breaking hyphen", "Wi\xE2\x80\x91" "Fi", "wi-fi");
  expect("中国", "中国", "中国");
  expect("東京 2020", "東京 2020", "東京-2020");
  expect("한국 stays composed", "한국", "\xED\x95\x9C\xEA\xB5\xAD");
  expect("한국 from conjoining jamo is composed",
         "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8", "한국");
  expect("Ærø: æ and ø are letters without decompositions", "Ærø", "ærø");
  expect("Zürich", "Zürich", "zurich");
  expect("São Paulo", "São Paulo", "sao-paulo");
  expect("Ça va", "Ça va", "ca-va");
  expect("soft hyphen is ignorable, not a separator", "co\xC2\xAD" "operate", "cooperate");
  expect("ZWNJ inside a Persian word is ignorable", "می\xE2\x80\x8C" "خواهم", "میخواهم");
  expect("क़ (U+0958) keeps its nukta, decomposed as in NFKC", "\xE0\xA5\x98", "\xE0\xA4\x95\xE0\xA4\xBC");
  expect("a keycap mark on a digit is dropped", "1\xE2\x83\xA3", "1");
  expect("a mark after a space is dropped", "a \xCC\x81" "b", "a-b");
  expect_same("Café Society = Cafe Society", "Café Society", "Cafe Society");
  expect_same("Arabic shadda+fatha in either order",
              "\xD9\x85\xD9\x91\xD9\x8E", "\xD9\x85\xD9\x8E\xD9\x91");
}

static void test_invalid_and_nul(void) {
  expectn("NUL separates", "a\0b", 3, "a-b");
  expectn("NUL separates non-ASCII too", "é\0É", 5, "e-e");
  expect("a Latin-1 byte separates", "caf\xE9 au lait", "caf-au-lait");
  expect("a stray 0xFF separates", "a\xFF" "b", "a-b");
  expect("a truncated sequence at the end is dropped", "中\xE4\xB8", "中");
  expect("a truncated sequence in the middle separates", "Zürich\xE4\xB8" "Bern", "zurich-bern");
  expect("a lone continuation byte separates", "x\x80y", "x-y");
}

static void test_fallback(void) {
  expectn("empty label", "", 0, "tag-811c9dc5");
  expect("!!!", "!!!", "tag-2d53a722");
  expect("emoji only", "\xF0\x9F\x99\x82", "tag-57a37a4b");
  expect("spaces only", "   ", "tag-87384657");
  expectn("NULs only", "\0\0", 2, "tag-117697cd");
  expect("marks only", "\xCC\x81\xCC\x81\xCC\x88", "tag-b1dbb289");
  expect("invalid bytes only", "\xFF\xFE", "tag-d01ebb10");
  expect("overlong encoding of '/' is invalid", "\xC0\xAF", "tag-209a1a50");
  expect("encoded surrogate is invalid", "\xED\xA0\x80", "tag-75a7b798");
  expect("Hangul filler is ignorable, not a letter", "\xE3\x85\xA4", "tag-5235c983");
  {
    size_t len = 0;
    char ws[16];
    len = bs_slug(NULL, 0, ws, sizeof ws);
    check_str("NULL label of length 0", ws, len, "tag-811c9dc5");
  }
}

static void test_workspace(void) {
  const char *s = "Straße";  /* s t r a s s e: 7 code points */
  size_t ws = bs_slug_workspace(s, strlen(s));
  char *work = malloc(ws + 1);
  check_true("workspace for an empty label holds the fallback", bs_slug_workspace("", 0) >= 16);
  check_true("workspace for ASCII is the label's length", bs_slug_workspace("0123456789abcdefghij", 20) == 20);
  check_true("workspace for Straße is 7 code points plus alignment slack", ws == 7 * 4 + 3);
  if (!work) return;
  check_true("too small a workspace gives 0", bs_slug(s, strlen(s), work, ws - 4) == 0);
  check_true("less than 16 bytes gives 0", bs_slug("ab", 2, work, 15) == 0);
  check_true("no workspace gives 0", bs_slug("ab", 2, NULL, 100) == 0);
  {
    size_t len = bs_slug(s, strlen(s), work + 1, ws);  /* not int32-aligned */
    check_str("misaligned workspace", work + 1, len, "strasse");
  }
  free(work);
}

/* Fills buf with count copies of unit and returns the total length. */
static size_t repeat(char *buf, const char *unit, size_t count) {
  size_t k = strlen(unit), i;
  for (i = 0; i < count; i++) memcpy(buf + i * k, unit, k);
  buf[count * k] = '\0';
  return count * k;
}

static void test_big(void) {
  enum { MB = 1 << 20 };
  char *label = malloc(MB + 1), *want = malloc(MB + 1), *got;
  size_t len = 0;
  if (!label || !want) { free(label); free(want); check_true("memory for 1 MB labels", 0); return; }

  repeat(label, "ab, ", MB / 4);
  repeat(want, "ab-", MB / 4);
  want[MB / 4 * 3 - 1] = '\0';
  expect("1 MB ASCII label", label, want);

  repeat(label, "É", MB / 2);
  repeat(want, "e", MB / 2);
  expect("1 MB of É", label, want);

  /* Alternating combining classes 230 and 220: quadratic for utf8proc_decompose. */
  repeat(label, "\xCC\x81\xCC\x96", MB / 4);
  got = slugify(label, MB, 0, &len);
  check_true("1 MB of marks gives a fallback", got && len == 12 && memcmp(got, "tag-", 4) == 0);
  free(got);

  /* The same kept after a Devanagari letter (U+0951 udatta, 230, and U+0952
     anudatta, 220): each window of 30 marks is put in canonical order. */
  {
    size_t n = strlen("क") + repeat(label + strlen("क"), "\xE0\xA5\x91\xE0\xA5\x92", (MB - 3) / 6);
    memcpy(label, "क", strlen("क"));
    got = slugify(label, n, 0, &len);
    check_true("1 MB of kept marks: as long as the label", got && len == n);
    memcpy(want, "क", strlen("क"));
    repeat(want + strlen("क"), "\xE0\xA5\x92", 15);  /* 220 first, then 230 */
    repeat(want + strlen("क") + 15 * 3, "\xE0\xA5\x91", 15);
    check_true("1 MB of kept marks: first window in canonical order",
               got && len >= 3 + 30 * 3 && memcmp(got, want, 3 + 30 * 3) == 0);
    free(got);
  }
  free(label);
  free(want);
}

int main(void) {
  test_ascii();
  test_unicode();
  test_invalid_and_nul();
  test_fallback();
  test_workspace();
  test_big();
  check_true("every label gives the same slug on a second call", unstable_labels == 0);
  return check_done();
}
