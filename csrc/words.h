/*
** words.h: text as the words whole-word search sees (the text filters).
** Folded as tag keys are (see fold.h) but with every mark dropped, and every
** run of characters that are no letter or digit (apostrophes and dots too)
** one space, trimmed: "China's U.S. café" -> "china s u s cafe". Plain C, no
** Lua, no allocation: the caller provides what memory is needed.
*/
#ifndef BS_WORDS_H
#define BS_WORDS_H

#include <stddef.h>

/* Hands emit the words of s[0..n), in pieces of any length; stops early
   when emit returns nonzero. Any length of text, no allocation. */
void bs_words(const char *s, size_t n, int (*emit)(void *ud, const char *bytes, size_t n), void *ud);

/* Entries of the table bs_has_words needs for a needle of m bytes. */
size_t bs_match_table_size(size_t m);

/*
** Do the words of s[0..n) hold needle[0..m), words as bs_words gives them
** ("trade war"), as whole words, or with prefix set, the needle's last word
** as the start of a word ("cyber" is in "cybersecurity")? Folds only until
** the first match, and makes no copy of the text. table: at least
** bs_match_table_size(m) entries, of which nothing is read before it is
** written. An empty needle is in no text.
*/
int bs_has_words(const char *s, size_t n, const char *needle, size_t m, int prefix, size_t *table);

#endif
