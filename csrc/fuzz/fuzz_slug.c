/*
** fuzz_slug.c: libFuzzer harness for bs_tag_key and bs_slug (and bs_fold under
** them). The input is one tag label, in a buffer of exactly its size; each
** function runs in a workspace of exactly bs_tag_workspace bytes, twice: with
** no fold cache and the workspace filled with 0x00, then with a cache kept
** across inputs and the workspace filled with 0xA5. Both must give the same
** result, so that a read of workspace bytes never written shows, and so
** does a character the cache folds alone that its neighbours change.
**
** Checked: neither function fails with a workspace of the size it asked for;
** the key is valid UTF-8 whose only white space is single spaces between
** words; the slug is 1 to BS_SLUG_MAX bytes of valid UTF-8 with no '-'
** leading, trailing or doubled; and the key is a fixed point, key(key(x))
** == key(x) and slug(key(x)) == slug(x), as "labels with one key are one
** tag" needs.
*/
#include "fuzz.h"

#include "slug.h"

typedef size_t (*tag_fn)(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize);

/* Zero bytes are an empty cache (bs_fold_cache_init). */
static bs_fold_cache kept_cache;

typedef struct result {
  char *s;      /* malloc'd, exactly len bytes; NULL when the label is too long */
  size_t len;
} result;

/* Runs fn on s[0..n) in an exact-size workspace filled with fill. */
static result run_once(tag_fn fn, const char *s, size_t n, bs_fold_cache *cache, int fill) {
  size_t size = bs_tag_workspace(s, n);
  result r = {NULL, 0};
  char *work;
  if (size == SIZE_MAX) return r; /* too long to fold: the binding raises an error */
  work = malloc(size);
  FUZZ_CHECK(work != NULL, "out of memory");
  memset(work, fill, size);
  r.len = fn(s, n, cache, work, size);
  FUZZ_CHECK(r.len != SIZE_MAX, "failed with the workspace it asked for");
  FUZZ_CHECK(r.len <= size, "result longer than the workspace");
  r.s = fuzz_copy(work, r.len);
  free(work);
  return r;
}

static int same(result a, result b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

/* Runs fn twice (see the top); both results must agree. */
static result run(tag_fn fn, const char *s, size_t n) {
  result a = run_once(fn, s, n, NULL, 0x00), b = run_once(fn, s, n, &kept_cache, 0xA5);
  FUZZ_CHECK(same(a, b), "result depends on the fold cache or the workspace's old bytes");
  free(b.s);
  return a;
}

static void check_key(result key) {
  size_t i;
  FUZZ_CHECK(fuzz_is_utf8(key.s, key.len), "key is not valid UTF-8");
  for (i = 0; i < key.len; i++) {
    unsigned char c = (unsigned char)key.s[i];
    /* Other control characters are no white space: they stay (and separate in slugs). */
    FUZZ_CHECK(!(c >= '\t' && c <= '\r'), "key has white space other than ' '");
    FUZZ_CHECK(c != ' ' || (i > 0 && i + 1 < key.len && key.s[i + 1] != ' '),
               "key has a leading, trailing or doubled space");
  }
}

static void check_slug(result slug) {
  size_t i;
  FUZZ_CHECK(slug.len >= 1 && slug.len <= 64, "slug empty or longer than 64 bytes");
  FUZZ_CHECK(fuzz_is_utf8(slug.s, slug.len), "slug is not valid UTF-8");
  FUZZ_CHECK(slug.s[0] != '-' && slug.s[slug.len - 1] != '-', "slug starts or ends with '-'");
  for (i = 0; i + 1 < slug.len; i++)
    FUZZ_CHECK(!(slug.s[i] == '-' && slug.s[i + 1] == '-'), "slug has '--'");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *label = fuzz_copy(data, size);
  result key = run(bs_tag_key, label, size), slug, key2, slug2;
  if (!key.s) {
    free(label);
    return 0;
  }
  check_key(key);
  slug = run(bs_slug, label, size);
  check_slug(slug);
  key2 = run(bs_tag_key, key.s, key.len);
  FUZZ_CHECK(same(key, key2), "key(key(x)) differs from key(x)");
  slug2 = run(bs_slug, key.s, key.len);
  FUZZ_CHECK(same(slug, slug2), "slug(key(x)) differs from slug(x)");
  free(key.s);
  free(slug.s);
  free(key2.s);
  free(slug2.s);
  free(label);
  return 0;
}
