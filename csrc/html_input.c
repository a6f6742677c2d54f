/*
** html_input.c: which encoding a page is in, strongest evidence first:
**   - a byte order mark (UTF-8 or UTF-16), or UTF-16 told by its zero
**     bytes: decoded as text.c does for text;
**   - the charset the caller names (from HTTP headers);
**   - a <meta charset> or http-equiv Content-Type, or the XML declaration,
**     within the first bytes, unless the page is valid UTF-8 holding
**     non-ASCII characters: a page written as UTF-8 by mistake-free tools
**     and mislabelled by a template is common, the reverse nearly never;
**   - else UTF-8, with bytes that are not decoded as Windows-1252.
** Latin-1 and ASCII labels mean Windows-1252, as browsers read them. Every
** repair and every label overruled is a warning. Once the page is UTF-8,
** the content of its scripts (but JSON-LD) and styles is cut out, with
** the attributes nothing reads and runs of blanks: libxml2 is slowest at
** them (bs_html_drop_unread, below).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/encoding.h>

#include "html_doc.h"
#include "text.h"

#define PRESCAN 4096 /* bytes searched for a declaration, as browsers do (1024) and more */

static char lower(char c) {
  return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Case-insensitive search for the lowercase word in s[from..n). */
static size_t find_word(const char *s, size_t from, size_t n, const char *word) {
  size_t k = strlen(word), i, j;
  for (i = from; i + k <= n; i++) {
    for (j = 0; j < k && lower(s[i + j]) == word[j]; j++) continue;
    if (j == k) return i;
  }
  return n;
}

static int is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
      || c == '.' || c == ':';
}

/* Copies the label after "charset" or "encoding" at s[p..) into name. */
static int read_label(const char *s, size_t p, size_t end, char name[40]) {
  size_t k = 0;
  while (p < end && (s[p] == ' ' || s[p] == '=' || s[p] == '"' || s[p] == '\'')) p++;
  while (p < end && k < 39 && is_name_char(s[p])) name[k++] = lower(s[p++]);
  name[k] = 0;
  return k > 0;
}

/* The charset a <meta> or the XML declaration names near the top. */
static int declared_charset(const char *s, size_t n, char name[40]) {
  size_t end = n < PRESCAN ? n : PRESCAN, p = 0;
  if (end > 5 && memcmp(s, "<?xml", 5) == 0) {
    size_t close = find_word(s, 0, end, "?>"), at = find_word(s, 0, close, "encoding");
    if (at < close && read_label(s, at + 8, close, name)) return 1;
  }
  while ((p = find_word(s, p, end, "<meta")) < end) {
    size_t close = p, at;
    while (close < end && s[close] != '>') close++;
    at = find_word(s, p, close, "charset");
    if (at < close && read_label(s, at + 7, close, name)) return 1;
    p = close;
  }
  return 0;
}

/* The label as it is read: Latin-1 and ASCII as Windows-1252, UTF-8's aliases as utf-8. */
static void normalize(char name[40]) {
  static const char *const cp1252[] = { "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii",
                                        "cp1252", "x-cp1252", "windows-1252", "iso_8859-1", NULL };
  const char *const *alias;
  if (strcmp(name, "utf8") == 0 || strcmp(name, "unicode-1-1-utf-8") == 0) strcpy(name, "utf-8");
  for (alias = cp1252; *alias; alias++)
    if (strcmp(name, *alias) == 0) strcpy(name, "windows-1252");
}

static int has_non_ascii(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return 1;
  return 0;
}

static int libxml2_knows(const char *name) {
  xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name);
  if (!handler) return 0;
  xmlCharEncCloseFunc(handler);
  return 1;
}

static void warn_count(bs_html *h, unsigned bit, const bs_text_info *info) {
  char message[120];
  size_t count = bs_warning_count(bit, info);
  if (count) snprintf(message, sizeof message, "%s (%lu)", bs_warning_message(bit), (unsigned long)count);
  else snprintf(message, sizeof message, "%s", bs_warning_message(bit));
  bs_html_warn(h, "%s", message);
}

/* UTF-8, cleaned as text is: byte order marks, Windows-1252 repair, NULs. */
static int as_utf8(const char *s, size_t n, bs_html_input *in, bs_html *h) {
  bs_text_info info;
  unsigned bit;
  bs_text_scan(s, n, &info);
  if (info.unchanged) return 1;
  in->owned = malloc(info.clean_len + 1);
  if (!in->owned) return 0;
  bs_text_clean(s, n, in->owned);
  in->bytes = in->owned;
  in->n = info.clean_len;
  for (bit = 1; bit < 1u << BS_WARN_COUNT; bit <<= 1)
    if (info.warnings & bit) warn_count(h, bit, &info);
  return 1;
}

static int has_bom(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  return (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
      || (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF);
}

int bs_html_decode(const char *s, size_t n, const char *charset, bs_html_input *in, bs_html *h) {
  char name[40];
  in->bytes = s;
  in->n = n;
  in->owned = NULL;
  strcpy(in->encoding, "UTF-8");
  if (has_bom(s, n)) return as_utf8(s, n, in, h);
  if (charset && *charset) {
    size_t k;
    for (k = 0; k < 39 && is_name_char(charset[k]); k++) name[k] = lower(charset[k]);
    name[k] = 0;
    if (charset[k]) {
      bs_html_warn(h, "%s", "charset given is not a charset name: read as UTF-8");
      return as_utf8(s, n, in, h);
    }
  } else if (!declared_charset(s, n, name)) {
    return as_utf8(s, n, in, h);
  }
  normalize(name);
  if (strcmp(name, "utf-8") == 0) return as_utf8(s, n, in, h);
  if (!(charset && *charset) && has_non_ascii(s, n) && bs_utf8_valid(s, n)) {
    bs_html_warn(h, "declared charset %s ignored: the page is valid UTF-8", name);
    return 1;
  }
  if (strcmp(name, "windows-1252") == 0) {
    size_t len = bs_cp1252_decode(s, n, NULL);
    char *decoded = malloc(len + 1);
    if (!decoded) return 0;
    bs_cp1252_decode(s, n, decoded);
    if (!as_utf8(decoded, len, in, h)) {
      free(decoded);
      return 0;
    }
    if (in->owned) { /* control characters dropped: a second copy */
      free(decoded);
    } else {
      in->owned = decoded;
      in->bytes = decoded;
      in->n = len;
    }
    return 1;
  }
  if (libxml2_knows(name)) {
    strcpy(in->encoding, name);
    return 1;
  }
  bs_html_warn(h, "unknown charset %s: read as UTF-8", name);
  return as_utf8(s, n, in, h);
}

/* ---- script and style contents, left out before parsing ----
** libxml2 reads the content of a <script> or <style> one character at a
** time (a fifth of a page's parsing), and nothing here reads it but a
** JSON-LD script's. So the content of the others is cut out of the input
** before libxml2 sees it: each stays an element, empty. The cut must fall
** where libxml2 2.9's HTML parser (HTMLparser.c) would have found the
** content, so the scan below follows its tokens: comments (to "-->" or
** "--!>"), processing instructions and end tags (to the next '>'), start
** tags (attribute values quoted, or up to a blank or '>'; names of at most
** 100 characters, as its buffer holds; "/>" closes an element), and a
** script's content, which ends at the first "</script". Wherever the
** reading is less than certain (a quote in a DOCTYPE, a script opening
** with '<', a control character in one, a name not ASCII, an end never
** found), nothing more is cut: the rest reads as it stands.
**
** Attributes that nothing reads are cut the same way, whole (name and
** value): links' targets, images' sources, SVG paths, data-* and event
** handlers are a fifth of what is left of a page, and libxml2 copies each
** value one character at a time into nodes of their own. The list names
** what is read (html.c, html_meta.c and html_tree.c read class, id, style,
** role, hidden, rel, itemprop, meta contents, names and types, dates, lang
** and a <link>'s href): an attribute a later reader needs must be added to
** it. Runs of blanks in text are cut to their first character, as every
** reader of the tree squeezes them anyway. */

#define NAME_MAX_CHARS 100 /* libxml2's HTML_PARSER_BUFFER_SIZE: longer names are split */

typedef struct scan {
  const char *s;
  size_t n;
  size_t *cuts; /* pairs: [from, to) left out */
  size_t ncuts, cap;
  int failed;   /* out of memory */
} scan;

static int is_blank(char c) {
  return BS_HTML_IS_BLANK(c);
}

static int is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_html_name_start(char c) {
  return is_letter(c) || c == '_' || c == ':' || c == '.';
}

static int is_html_name_char(char c) {
  return is_html_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

/* The end of the name at p (at most NAME_MAX_CHARS), p itself when none starts there. */
static size_t html_name_end(const scan *sc, size_t p) {
  size_t k = 0;
  if (p >= sc->n || !is_html_name_start(sc->s[p])) return p;
  while (p + k < sc->n && k < NAME_MAX_CHARS && is_html_name_char(sc->s[p + k])) k++;
  return p + k;
}

static size_t skip_blanks(const scan *sc, size_t p) {
  while (p < sc->n && is_blank(sc->s[p])) p++;
  return p;
}

/* The position after the next c at or after p, or 0 when there is none. */
static size_t after_next(const scan *sc, size_t p, char c) {
  const char *at = p < sc->n ? memchr(sc->s + p, c, sc->n - p) : NULL;
  return at ? (size_t)(at - sc->s) + 1 : 0;
}

/* The end of the comment opening at p ("<!--"), 0 when it never ends. */
static size_t comment_end(const scan *sc, size_t p) {
  size_t i;
  for (i = p + 4; i + 2 < sc->n; i++) {
    if (sc->s[i] != '-' || sc->s[i + 1] != '-') continue;
    if (sc->s[i + 2] == '>') return i + 3;
    if (sc->s[i + 2] == '!' && i + 3 < sc->n && sc->s[i + 3] == '>') return i + 4;
  }
  return 0;
}

static int push_cut(scan *sc, size_t from, size_t to) {
  if (sc->ncuts + 2 > sc->cap) {
    size_t cap = sc->cap ? sc->cap * 2 : 32;
    size_t *cuts = realloc(sc->cuts, cap * sizeof *cuts);
    if (!cuts) {
      sc->failed = 1;
      return 0;
    }
    sc->cuts = cuts;
    sc->cap = cap;
  }
  sc->cuts[sc->ncuts++] = from;
  sc->cuts[sc->ncuts++] = to;
  return 1;
}

/* Is s[from..from + strlen(word)) the lowercase word, case-insensitively? */
static int is_word_at(const char *s, size_t from, const char *word) {
  size_t i;
  for (i = 0; word[i]; i++)
    if (lower(s[from + i]) != word[i]) return 0;
  return 1;
}

/* Whether the attribute s[from..to) is one the extractor reads (see
   above); a <link>'s href is, no other element's. */
static int is_read(const char *s, size_t from, size_t to, int in_link) {
  static const char *const read[] = { "class", "id", "style", "role", "aria-hidden", "hidden", "itemprop", "rel",
                                      "content", "property", "name", "type", "datetime", "lang", NULL };
  const char *const *r;
  size_t len = to - from;
  char first = lower(s[from]);
  if (in_link && len == 4 && is_word_at(s, from, "href")) return 1;
  for (r = read; *r; r++)
    if ((*r)[0] == first && strlen(*r) == len && is_word_at(s, from, *r)) return 1;
  return 0;
}

/* The end of the start tag whose attributes begin at p, 0 when it never
   ends; *empty says it closed with "/>". Unread attributes are cut. */
static size_t start_tag_end(scan *sc, size_t p, int *empty, int in_link) {
  const char *s = sc->s;
  *empty = 0;
  p = skip_blanks(sc, p);
  while (p < sc->n) {
    if (s[p] == '>') return p + 1;
    if (s[p] == '/' && p + 1 < sc->n && s[p + 1] == '>') {
      *empty = 1;
      return p + 2;
    }
    if (is_html_name_start(s[p])) {
      size_t name = p, name_end = html_name_end(sc, p);
      int cut = name_end - name < NAME_MAX_CHARS && !is_read(s, name, name_end, in_link);
      p = skip_blanks(sc, name_end);
      if (p < sc->n && s[p] == '=') {
        p = skip_blanks(sc, p + 1);
        if (p < sc->n && (s[p] == '"' || s[p] == '\'')) {
          p = after_next(sc, p + 1, s[p]);
          if (!p) return 0;
        } else {
          while (p < sc->n && !is_blank(s[p]) && s[p] != '>') p++;
        }
      }
      if (cut && !push_cut(sc, name, p)) return 0;
    } else { /* a bogus attribute, dropped up to a blank or the tag's end */
      while (p < sc->n && !is_blank(s[p]) && s[p] != '>' && !(s[p] == '/' && p + 1 < sc->n && s[p + 1] == '>')) p++;
    }
    p = skip_blanks(sc, p);
  }
  return 0;
}

static int has_word(const char *s, size_t from, size_t to, const char *word) {
  return find_word(s, from, to, word) < to;
}

/* After the content of the raw element name (script, style) opening with
   the tag s[tag..content): cuts it (unless it is JSON-LD, read for
   metadata) and returns the position after its end tag, or 0 to stop. */
static size_t raw_content(scan *sc, size_t tag, size_t content, const char *name) {
  const char *s = sc->s;
  size_t len = strlen(name), end = content, i, close;
  for (;;) {
    const char *lt = end < sc->n ? memchr(s + end, '<', sc->n - end) : NULL;
    if (!lt) return 0;
    end = (size_t)(lt - s);
    if (end + 2 + len <= sc->n && s[end + 1] == '/') {
      for (i = 0; i < len && lower(s[end + 2 + i]) == name[i]; i++) continue;
      if (i == len) break;
    }
    end++;
  }
  if (html_name_end(sc, end + 2) != end + 2 + len) return 0;
  if (end > content && s[content] == '<') return 0; /* libxml2 reads a tag there first */
  for (i = content; i < end; i++)
    if ((unsigned char)s[i] < 0x20 && !is_blank(s[i])) return 0;
  close = after_next(sc, end + 2 + len, '>');
  if (!close) return 0;
  if (strcmp(name, "script") == 0 && (has_word(s, tag, content, "json") || memchr(s + tag, '&', content - tag)))
    return close;
  if (end > content && !push_cut(sc, content, end)) return 0;
  return close;
}

/* The end of the DOCTYPE at p: the first '>' outside quotes, with no '<'
   before it (what libxml2 makes of a broken one is then text without
   tags, wherever it stops), or 0. */
static size_t doctype_end(const scan *sc, size_t p) {
  char quote = 0;
  size_t i;
  for (i = p + 1; i < sc->n; i++) {
    char c = sc->s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
    if (c == '<') return 0;
  }
  return 0;
}

/* The position after the token at p (s[p] == '<'), 0 to stop cutting. */
static size_t token_end(scan *sc, size_t p) {
  const char *s = sc->s;
  char next = p + 1 < sc->n ? s[p + 1] : 0, after = p + 2 < sc->n ? s[p + 2] : 0;
  if (next == '!') {
    if (after == '-' && p + 3 < sc->n && s[p + 3] == '-') return comment_end(sc, p);
    if (p + 9 <= sc->n && find_word(s, p + 2, p + 9, "doctype") == p + 2) return doctype_end(sc, p);
    return p + 1; /* "<!" opening nothing libxml2 knows: text */
  }
  if (next == '?') { /* a processing instruction, to the next '>', when a name follows */
    if (is_letter(after) || after == '_' || after == ':') return after_next(sc, p, '>');
    return (unsigned char)after >= 0x80 ? 0 : p + 2;
  }
  if (next == '/') return html_name_end(sc, p + 2) > p + 2 ? after_next(sc, p + 2, '>') : p + 2;
  if (is_letter(next)) {
    size_t name_end = html_name_end(sc, p + 1), end, cuts = sc->ncuts;
    int empty, in_link = name_end - p - 1 == 4 && find_word(s, p + 1, name_end, "link") == p + 1;
    end = start_tag_end(sc, name_end, &empty, in_link);
    if (!end) sc->ncuts = cuts; /* a tag never closed reads as libxml2 makes of it, uncut */
    if (!end || empty) return end;
    if (name_end - p - 1 == 6 && find_word(s, p + 1, name_end, "script") == p + 1)
      return raw_content(sc, p, end, "script");
    if (name_end - p - 1 == 5 && find_word(s, p + 1, name_end, "style") == p + 1)
      return raw_content(sc, p, end, "style");
    return end;
  }
  return p + 1; /* '<' before anything else is text */
}

/* Cuts each run of blanks in the text s[from..to) down to its first
   character: every reader of the tree squeezes runs of blanks, and
   libxml2 spends as much on a blank as on a letter. */
static int squeeze_blanks(scan *sc, size_t from, size_t to) {
  size_t i = from;
  while (i < to) {
    size_t run;
    if (!is_blank(sc->s[i++])) continue;
    for (run = i; run < to && is_blank(sc->s[run]); run++) continue;
    if (run > i && !push_cut(sc, i, run)) return 0;
    i = run;
  }
  return 1;
}

int bs_html_drop_unread(bs_html_input *in) {
  scan sc;
  size_t p = 0, i, kept = 0, from = 0;
  const char *nul;
  char *out;
  memset(&sc, 0, sizeof sc);
  sc.s = in->bytes;
  nul = memchr(in->bytes, 0, in->n);
  sc.n = nul ? (size_t)(nul - in->bytes) : in->n; /* a NUL byte can end libxml2's reading: the scan ends there */
  while (p < sc.n) {
    const char *lt = memchr(sc.s + p, '<', sc.n - p);
    size_t text_end = lt ? (size_t)(lt - sc.s) : sc.n;
    if (!squeeze_blanks(&sc, p, text_end) || !lt) break;
    p = token_end(&sc, text_end);
    if (!p) break;
  }
  if (sc.failed || sc.ncuts == 0) {
    free(sc.cuts);
    return !sc.failed;
  }
  out = malloc(in->n + 1);
  if (!out) {
    free(sc.cuts);
    return 0;
  }
  for (i = 0; i < sc.ncuts; i += 2) {
    memcpy(out + kept, sc.s + from, sc.cuts[i] - from);
    kept += sc.cuts[i] - from;
    from = sc.cuts[i + 1];
  }
  memcpy(out + kept, sc.s + from, in->n - from);
  kept += in->n - from;
  free(sc.cuts);
  free(in->owned);
  in->owned = out;
  in->bytes = out;
  in->n = kept;
  return 1;
}
