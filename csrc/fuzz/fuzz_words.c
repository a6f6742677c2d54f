/*
** fuzz_words.c: libFuzzer harness for bs_words and bs_has_words (words.c).
** The input's first line is where the needle comes from, the rest (or the
** whole input, when it has one line) the text.
**
** Checked: the words are valid UTF-8 with single spaces between them and
** none leading or trailing, and are their own words; bs_has_words, looking
** for the first line's words whole and as a prefix, gives what a plain
** search of the text's words framed by spaces gives, and it reads its
** table only where it wrote (the table is filled with junk first).
*/
#include "fuzz.h"

#include "words.h"

/* bs_words' emit: 0 carries on. */
static int append(void *ud, const char *bytes, size_t n) {
  fuzz_append(ud, bytes, n);
  return 0;
}

/* The words of s[0..n), in a malloc'd buffer of exactly their size. */
static fuzz_buffer words_of(const char *s, size_t n) {
  fuzz_buffer g = {NULL, 0, 0};
  char *exact;
  bs_words(s, n, append, &g);
  exact = fuzz_copy(g.s, g.len);
  free(g.s);
  g.s = exact;
  g.cap = g.len;
  return g;
}

static void check_words(fuzz_buffer w) {
  size_t i;
  FUZZ_CHECK(fuzz_is_utf8(w.s, w.len), "words are not valid UTF-8");
  for (i = 0; i < w.len; i++)
    if (w.s[i] == ' ') FUZZ_CHECK(i > 0 && i + 1 < w.len && w.s[i + 1] != ' ', "stray space in the words");
}

/* Is " needle " (" needle" for a prefix) in " words "? Plain and slow. */
static int plain_search(fuzz_buffer words, fuzz_buffer needle, int prefix) {
  size_t framed_len = needle.len + (prefix ? 1 : 2), hay_len = words.len + 2, i;
  char *framed = malloc(framed_len), *hay = malloc(hay_len);
  int found = 0;
  FUZZ_CHECK(framed && hay, "out of memory");
  framed[0] = ' ';
  memcpy(framed + 1, needle.s, needle.len);
  if (!prefix) framed[framed_len - 1] = ' ';
  hay[0] = hay[hay_len - 1] = ' ';
  memcpy(hay + 1, words.s, words.len);
  for (i = 0; !found && i + framed_len <= hay_len; i++) found = memcmp(hay + i, framed, framed_len) == 0;
  free(framed);
  free(hay);
  return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *nl = memchr(data, '\n', size);
  size_t first = nl ? (size_t)(nl - (const char *)data) : size;
  char *line = fuzz_copy(data, first);
  size_t text_len = nl ? size - first - 1 : size;
  char *text = fuzz_copy(nl ? nl + 1 : (const char *)data, text_len);
  fuzz_buffer words = words_of(text, text_len), needle = words_of(line, first), again;
  size_t *table = malloc(bs_match_table_size(needle.len) * sizeof *table);
  int prefix;
  FUZZ_CHECK(table != NULL, "out of memory");
  check_words(words);
  again = words_of(words.s, words.len);
  FUZZ_CHECK(again.len == words.len && memcmp(again.s, words.s, words.len) == 0, "words are not their own words");
  for (prefix = 0; prefix <= 1; prefix++) {
    int want = needle.len > 0 && plain_search(words, needle, prefix);
    memset(table, 0xA5, bs_match_table_size(needle.len) * sizeof *table);
    FUZZ_CHECK(bs_has_words(text, text_len, needle.s, needle.len, prefix, table) == want,
               "bs_has_words disagrees with a plain search of the words");
  }
  free(table);
  free(again.s);
  free(words.s);
  free(needle.s);
  free(text);
  free(line);
  return 0;
}
