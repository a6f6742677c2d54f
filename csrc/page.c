/*
** page.c: the article inside a page dump (see page.h). Four steps:
**   - blocks: lines are joined into one block while the converter wrapped
**     them (the next line's first word would not have fitted on the line:
**     the wrap width is what nearly every line stays within); a blank line,
**     a list bullet or a heading starts a new block, and a text whose lines
**     run past any terminal's width has one block per line (WET);
**   - quality, as jusText has it: known boilerplate, link-marked words
**     (html2text underlines links with '_'), menu bullets and '|' menus make
**     a block bad; a short one is short; among the rest, the share of stop
**     words and sentence ends make it good or near-good; a block made of
**     lines a profile learned (the site's menus and footers) is bad too;
**   - the body: the run of blocks whose good words most outweigh the bad
**     ones (the largest sum of a run, good words counting for, bad blocks
**     against), ended at the headings of comments, tags or related stories
**     and at a run of dated items; bad blocks inside it stay boilerplate;
**   - the head (page_head.c), looked for just before the body, at its very
**     start and among the blocks of its first words: a date (a "Last
**     modified" or "Updated" one only when no other is there), a byline ("By
**     Name", "Posted by Name", "Par Name", "Von Name", "Name, Reuters", a
**     name beside the date or under the headline), and the headline: an
**     html2text heading or a line at the margin of a text that indents its
**     others (lynx's headings), else a line the page repeats, else the nearest
**     short line, the one just before the date, the byline or an author's
**     name first (or the one before it, when that one is a standfirst under
**     a headline whose words the body tells).
*/
#include <string.h>

#include "page_rules.h"
#include "text.h"

#define WRAP_SHARE 97     /* percent of lines the wrap width holds */
#define TERMINAL_WRAP 100 /* columns: converters wrap at 80 unless told otherwise */
#define WRAP_NEAR 30      /* percent of lines within a fifth of a wider wrap width, at least */
#define MAX_WRAP 160      /* columns: wider text was not wrapped by a terminal */
#define WIDE_LINE 100     /* columns: wider than the terminals dumps are made for */
#define NAV_LINE 80       /* bytes: navigation and notices are no longer */
#define MENU_LINE 30      /* bytes: a navigation line alone is this short */
#define DUMP_MENUS 10     /* navigation lines that tell a dump from a hard-wrapped article */
#define WIDTHS 256        /* columns counted one by one for the wrap width */
#define SHORT_BLOCK 70    /* bytes: jusText's length_low */
#define LONG_BLOCK 200    /* bytes: jusText's length_high */
#define SENTENCE_WORDS 5  /* a short block this long that ends a sentence may be prose */
#define END_WORDS 4       /* "View comments (27)": a heading this short */
#define END_KEEP 40       /* words of an article before its comments for them to end it */
#define DATED_KEEP 150    /* words of an article before a dated line for it to end it (its head's is sooner) */
#define INDENT_SHARE 60  /* percent of lines indented in a text whose headings stand at the margin */
#define MENU_WORDS 12     /* a bulleted item this short is navigation */

typedef struct line_info {
  bs_span span;           /* trimmed */
  size_t width;           /* columns, the indent included */
  size_t indent;          /* columns before its first character */
  size_t gap;             /* blank lines before it */
} line_info;

/* ---- lines ---- */

/* Does a character a terminal gives two columns start at u (see columns)? */
static int is_wide(const unsigned char *u, size_t left) {
  return left >= 3 && ((u[0] >= 0xE3 && u[0] <= 0xED) || (u[0] == 0xEF && u[1] >= 0xBC && u[1] <= 0xBD));
}

/* Columns of t[start, end): one a character, two for the wide ones a
   terminal gives two (CJK ideographs, kana, Hangul, fullwidth forms). */
static size_t columns(const char *t, size_t start, size_t end) {
  size_t count = 0;
  for (; start < end; start++) {
    unsigned char c = (unsigned char)t[start];
    if ((c & 0xC0) == 0x80) continue;
    count += 1 + is_wide((const unsigned char *)t + start, end - start);
  }
  return count;
}

/* Characters of a span: converters wrap Chinese and Japanese at so many
   characters, not columns. */
static size_t characters(const char *t, bs_span s) {
  size_t count = 0, p;
  for (p = s.start; p < s.end; p++) count += ((unsigned char)t[p] & 0xC0) != 0x80;
  return count;
}

/* Reads the next non-blank line at *pos into *line; 0 at the end of the text. */
static int next_line_info(const char *t, size_t n, size_t *pos, line_info *line) {
  line->gap = 0;
  while (*pos < n) {
    const char *nl = memchr(t + *pos, '\n', n - *pos);
    size_t end = nl ? (size_t)(nl - t) : n;
    bs_span s;
    s.start = *pos;
    s.end = end;
    *pos = end < n ? end + 1 : n;
    line->span = bs_trim(t, s);
    if (line->span.end > line->span.start) {
      line->width = columns(t, s.start, line->span.end);
      line->indent = columns(t, s.start, line->span.start);
      return 1;
    }
    line->gap++;
  }
  return 0;
}

/* ---- telling dumps from the layout ---- */


/* A line alone between blank lines that is as short as a menu's and ends no sentence. */
static int is_menu_line(const char *t, bs_span s) {
  return s.end - s.start <= MENU_LINE && !bs_ends_sentence(t, s);
}

/* A quick look that settles most texts in the layout: blank lines between
   lines (not only before or after the text), and either most lines too long
   for any terminal (a line of more than 4 bytes a column's worth of
   WIDE_LINE columns is one for sure) or most lines alone between blank
   lines, as the layout's one-line paragraphs are. */
static int is_surely_layout(const char *t, size_t n) {
  size_t p = 0, lines = 0, blank = 0, pending = 0, wide = 0, stacked = 0;
  int after_line = 0;
  while (p < n) {
    const char *nl = memchr(t + p, '\n', n - p);
    size_t end = nl ? (size_t)(nl - t) : n, q = p;
    while (q < end && (t[q] == ' ' || t[q] == '\t')) q++;
    if (q == end) {
      pending += lines > 0;
      after_line = 0;
    } else {
      blank += pending;
      pending = 0;
      lines++;
      if (end - p > 4 * WIDE_LINE) wide++;
      stacked += after_line;
      after_line = 1;
    }
    p = end + 1;
  }
  return blank > 0 && (wide * 2 > lines || stacked * 4 < lines);
}

int bs_page_is_dump(const char *t, size_t n) {
  size_t pos = 0, lines = 0, blank = 0, stacked = 0, wide = 0, run = 0, menus = 0, headings = 0;
  line_info line, prev;
  bs_span inner;
  if (is_surely_layout(t, n)) return 0;
  memset(&prev, 0, sizeof prev);
  while (next_line_info(t, n, &pos, &line)) {
    /* Blank lines before the text do not part its blocks. */
    if (lines++ > 0) blank += line.gap;
    if (lines > 1 && line.gap > 0) {
      if (run == 1 && is_menu_line(t, prev.span) && !bs_page_starts_item(t, prev.span) && !bs_page_is_known_boilerplate(t, prev.span))
        menus++;
      run = 0;
    }
    if (++run == 2) stacked += 2;
    else if (run > 2) stacked++;
    if (bs_page_starts_item(t, line.span) || (line.span.end - line.span.start <= NAV_LINE && bs_page_is_known_boilerplate(t, line.span)))
      menus++;
    if (bs_page_heading_level(t, line.span, &inner)) headings++;
    if (line.span.end - line.span.start > WIDE_LINE && characters(t, line.span) > WIDE_LINE) wide++;
    prev = line;
  }
  /* One line per block and no blank lines (WET); or mostly stacks of lines
     within a terminal's width, with html2text's headings ("****** Headline
     ******") or navigation: the layout has one line or a hard-wrapped stack
     per paragraph, and only its head and tail are short. */
  if (lines >= 3 && blank == 0) return 1;
  return stacked * 2 >= lines && wide * 10 <= lines && (headings > 0 || (lines >= 6 && menus >= DUMP_MENUS));
}

size_t bs_page_max_blocks(const char *t, size_t n) {
  size_t pos = 0, count = 0;
  line_info line;
  while (next_line_info(t, n, &pos, &line)) count++;
  return count;
}

/* ---- the words of a block ---- */

/* Function words of the languages news pages are most often in: their share
   tells prose from lists of names and links (jusText's stop word density). */
static int is_stop_word(const char *w, size_t len) {
  static const char *const words[] = {
    "a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "more", "not", "of", "on", "one", "or", "our", "out", "she", "so",
    "than", "that", "the", "their", "them", "there", "they", "this", "to", "up", "was", "we", "were",
    "what", "when", "which", "who", "will", "with", "would", "you", "your",
    "au", "avec", "ce", "dans", "de", "des", "du", "en", "est", "et", "il", "la", "le", "les",
    "mais", "ne", "nous", "par", "pas", "pour", "qu", "que", "qui", "se", "sur", "un", "une",
    "auf", "das", "dem", "den", "der", "die", "ein", "eine", "es", "ist", "mit", "nicht", "sich",
    "und", "von", "zu", "con", "el", "lo", "los", "las", "por", "se", "su", "y", "il", "che", "di",
    "e", "per", "non", "um", "uma", "na", "no", "os", "het", "een", "van", "op", "je", "na", "se",
    "v", "ve", "z", "za", "že", "jako", "jsou", "pro", "od"
  };
  char low[8];
  size_t i;
  if (len > sizeof low) return 0;
  for (i = 0; i < len; i++) low[i] = (char)bs_page_lower((unsigned char)w[i]);
  for (i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == len && memcmp(words[i], low, len) == 0) return 1;
  return 0;
}

typedef struct features {
  size_t words, stop, linked, sentences, bars;
} features;

static int is_space_byte(char c) {
  return c == ' ' || c == '\n' || c == '\t';
}

/* Chinese and Japanese run words together: two ideographs or kana count as
   a word, and their full stops, exclamation and question marks end sentences. */
static void count_ideographs(const char *t, size_t p, size_t end, features *f) {
  size_t chars = 0;
  for (; p + 3 <= end; p++) {
    unsigned char c = (unsigned char)t[p], c1 = (unsigned char)t[p + 1], c2 = (unsigned char)t[p + 2];
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x82) f->sentences++;                               /* 。 */
    else if (c == 0xEF && c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F)) f->sentences++;          /* ！？ */
    else if (c >= 0xE3 && c <= 0xE9 && (c1 & 0xC0) == 0x80) chars++;
  }
  f->words += chars / 2;
}

static void measure(const char *t, bs_span s, features *f) {
  size_t p = s.start;
  memset(f, 0, sizeof *f);
  while (p < s.end) {
    size_t w, k, core_start, core_end;
    while (p < s.end && is_space_byte(t[p])) p++;
    if (p >= s.end) break;
    w = p;
    while (p < s.end && !is_space_byte(t[p])) p++;
    f->words++;
    if (p - w == 1 && t[w] == '|') f->bars++;
    core_start = w;
    core_end = p;
    while (core_start < core_end && strchr("\"'(", t[core_start]) && t[core_start]) core_start++;
    while (core_end > core_start && strchr("\"'),.;:!?", t[core_end - 1]) && t[core_end - 1]) core_end--;
    if (is_stop_word(t + core_start, core_end - core_start)) f->stop++;
    for (k = w + 1; k + 1 < p; k++)
      if (t[k] == '_') {
        f->linked++;
        break;
      }
    k = p;
    while (k > w && strchr("\"')", t[k - 1]) && t[k - 1]) k--;
    if (k > w + 1 && strchr(".!?", t[k - 1]) && t[k - 1] && !(k > w + 2 && t[k - 3] == '.')) f->sentences++;
    count_ideographs(t, w, p, f);
  }
}

/* ---- the shape of a line ---- */

/* A list bullet or an item number at the start: '*', '•', '+', '-', 'o', '#', "12." */
int bs_page_starts_item(const char *t, bs_span s) {
  const unsigned char *u = (const unsigned char *)t + s.start;
  size_t len = s.end - s.start, i = 0;
  if (len >= 2 && strchr("*+-o#", u[0]) && u[0] && u[1] == ' ') return 1;
  /* U+2022 and U+2023 bullets, U+25A0..U+25FF geometric shapes (w3m's nested lists) */
  if (len >= 4 && u[0] == 0xE2 && ((u[1] == 0x80 && (u[2] == 0xA2 || u[2] == 0xA3)) || u[1] == 0x96 || u[1] == 0x97) &&
      u[3] == ' ')
    return 1;
  while (i < len && i < 3 && u[i] >= '0' && u[i] <= '9') i++;
  return i > 0 && i + 1 < len && (u[i] == '.' || u[i] == ')') && u[i + 1] == ' ';
}

/* html2text's headings: "****** Headline ******", the level in the number of stars. */
size_t bs_page_heading_level(const char *t, bs_span s, bs_span *inner) {
  size_t k = 0;
  while (s.start + k < s.end && t[s.start + k] == '*') k++;
  if (k == 0 || s.end - s.start < 2 * k + 2 || t[s.start + k] != ' ') return 0;
  if (memcmp(t + s.end - k, t + s.start, k) != 0 || (t[s.end - k - 1] != ' ' && t[s.end - k - 1] != '\n'))
    return 0; /* a heading wider than the page wraps: its closing stars then stand on a line of their own */
  inner->start = s.start + k;
  inner->end = s.end - k;
  *inner = bs_trim(t, *inner);
  return inner->end > inner->start ? k : 0;
}

/* Lines that are boilerplate wherever they stand, by how they start. */
int bs_page_is_known_boilerplate(const char *t, bs_span s) {
  static const char *const phrases[] = {
    "skip to", "jump to", "sign in", "sign up", "log in", "login", "log out", "register",
    "subscribe", "advertisement", "advertising", "sponsored", "all rights reserved", "\xC2\xA9",
    "copyright", "(c) ", "cookie", "we use cookies", "privacy", "terms of", "share", "tweet",
    "email", "print", "follow us", "related", "read more", "more from", "recommended", "comments",
    "newsletter", "menu", "search", "home", "continue reading", "back to top", "you may also",
    "most popular", "trending", "photo", "image", "iframe:", "(button)", "click here", "loading",
    "next article", "previous article", "see also", "tags:", "filed under", "sections"
  };
  size_t i;
  for (i = 0; i < sizeof phrases / sizeof *phrases; i++)
    if (bs_starts_with(t, s, phrases[i])) return 1;
  return 0;
}

/* Headings of what follows an article on its page: its comments, its tags,
   the stories on the same subject. (A related box inside an article ends
   it too early only when too little of the article comes before it: see
   cut_at_end.) */
static int is_article_end(const char *t, bs_span s, size_t words) {
  static const char *const phrases[] = {
    "comments", "view comments", "show comments", "leave a comment", "add comment", "add a comment",
    "post a comment", "join the discussion", "join the conversation", "reader comments", "expand comments",
    "there are ", "leave a reply", "posted in ", "tagged ", "filed under", "related articles",
    "related stories", "related posts", "more stories", "more from", "you may also like",
    "you might also like", "recommended for you", "read next", "sur le m\xC3\xAAme sujet", "lire aussi",
    "\xC3\xA0 lire aussi", "mehr zum thema", "auch auf ", "kommentare"
  };
  size_t i, p = s.start;
  if (words > END_WORDS) return 0;
  while (p < s.end && t[p] >= '0' && t[p] <= '9') p++; /* "27 comments" */
  s.start = p;
  s = bs_trim(t, s);
  for (i = 0; i < sizeof phrases / sizeof *phrases; i++)
    if (bs_starts_with(t, s, phrases[i])) return 1;
  return 0;
}

/* A form's fields and buttons, as w3m prints them: "[          ]", "[Submit]". */
static int is_form(const char *t, bs_span s) {
  size_t p, inside = 0, outside = 0;
  int open = 0;
  for (p = s.start; p < s.end; p++) {
    if (t[p] == '[') open = 1;
    else if (t[p] == ']') open = 0;
    else if (t[p] != ' ' && t[p] != '\n') {
      if (open) inside++;
      else outside++;
    }
  }
  return t[s.start] == '[' && outside <= inside;
}

/* ---- blocks ---- */

/* The width that WRAP_SHARE percent of the lines stay within, when it is a
   terminal's usual width or enough lines come near it to show that a
   converter wrapped them; 0 otherwise, as in WET, whose lines are whole
   paragraphs of any length. */
static size_t wrap_width(const char *t, size_t n) {
  size_t count[WIDTHS + 1], pos = 0, lines = 0, seen = 0, near = 0, w, k;
  line_info line;
  memset(count, 0, sizeof count);
  while (next_line_info(t, n, &pos, &line)) {
    count[line.width < WIDTHS ? line.width : WIDTHS]++;
    lines++;
  }
  for (w = 0; w <= WIDTHS; w++) {
    seen += count[w];
    if (seen * 100 >= lines * WRAP_SHARE) break;
  }
  if (w > MAX_WRAP) return 0;
  if (w <= TERMINAL_WRAP) return w;
  for (k = w - w / 5; k <= w; k++) near += count[k];
  return near * 100 >= lines * WRAP_NEAR ? w : 0;
}

static size_t first_word_width(const char *t, bs_span s) {
  size_t p = s.start;
  while (p < s.end && !is_space_byte(t[p])) p++;
  return columns(t, s.start, p);
}

static int starts_block(const char *t, const line_info *prev, const line_info *line, size_t wrap) {
  bs_span inner;
  if (wrap == 0 || line->gap > 0 || bs_page_starts_item(t, line->span) || bs_page_heading_level(t, line->span, &inner) ||
      bs_page_heading_level(t, prev->span, &inner))
    return 1;
  /* The converter broke the line only if the next word would not have fitted. */
  return prev->width > wrap || prev->width + 1 + first_word_width(t, line->span) <= wrap;
}

/* Does the text indent most of its lines? lynx indents all but headings. */
static int indents_lines(const char *t, size_t n) {
  size_t pos = 0, lines = 0, indented = 0;
  line_info line;
  while (next_line_info(t, n, &pos, &line)) {
    lines++;
    indented += line.indent > 0;
  }
  return indented * 100 >= lines * INDENT_SHARE;
}

static size_t split_blocks(const char *t, size_t n, bs_page_block *blocks, size_t max) {
  size_t pos = 0, count = 0, wrap = wrap_width(t, n);
  int indents = indents_lines(t, n);
  line_info line, prev;
  memset(&prev, 0, sizeof prev);
  while (next_line_info(t, n, &pos, &line)) {
    if (count == 0 || starts_block(t, &prev, &line, wrap)) {
      if (count == max) break;
      blocks[count].span = line.span;
      blocks[count].flush = indents && line.indent == 0;
      blocks[count].kind = BS_PAGE_BOILERPLATE;
      count++;
    } else {
      blocks[count - 1].span.end = line.span.end;
    }
    prev = line;
  }
  return count;
}

/* Marks of a legal footer anywhere in a block. */
static int has_rights_notice(const char *t, bs_span s) {
  static const char *const marks[] = {"all rights reserved", "\xC2\xA9"};
  size_t i, p;
  for (i = 0; i < sizeof marks / sizeof *marks; i++)
    for (p = s.start; p + strlen(marks[i]) <= s.end; p++) {
      bs_span at;
      at.start = p;
      at.end = s.end;
      if (bs_starts_with(t, at, marks[i])) return 1;
    }
  return 0;
}

static void classify(const char *t, bs_page_block *b) {
  features f;
  size_t bytes = b->span.end - b->span.start;
  int sentence;
  measure(t, b->span, &f);
  b->words = f.words;
  sentence = bs_ends_sentence(t, b->span);
  if (is_article_end(t, b->span, f.words)) {
    b->quality = END;
  } else if ((f.words < MENU_WORDS && bs_page_is_known_boilerplate(t, b->span)) || is_form(t, b->span) || f.linked * 3 > f.words ||
      (bs_page_starts_item(t, b->span) && f.words < MENU_WORDS && !sentence) || f.bars >= 2 ||
      has_rights_notice(t, b->span)) {
    b->quality = BAD;
  } else if (bytes < SHORT_BLOCK) {
    b->quality = SHORT;
  } else if (f.stop * 100 >= f.words * 30 || f.sentences >= 2) {
    /* Stop words are a language's; sentence ends tell prose in any language. */
    b->quality = bytes >= LONG_BLOCK && (f.sentences >= 1 || sentence) ? GOOD : NEAR_GOOD;
  } else if (sentence || f.sentences >= 1) {
    b->quality = NEAR_GOOD;
  } else {
    b->quality = PLAIN;
  }
}

/* What a block counts for or against being in the body. */
static long weight(const bs_page_block *b) {
  switch (b->quality) {
  case GOOD: return (long)b->words;
  case NEAR_GOOD: return (long)b->words * 2 / 3;
  case SHORT: return -1;
  default: return -2 - (long)b->words / 3;
  }
}

/* The run [*first, *last] of blocks with the largest sum of weights (Kadane). */
static int find_body(const bs_page_block *blocks, size_t count, size_t *first, size_t *last) {
  long best = 0, sum = 0;
  size_t start = 0, i;
  int found = 0;
  for (i = 0; i < count; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += weight(&blocks[i]);
    if (sum > best) {
      best = sum;
      *first = start;
      *last = i;
      found = 1;
    }
  }
  return found;
}

/* Do dated lines follow one another from block i to last, with no more
   than DATED_KEEP words of text between two of them? Comments and lists
   of stories do; a box of related stories inside an article is followed
   by the rest of the article. */
static int dated_items_to_end(const char *t, const bs_page_block *blocks, size_t i, size_t last) {
  long since = 0;
  for (i++; i <= last; i++) {
    if (bs_page_is_dated_line(t, &blocks[i])) since = 0;
    else if (blocks[i].quality > BAD && (since += (long)blocks[i].words) > DATED_KEEP) return 0;
  }
  return 1;
}

/* The article ends where its comments or other stories start, when enough
   of it comes before them: a run through "View comments (27)" holds the
   comments too. */
static void cut_at_end(const char *t, const bs_page_block *blocks, size_t first, size_t *last) {
  long sum = 0, best = 0;
  size_t i, best_end = first;
  for (i = first; i <= *last; i++) {
    if (blocks[i].quality == END ||
        (best >= DATED_KEEP && bs_page_is_dated_line(t, &blocks[i]) && dated_items_to_end(t, blocks, i, *last))) {
      if (best >= END_KEEP) *last = best_end;
      return;
    }
    sum += weight(&blocks[i]);
    if (sum > best) {
      best = sum;
      best_end = i;
    }
  }
}

/* Is the span the string, white space runs in either counting as one space? */
static int same_squeezed(const char *t, bs_span s, const bs_str *line) {
  size_t p = s.start, q = 0;
  for (;;) {
    int space_p = 0, space_q = 0;
    while (p < s.end && is_space_byte(t[p])) p++, space_p = 1;
    while (q < line->n && is_space_byte(line->s[q])) q++, space_q = 1;
    if (p == s.end || q == line->n) return p == s.end && q == line->n;
    if ((space_p != space_q && p > s.start && q > 0) || t[p] != line->s[q]) return 0;
    p++;
    q++;
  }
}

/* Is every line of the span one the profile knows (a footer paragraph wraps)? */
static int is_known_lines(const char *t, bs_span s, const bs_layout_opts *known) {
  if (!known || known->nfooters == 0) return 0;
  while (s.start < s.end) {
    const char *nl = memchr(t + s.start, '\n', s.end - s.start);
    bs_span line;
    size_t i;
    line.start = s.start;
    line.end = nl ? (size_t)(nl - t) : s.end;
    line = bs_trim(t, line);
    for (i = 0; i < known->nfooters && !same_squeezed(t, line, &known->footers[i]); i++) continue;
    if (i == known->nfooters) return 0;
    s.start = nl ? (size_t)(nl - t) + 1 : s.end;
  }
  return 1;
}

void bs_page_parse(const char *t, size_t n, bs_page_block *blocks, size_t max, const bs_layout_opts *known,
                   bs_page *out) {
  size_t count, first = 0, last = 0, i;
  memset(out, 0, sizeof *out);
  count = split_blocks(t, n, blocks, max);
  out->nblocks = count;
  if (count == 0) {
    out->warnings = BS_WARN_EMPTY;
    return;
  }
  for (i = 0; i < count; i++) {
    classify(t, &blocks[i]);
    if (blocks[i].quality > BAD && is_known_lines(t, blocks[i].span, known)) blocks[i].quality = BAD;
  }
  if (find_body(blocks, count, &first, &last)) {
    cut_at_end(t, blocks, first, &last);
    /* A short sentence at the body's end is its last paragraph, as jusText
       takes a short block beside good ones. */
    while (last + 1 < count && blocks[last + 1].quality == SHORT && bs_ends_sentence(t, blocks[last + 1].span) &&
           blocks[last + 1].words >= SENTENCE_WORDS)
      last++;
    for (i = first; i <= last; i++)
      if (blocks[i].quality > BAD) blocks[i].kind = BS_PAGE_BODY;
  }
  bs_page_find_head(t, blocks, count, first, out);
  if (out->title.end == out->title.start) out->warnings |= BS_WARN_NOTITLE;
  for (i = 0; i < count && blocks[i].kind != BS_PAGE_BODY; i++) continue;
  if (i == count) out->warnings |= BS_WARN_NOBODY;
}


size_t bs_page_squeeze(const char *t, bs_span s, char *dst, size_t *words) {
  const unsigned char *u = (const unsigned char *)t;
  size_t p = s.start, len = 0, count = 0, last = 0; /* last: where the last character written starts */
  while (p < s.end) {
    size_t k = bs_space_len(t + p, t + s.end), q = p;
    int broken = 0;
    if (k == 0) {
      if (len == 0) count++;
      last = len;
      do dst[len++] = t[p++];
      while (p < s.end && (u[p] & 0xC0) == 0x80);
      continue;
    }
    while (q < s.end && (k = bs_space_len(t + q, t + s.end)) > 0) {
      broken |= t[q] == '\n';
      q += k;
    }
    /* A line the converter broke between two ideographs: Chinese and
       Japanese put no space there. */
    if (len > 0 && q < s.end &&
        !(broken && is_wide((const unsigned char *)dst + last, len - last) && is_wide(u + q, s.end - q))) {
      dst[len++] = ' ';
      count++;
    }
    p = q;
  }
  if (words) *words = count;
  return len;
}
