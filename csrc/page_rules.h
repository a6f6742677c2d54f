/*
** page_rules.h: what page.c (the blocks of a page dump, their quality and
** the body) and page_head.c (the head fields) share. Not part of the core's
** interface: page.h is.
*/
#ifndef BS_PAGE_RULES_H
#define BS_PAGE_RULES_H

#include "page.h"

/* END is a bad block that closes an article: what follows it is other content.
   PLAIN is a line too long to be short and too bare to be prose: bad for the
   body, but a long headline ("'What is the sea telling us?': ...") looks so. */
enum { END, PLAIN, BAD, SHORT, NEAR_GOOD, GOOD };

static inline int bs_page_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* A list bullet or an item number at the start: '*', '•', '+', '-', 'o', '#', "12." */
int bs_page_starts_item(const char *t, bs_span s);

/* An html2text heading ("****** Headline ******"): its level, and its text into *inner; 0 for none. */
size_t bs_page_heading_level(const char *t, bs_span s, bs_span *inner);

/* Does the span start with a phrase of the notices and buttons pages print ("Sign in", "Advertisement")? */
int bs_page_is_known_boilerplate(const char *t, bs_span s);

/* A line that holds only a date, or a name and a date (see page_head.c). */
int bs_page_is_dated_line(const char *t, const bs_page_block *b);

/* Finds the date, byline and headline around the body starting at blocks[body] into out,
   marking the blocks they came from BS_PAGE_HEAD. */
void bs_page_find_head(const char *t, bs_page_block *blocks, size_t count, size_t body, bs_page *out);

#endif
