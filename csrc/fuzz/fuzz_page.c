/*
** fuzz_page.c: libFuzzer harness for finding the article in a page dump:
** bs_text_scan and bs_text_clean, then bs_page_is_dump, bs_page_max_blocks
** and bs_page_parse (whatever the detection says: a page parse must cope with
** any text; the text's first line stands for a profile's known line), then
** bs_page_leftover on every head block and bs_page_squeeze on every block.
**
** Checked: blocks are non-empty, in text order, do not overlap and stay
** inside the text; their kinds are known ones; the head fields lie inside
** head blocks; a date round-trips through bs_parse_date; the leftover of a
** head block and the squeezed text of every block are valid UTF-8 and fit in
** the block, with no more words than the block; warnings are the page's
** own; and every non-blank line lands in some block (nothing is lost).
*/
#include "fuzz.h"

#include "date.h"
#include "page.h"
#include "text.h"

static int has(bs_span s) {
  return s.end > s.start;
}

static void check_field(const bs_page_block *blocks, size_t count, bs_span field) {
  size_t i;
  if (!has(field)) return;
  for (i = 0; i < count; i++)
    if (blocks[i].kind == BS_PAGE_HEAD && blocks[i].span.start <= field.start && field.end <= blocks[i].span.end)
      return;
  FUZZ_CHECK(0, "head field outside every head block");
}

static void check_blocks(const char *t, size_t n, const bs_page_block *blocks, const bs_page *page) {
  size_t i, last = 0;
  for (i = 0; i < page->nblocks; i++) {
    const bs_page_block *b = &blocks[i];
    FUZZ_CHECK(b->span.start < b->span.end && b->span.end <= n, "block empty or outside the text");
    FUZZ_CHECK(i == 0 || b->span.start > last, "blocks out of order or overlapping");
    FUZZ_CHECK(b->kind == BS_PAGE_BOILERPLATE || b->kind == BS_PAGE_BODY || b->kind == BS_PAGE_HEAD,
               "unknown block kind");
    FUZZ_CHECK(fuzz_is_utf8(t + b->span.start, b->span.end - b->span.start), "block is not valid UTF-8");
    {
      size_t size = b->span.end - b->span.start, len, words;
      char *dst = malloc(size);
      FUZZ_CHECK(dst != NULL, "out of memory");
      len = bs_page_squeeze(t, b->span, dst, &words);
      FUZZ_CHECK(len <= size, "squeezed text longer than its block");
      FUZZ_CHECK(fuzz_is_utf8(dst, len), "squeezed text is not valid UTF-8");
      FUZZ_CHECK(words <= bs_count_words(t + b->span.start, size), "squeezed text has more words than its block");
      free(dst);
    }
    if (b->kind == BS_PAGE_HEAD) {
      size_t size = b->span.end - b->span.start, len;
      char *dst = malloc(size);
      FUZZ_CHECK(dst != NULL, "out of memory");
      len = bs_page_leftover(t, b, page, dst);
      FUZZ_CHECK(len <= size, "leftover longer than its block");
      FUZZ_CHECK(fuzz_is_utf8(dst, len), "leftover is not valid UTF-8");
      free(dst);
    }
    last = b->span.end;
  }
}

static void check_head(const char *t, const bs_page_block *blocks, const bs_page *page) {
  check_field(blocks, page->nblocks, page->title);
  check_field(blocks, page->nblocks, page->date_text);
  check_field(blocks, page->nblocks, page->byline);
  FUZZ_CHECK(memchr(page->date, '\0', BS_DATE_MAX) != NULL, "date not NUL-terminated");
  FUZZ_CHECK(has(page->date_text) == (page->date[0] != '\0'), "date without date_text or back");
  if (has(page->date_text)) {
    char iso[BS_DATE_MAX];
    const char *why;
    FUZZ_CHECK(bs_parse_date(t + page->date_text.start, page->date_text.end - page->date_text.start, iso, &why) &&
                   strcmp(iso, page->date) == 0,
               "date_text does not parse to date");
  }
  FUZZ_CHECK(!(page->warnings & ~(unsigned)(BS_WARN_EMPTY | BS_WARN_NOTITLE | BS_WARN_NOBODY)),
             "page set a warning that is not its own");
  FUZZ_CHECK(!!(page->warnings & BS_WARN_NOTITLE) == (!has(page->title) && page->nblocks > 0),
             "no-title warning disagrees with the title");
}

/* Every non-blank line shares a byte with some block. */
static void check_nothing_lost(const char *t, size_t n, const bs_page_block *blocks, const bs_page *page) {
  size_t p = 0, i = 0;
  while (p < n) {
    const char *nl = memchr(t + p, '\n', n - p);
    bs_span s;
    size_t k;
    s.start = p;
    s.end = nl ? (size_t)(nl - t) : n;
    p = s.end + 1;
    while (s.start < s.end && (k = bs_space_len(t + s.start, t + s.end)) > 0) s.start += k;
    if (!has(s)) continue;
    while (i < page->nblocks && blocks[i].span.end <= s.start) i++;
    FUZZ_CHECK(i < page->nblocks && blocks[i].span.start < s.end, "a non-blank line is in no block");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *in = fuzz_copy(data, size), *clean;
  const char *t;
  bs_text_info info;
  bs_page_block *blocks;
  bs_page page;
  bs_str known_line;
  bs_layout_opts known;
  size_t max;
  int dump;
  bs_text_scan(in, size, &info);
  clean = malloc(info.clean_len ? info.clean_len : 1);
  FUZZ_CHECK(clean != NULL, "out of memory");
  bs_text_clean(in, size, clean);
  t = info.unchanged ? in : clean;
  dump = bs_page_is_dump(t, info.clean_len);
  FUZZ_CHECK(dump == 0 || dump == 1, "is_dump is not a truth value");
  max = bs_page_max_blocks(t, info.clean_len);
  blocks = malloc((max ? max : 1) * sizeof *blocks);
  FUZZ_CHECK(blocks != NULL, "out of memory");
  known_line.s = t;
  known_line.n = memchr(t, '\n', info.clean_len) ? (size_t)((const char *)memchr(t, '\n', info.clean_len) - t)
                                                  : info.clean_len;
  known.site.s = NULL;
  known.site.n = 0;
  known.footers = &known_line;
  known.nfooters = 1;
  bs_page_parse(t, info.clean_len, blocks, max, &known, &page);
  FUZZ_CHECK(page.nblocks <= max, "more blocks than bs_page_max_blocks");
  FUZZ_CHECK((page.nblocks == 0) == !!(page.warnings & BS_WARN_EMPTY), "empty warning disagrees with the blocks");
  check_blocks(t, info.clean_len, blocks, &page);
  check_head(t, blocks, &page);
  check_nothing_lost(t, info.clean_len, blocks, &page);
  free(blocks);
  free(clean);
  free(in);
  return 0;
}
