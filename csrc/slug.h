/*
** slug.h: the match key and the slug of a tag label (SPEC section 3).
** Plain C, no Lua, no allocation: the caller provides the workspace, so that
** a Lua error raised by the caller can never leak memory held here.
**
**   key:  the label folded (see fold.h), white space squeezed, dots and
**         apostrophes inside words removed: "U.S." -> "us", "O'Reilly" ->
**         "oreilly", "C++" -> "c++". Labels with the same key are one tag.
**   slug: the key with symbols named ("c++" -> "cpp", "c#" -> "csharp",
**         ".net" -> "dotnet", "&" -> "and"), every run of other characters
**         but letters and digits turned into one '-', at most BS_SLUG_MAX
**         bytes cut on a character boundary; "tag-" and a stable hash of the
**         key (FNV-1a of its UTF-8) when nothing is left, so that labels
**         with one key always get one slug.
*/
#ifndef BS_SLUG_H
#define BS_SLUG_H

#include <stddef.h>

#include "fold.h"

#define BS_SLUG_MAX 64

/* Bytes of workspace a key or slug of s[0..n) needs; SIZE_MAX when n is too
   large. Here and below SIZE_MAX is the one failure: it does not fit. */
size_t bs_tag_workspace(const char *s, size_t n);

/* Writes the key of s[0..n) at the start of work and returns its length
   (possibly 0); SIZE_MAX when work is too small. cache (see fold.h) may be
   NULL, here and in bs_slug. */
size_t bs_tag_key(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize);

/* Writes the slug of s[0..n) at the start of work and returns its length,
   1 to BS_SLUG_MAX; SIZE_MAX when work is too small. */
size_t bs_slug(const char *s, size_t n, bs_fold_cache *cache, void *work, size_t worksize);

#endif
