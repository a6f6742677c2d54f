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
** repair and every label overruled is a warning.
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
