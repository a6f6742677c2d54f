/*
** fuzz_escape.c: libFuzzer harness for bs_escape_json, bs_escape_xml,
** bs_escape_markdown and bs_escape_csv (escape.c). The input is the text,
** in a buffer of exactly its size.
**
** Checked, for each: the output is valid UTF-8 and holds no byte its format
** forbids: JSON no control byte, DEL, or lone quote or backslash (a quote
** only after an escaping backslash); XML no "<", ">", '"', "'" and no C0
** control but tab, LF and CR, every "&" starting an entity; Markdown no
** control byte, no line break, no space at either end and no two in a row.
** Escaping text that is already plain ASCII letters gives it back, and
** bs_escape_xml_twice gives bs_escape_xml of bs_escape_xml. A CSV cell, with
** either separator and with or without the formula guard, is quoted exactly
** when it must be and reads back (quotes undoubled) as the text, behind an
** apostrophe when guarded.
*/
#include "fuzz.h"

#include "escape.h"

static void append(void *ud, const char *bytes, size_t n) {
  fuzz_append(ud, bytes, n);
}

typedef void (*escape_fn)(const char *s, size_t n, bs_emit_fn emit, void *ud);

static fuzz_buffer escaped(escape_fn fn, const char *s, size_t n) {
  fuzz_buffer g = {NULL, 0, 0};
  fn(s, n, append, &g);
  return g;
}

static void check_json(const fuzz_buffer *g) {
  size_t i;
  for (i = 0; i < g->len; i++) {
    unsigned char c = (unsigned char)g->s[i];
    FUZZ_CHECK(c >= 0x20 && c != 0x7F, "JSON output holds a control byte");
    FUZZ_CHECK(c != '"', "JSON output holds an unescaped quote");
    if (c == '\\') {
      FUZZ_CHECK(i + 1 < g->len && strchr("\"\\bfnrtu", g->s[i + 1]) != NULL, "JSON output holds a bad escape");
      i++;
    }
  }
}

static void check_xml(const fuzz_buffer *g) {
  size_t i;
  for (i = 0; i < g->len; i++) {
    unsigned char c = (unsigned char)g->s[i];
    FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r', "XML output holds a forbidden control");
    FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'', "XML output holds a special character");
    if (c == '&') {
      const char *rest = g->s + i + 1;
      size_t left = g->len - i - 1;
      FUZZ_CHECK((left >= 4 && memcmp(rest, "amp;", 4) == 0) || (left >= 3 && memcmp(rest, "lt;", 3) == 0) ||
                 (left >= 3 && memcmp(rest, "gt;", 3) == 0) || (left >= 5 && memcmp(rest, "quot;", 5) == 0) ||
                 (left >= 4 && memcmp(rest, "#39;", 4) == 0), "XML output holds a bare &");
    }
    if (c == 0xEF && i + 2 < g->len)
      FUZZ_CHECK(!((unsigned char)g->s[i + 1] == 0xBF && (unsigned char)g->s[i + 2] >= 0xBE),
                 "XML output holds U+FFFE or U+FFFF");
  }
}

static void check_markdown(const fuzz_buffer *g) {
  size_t i;
  if (g->len == 0) return;
  FUZZ_CHECK(g->s[0] != ' ' && g->s[g->len - 1] != ' ', "Markdown output has a space at an end");
  for (i = 0; i < g->len; i++) {
    unsigned char c = (unsigned char)g->s[i];
    FUZZ_CHECK(c >= 0x20 && c != 0x7F, "Markdown output holds a control byte or line break");
    FUZZ_CHECK(!(c == ' ' && i + 1 < g->len && g->s[i + 1] == ' '), "Markdown output holds two spaces");
  }
  FUZZ_CHECK(g->s[0] != '#' && g->s[0] != '+' && g->s[0] != '-' && g->s[0] != '>',
             "Markdown output starts a block");
}

typedef struct csv_case {
  char separator;
  int guard;
} csv_case;

static void csv_emit(void *ud, const char *bytes, size_t n) {
  fuzz_append(ud, bytes, n);
}

/* The OWASP rule, stated again: tab or CR first, or = + - @ after white space. */
static size_t is_formula(const char *s, size_t n) {
  size_t i = 0;
  if (n > 0 && (s[0] == '\t' || s[0] == '\r')) return 1;
  while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) i++;
  return i < n && strchr("=+-@", s[i]) != NULL && s[i] != '\0';
}

static void check_csv(const char *s, size_t n, csv_case c) {
  fuzz_buffer g = {NULL, 0, 0}, back = {NULL, 0, 0};
  const char *out;
  size_t i, len, guarded;
  int special = 0;
  bs_escape_csv(s, n, c.separator, c.guard, csv_emit, &g);
  out = g.s ? g.s : "";
  FUZZ_CHECK(fuzz_is_utf8(out, g.len), "CSV cell is not UTF-8");
  for (i = 0; i < n; i++) special |= s[i] == '"' || s[i] == c.separator || s[i] == '\n' || s[i] == '\r';
  FUZZ_CHECK(special == (g.len >= 2 && out[0] == '"' && out[g.len - 1] == '"'), "CSV cell quoted wrongly");
  if (!fuzz_is_utf8(s, n)) {
    free(g.s);
    return;
  }
  /* read the cell back as a CSV reader would */
  len = special ? g.len - 2 : g.len;
  for (i = special; i < len + special; i++) {
    if (out[i] == '"') {
      FUZZ_CHECK(special && i + 1 < len + special && out[i + 1] == '"', "CSV quote not doubled");
      i++;
    }
    fuzz_append(&back, out + i, 1);
  }
  guarded = c.guard && is_formula(s, n);
  FUZZ_CHECK(back.len == n + guarded && (!guarded || back.s[0] == '\'') &&
             (n == 0 || memcmp(back.s + guarded, s, n) == 0), "CSV cell does not read back as the text");
  free(back.s);
  free(g.s);
}

static int is_letters(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return 0;
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s = fuzz_copy(data, size);
  escape_fn fns[3] = {bs_escape_json, bs_escape_xml, bs_escape_markdown};
  void (*checks[3])(const fuzz_buffer *) = {check_json, check_xml, check_markdown};
  size_t i;
  for (i = 0; i < 3; i++) {
    fuzz_buffer g = escaped(fns[i], s, size);
    FUZZ_CHECK(fuzz_is_utf8(g.s ? g.s : "", g.len), "output is not UTF-8");
    checks[i](&g);
    if (is_letters(s, size)) FUZZ_CHECK(g.len == size && (size == 0 || memcmp(g.s, s, size) == 0),
                                        "plain letters did not come back as they were");
    free(g.s);
  }
  {
    const csv_case cases[4] = {{',', 0}, {',', 1}, {'\t', 0}, {'\t', 1}};
    for (i = 0; i < 4; i++) check_csv(s, size, cases[i]);
  }
  {
    fuzz_buffer once = escaped(bs_escape_xml, s, size), again = escaped(bs_escape_xml, once.s ? once.s : "", once.len),
            twice = escaped(bs_escape_xml_twice, s, size);
    FUZZ_CHECK(again.len == twice.len && (twice.len == 0 || memcmp(again.s, twice.s, twice.len) == 0),
               "escaping twice in one scan differs from escaping twice");
    free(once.s);
    free(again.s);
    free(twice.s);
  }
  free(s);
  return 0;
}
