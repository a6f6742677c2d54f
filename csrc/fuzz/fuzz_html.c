/*
** fuzz_html.c: libFuzzer harness for reading one web page with
** bs_html_parse. The input is the page; when its first byte is 0x01 the
** rest of its first line is the caller's charset (as from HTTP headers).
**
** Checked: every item lies inside the result's buffer and is valid UTF-8
** with no white space at either end; metadata items have a name, other
** items none; a page is read the same way twice (no state kept between
** calls), and the same way without the cuts made before parsing (they
** fall where libxml2 reads what they cut); and the sniffer never reads
** past the input.
*/
#include "fuzz.h"

#include "html.h"
#include "html_doc.h"

static void check_items(const bs_html *h) {
  size_t i;
  for (i = 0; i < h->nitems; i++) {
    const bs_html_item *item = &h->items[i];
    FUZZ_CHECK(item->value <= h->text_len && item->len <= h->text_len - item->value, "item outside the buffer");
    FUZZ_CHECK(item->key + item->key_len <= item->value, "name after its value");
    FUZZ_CHECK(item->len > 0, "empty item");
    FUZZ_CHECK(fuzz_is_utf8(h->text + item->value, item->len), "item is not valid UTF-8");
    FUZZ_CHECK(h->text[item->value] != ' ' && h->text[item->value + item->len - 1] != ' ', "item not trimmed");
    FUZZ_CHECK((item->kind == BS_HTML_META) == (item->key_len > 0), "metadata without a name, or a name on text");
  }
}

static int same_result(const bs_html *a, const bs_html *b) {
  size_t i;
  if (a->nitems != b->nitems) return 0;
  for (i = 0; i < a->nitems; i++) {
    const bs_html_item *x = &a->items[i], *y = &b->items[i];
    if (x->kind != y->kind || x->len != y->len || memcmp(a->text + x->value, b->text + y->value, x->len) != 0)
      return 0;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *page = (const char *)data;
  char *charset = NULL, *copy;
  bs_html first, second;
  if (size > 0 && data[0] == 0x01) {
    const char *nl = memchr(data, '\n', size);
    size_t len = nl ? (size_t)(nl - page) - 1 : size - 1;
    charset = malloc(len + 1);
    FUZZ_CHECK(charset != NULL, "out of memory");
    memcpy(charset, page + 1, len);
    charset[len] = 0;
    page = nl ? nl + 1 : page + size;
    size -= (size_t)(page - (const char *)data);
  }
  copy = fuzz_copy(page, size);
  (void)bs_html_sniff(copy, size);
  FUZZ_CHECK(bs_html_parse(copy, size, charset, &first), "out of memory");
  check_items(&first);
  FUZZ_CHECK(bs_html_parse(copy, size, charset, &second), "out of memory");
  FUZZ_CHECK(same_result(&first, &second), "the same page read two ways");
  bs_html_free(&second);
  FUZZ_CHECK(bs_html_parse_uncut(copy, size, charset, &second), "out of memory");
  FUZZ_CHECK(same_result(&first, &second), "the cuts before parsing changed what is read");
  bs_html_free(&first);
  bs_html_free(&second);
  free(copy);
  free(charset);
  return 0;
}
