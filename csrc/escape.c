/*
** escape.c: see escape.h. Each function copies runs of bytes that need
** nothing in one piece, so plain text costs one scan.
*/
#include "escape.h"

#include <string.h>

#include "text.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* 1 for the bytes JSON copies as they are: printable ASCII but for '"' and
** '\\'. A lookup per byte keeps the common run of prose to one load and test. */
static const unsigned char JSON_PLAIN[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Are the eight bytes at p all ones JSON copies as they are? */
static int json_plain8(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return bs_printable8(p) && !bs_has_byte8(w, '"') && !bs_has_byte8(w, '\\');
}

void bs_escape_json(const char *s, size_t n, bs_emit_fn emit, void *ud) {
  static const char hex[] = "0123456789abcdef";
  const char *p = s, *end = s + n, *run = s;
  while (p < end) {
    unsigned char c;
    size_t k;
    char esc[6] = {'\\', 0, '0', '0', 0, 0};
    size_t len = 2;
    while (end - p >= 8 && json_plain8(p)) p += 8;
    while (p < end && JSON_PLAIN[(unsigned char)*p]) p++;
    if (p == end) break;
    c = (unsigned char)*p;
    if (c >= 0x80) {
      if ((k = bs_utf8_len(p, end)) != 0) {
        p += k;
        continue;
      }
      if (p > run) emit(ud, run, (size_t)(p - run));
      emit(ud, REPLACEMENT, 3);
      run = ++p;
      continue;
    }
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\b': esc[1] = 'b'; break;
    case '\f': esc[1] = 'f'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
      esc[1] = 'u';
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      len = 6;
    }
    if (p > run) emit(ud, run, (size_t)(p - run));
    emit(ud, esc, len);
    run = ++p;
  }
  if (p > run) emit(ud, run, (size_t)(p - run));
}

static int is_white(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Would a spreadsheet take the cell for a formula? */
static int starts_formula(const char *s, size_t n) {
  size_t i = 0;
  if (n > 0 && (s[0] == '\t' || s[0] == '\r')) return 1;
  while (i < n && is_white((unsigned char)s[i])) i++;
  return i < n && (s[i] == '=' || s[i] == '+' || s[i] == '-' || s[i] == '@');
}

static int needs_quotes(const char *s, size_t n, char separator) {
  return memchr(s, '"', n) || memchr(s, separator, n) || memchr(s, '\n', n) || memchr(s, '\r', n);
}

void bs_escape_csv(const char *s, size_t n, char separator, int guard, bs_emit_fn emit, void *ud) {
  const char *p = s, *end = s + n, *run = s;
  int quoted = n > 0 && needs_quotes(s, n, separator);
  size_t k;
  if (quoted) emit(ud, "\"", 1);
  if (guard && starts_formula(s, n)) emit(ud, "'", 1);
  while (p < end) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
      /* a quote ends the run and starts the next one: it is written twice */
      if (c == '"') {
        emit(ud, run, (size_t)(p + 1 - run));
        run = p;
      }
      p++;
    } else if ((k = bs_utf8_len(p, end)) != 0) {
      p += k;
    } else {
      if (p > run) emit(ud, run, (size_t)(p - run));
      emit(ud, REPLACEMENT, 3);
      run = ++p;
    }
  }
  if (p > run) emit(ud, run, (size_t)(p - run));
  if (quoted) emit(ud, "\"", 1);
}

static size_t length(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

/* The entities of the XML specials, and those entities escaped again. */
static const char *const ENTITIES[2][5] = {
  {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"},
  {"&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;quot;", "&amp;#39;"},
};

/* The entity for an XML special character ("" for a forbidden control). */
static const char *xml_entity(unsigned char c, int twice, size_t *len) {
  int i;
  switch (c) {
  case '&': i = 0; break;
  case '<': i = 1; break;
  case '>': i = 2; break;
  case '"': i = 3; break;
  case '\'': i = 4; break;
  default: *len = 0; return "";
  }
  *len = length(ENTITIES[twice][i]);
  return ENTITIES[twice][i];
}

/* Bytes that stand for themselves in XML text: printable ASCII but the five
   specials, tab, LF, CR and DEL. A table, for one load per byte. */
static const unsigned char XML_PLAIN[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static int xml_plain(unsigned char c) {
  return XML_PLAIN[c];
}

static void escape_xml(const char *s, size_t n, int twice, bs_emit_fn emit, void *ud) {
  const char *p = s, *end = s + n, *run = s;
  while (p < end) {
    unsigned char c = (unsigned char)*p;
    const char *put;
    size_t k, put_len;
    if (xml_plain(c)) {
      p++;
      continue;
    }
    if (c >= 0x80) {
      k = bs_utf8_len(p, end);
      if (k > 0 && !(k == 3 && c == 0xEF && (unsigned char)p[1] == 0xBF && (unsigned char)p[2] >= 0xBE)) {
        p += k;
        continue;
      }
      /* U+FFFE and U+FFFF are dropped, a byte that is not UTF-8 replaced */
      put = k ? "" : REPLACEMENT, put_len = k ? 0 : 3, k = k ? k : 1;
    } else {
      put = xml_entity(c, twice, &put_len), k = 1; /* a forbidden control has no entity: dropped */
    }
    if (p > run) emit(ud, run, (size_t)(p - run));
    if (put_len) emit(ud, put, put_len);
    p += k;
    run = p;
  }
  if (p > run) emit(ud, run, (size_t)(p - run));
}

void bs_escape_xml(const char *s, size_t n, bs_emit_fn emit, void *ud) {
  escape_xml(s, n, 0, emit, ud);
}

void bs_escape_xml_twice(const char *s, size_t n, bs_emit_fn emit, void *ud) {
  escape_xml(s, n, 1, emit, ud);
}

/* Bytes Markdown output drops: C0 controls but tab..CR, and DEL. */
static int md_dropped(unsigned char c) {
  return (c < 0x20 && (c < '\t' || c > '\r')) || c == 0x7F;
}

static int md_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static int md_special(unsigned char c) {
  return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' ||
         c == '|';
}

/* Printable ASCII that stands for itself in Markdown (& only sometimes):
   all but space, & and the specials above. */
static const unsigned char MD_PLAIN[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0,
};

static int md_plain(unsigned char c) {
  return MD_PLAIN[c];
}

static int is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

static int is_entity_char(unsigned char c) {
  return is_digit(c) || c == '#' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The next byte at or after p that is not dropped, or end. */
static const char *md_next(const char *p, const char *end) {
  while (p < end && md_dropped((unsigned char)*p)) p++;
  return p;
}

/* Does an entity name and ";" follow the "&" at p (dropped bytes skipped)? */
static int md_entity_follows(const char *p, const char *end) {
  size_t names = 0;
  for (p = md_next(p + 1, end); p < end && is_entity_char((unsigned char)*p); p = md_next(p + 1, end)) names++;
  return names > 0 && p < end && *p == ';';
}

/* Does the text at p open with digits, then . or ) (dropped bytes skipped)?
   Returns that . or ), or NULL. */
static const char *md_numbered(const char *p, const char *end) {
  size_t digits = 0;
  for (p = md_next(p, end); p < end && is_digit((unsigned char)*p); p = md_next(p + 1, end)) digits++;
  return digits > 0 && p < end && (*p == '.' || *p == ')') ? p : NULL;
}

/* The end of the run that starts at p and goes out as it is: plain bytes,
   UTF-8 characters, and single spaces between them; never past stop. */
static const char *md_run(const char *p, const char *end, const char *stop) {
  while (p < end && p != stop) {
    unsigned char c = (unsigned char)*p;
    size_t k;
    if (md_plain(c)) {
      p++;
    } else if (c == ' ' && p + 1 < end && p + 1 != stop && md_plain((unsigned char)p[1])) {
      p += 2;
    } else if (c >= 0x80 && (k = bs_utf8_len(p, end)) != 0) {
      p += k;
    } else {
      break;
    }
  }
  return p;
}

void bs_escape_markdown(const char *s, size_t n, bs_emit_fn emit, void *ud) {
  const char *p = s, *end = s + n, *mark = NULL, *run;
  int started = 0, space = 0;
  while (p < end) {
    unsigned char c = (unsigned char)*p;
    if (md_dropped(c)) {
      p++;
      continue;
    }
    if (md_space(c)) {
      space = started;
      p++;
      continue;
    }
    if (space) emit(ud, " ", 1);
    space = 0;
    if (!started) {
      started = 1;
      if (c == '#' || c == '+' || c == '-') emit(ud, "\\", 1);
      else if (is_digit(c)) mark = md_numbered(p, end);
    }
    if (p == mark || md_special(c) || (c == '&' && md_entity_follows(p, end))) {
      emit(ud, "\\", 1);
      emit(ud, p++, 1);
      continue;
    }
    run = md_run(p, end, mark);
    if (run == p) {
      /* an "&" that starts no entity goes out as it is; any other byte
         here is one that is not UTF-8 */
      if (c == '&') emit(ud, p, 1);
      else emit(ud, REPLACEMENT, 3);
      p++;
      continue;
    }
    emit(ud, p, (size_t)(run - p));
    p = run;
  }
}
