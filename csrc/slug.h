/*
** slug.h: turning a tag label as printed into its canonical slug, with utf8proc.
** Plain C, no Lua, no allocation: the caller provides the workspace, so that a
** Lua error raised by the caller can never leak memory held here.
*/
#ifndef BS_SLUG_H
#define BS_SLUG_H

#include <stddef.h>

/* Bytes of workspace bs_slug needs for the label s[0..n); 0 when n is too large. */
size_t bs_slug_workspace(const char *s, size_t n);

/*
** Writes the slug of the label s[0..n) into work (at least
** bs_slug_workspace(s, n) bytes) and returns its length; the slug starts at
** work. NFKC case folding, marks stripped from letters, runs of anything but
** letters and digits turned into one '-', trimmed; letters of any script kept.
** Never returns an empty slug: a label with no letters or digits gets
** "tag-" and a short stable hash. Bytes that are not valid UTF-8 count as
** separators.
*/
size_t bs_slug(const char *s, size_t n, void *work, size_t worksize);

#endif
