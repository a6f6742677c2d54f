/*
** segment.h: the best reading of a space-joined tag line as tags, by dynamic
** programming over what is known of its words (the scores are explained in
** segment.c; the binding finds the words, their sort keys, stop words, known
** tags and counts, and lua/broadsheet/segment.lua says why, and decides which
** readings to ask for). Plain C, no Lua, no allocation: the caller provides
** the memory.
**
** Words are numbered from 0; a tag is a run of words a..b. Sort keys compare
** byte by byte, and the key of a run is its words' keys joined by spaces.
*/
#ifndef BS_SEGMENT_H
#define BS_SEGMENT_H

#include <stddef.h>

enum { BS_SEG_NO_STOP = 0, BS_SEG_JOINING = 1, BS_SEG_LEADING = 2 };

typedef struct bs_seg_word {
  const char *key;       /* the word's sort key */
  size_t key_len;
  unsigned char stop;    /* BS_SEG_NO_STOP, BS_SEG_JOINING or BS_SEG_LEADING */
  unsigned char opening; /* may open a known tag of several words */
} bs_seg_word;

/* What is known of the run of words a..b, b - a < span: whether it is a known
   tag, and its count. */
typedef struct bs_seg_known {
  unsigned char known;
  double count;
} bs_seg_known;

typedef struct bs_seg_line {
  const bs_seg_word *words;
  size_t n;
  size_t span;               /* the most words a tag of the reading may have, at least 1 */
  const bs_seg_known *known; /* n * span entries: words a..b at a * span + (b - a) */
} bs_seg_line;

/* Does x's sort key sort after y's, byte by byte? */
int bs_seg_sorts_after(const bs_seg_word *x, const bs_seg_word *y);

/* Bytes of memory bs_seg_read needs for n words and a span; 0 when that
   does not fit in a size_t. */
size_t bs_seg_work_size(size_t n, size_t span);

/*
** The best reading of the line, in order of the tags' keys when in_order is
** set: writes the first word of each tag into starts (room for n), in line
** order, and its score into *score; returns the number of tags, or 0 when
** no reading is possible. work: bs_seg_work_size(n, span) bytes, suitably
** aligned for doubles (malloc's or a Lua userdata's).
*/
size_t bs_seg_read(const bs_seg_line *line, int in_order, void *work, size_t *starts, double *score);

#endif
