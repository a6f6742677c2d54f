/*
** escape.h: text made safe for the export formats: the inside of a JSON
** string, XML (and HTML) text, Markdown inline text, a CSV cell. In all a byte
** that is not UTF-8 becomes U+FFFD (one for each such byte), so the output
** is UTF-8 whatever the input. Plain C, no Lua, no allocation: the output
** is handed to emit in pieces of any length.
*/
#ifndef BS_ESCAPE_H
#define BS_ESCAPE_H

#include <stddef.h>

typedef void (*bs_emit_fn)(void *ud, const char *bytes, size_t n);

/* The inside of a JSON string (no quotes), escaped as lua-cjson escapes it
   but for "/", which JSON needs no escape for: '"', '\\', \b \f \n \r \t,
   other C0 controls and DEL as \u00XX. */
void bs_escape_json(const char *s, size_t n, bs_emit_fn emit, void *ud);

/* XML text and attribute values: & < > " ' as entities, and the characters
   XML 1.0 forbids dropped (C0 controls but tab, LF and CR; U+FFFE, U+FFFF). */
void bs_escape_xml(const char *s, size_t n, bs_emit_fn emit, void *ud);

/* bs_escape_xml's output escaped once more, in the same scan: XML text
   that holds XML as text (an Atom or RSS entry's HTML content). */
void bs_escape_xml_twice(const char *s, size_t n, bs_emit_fn emit, void *ud);

/* One line of Markdown that renders as the text: C0 controls but tab..CR,
   and DEL, dropped; runs of white space (tab..CR, space) one space, none at
   either end; \ ` * _ [ ] < > | backslash-escaped, and & when it starts an
   entity ("&amp;"); a leading # + - and a leading number's . or ) escaped,
   so that no heading, list or quote begins. */
void bs_escape_markdown(const char *s, size_t n, bs_emit_fn emit, void *ud);

/* One CSV cell (RFC 4180): in double quotes, its quotes doubled, when it
   holds a quote, the separator, CR or LF; as it is otherwise. With guard, a
   cell a spreadsheet would run as a formula (one that opens with tab or CR,
   or with = + - @ after any white space) gets a leading apostrophe, as
   OWASP recommends. */
void bs_escape_csv(const char *s, size_t n, char separator, int guard, bs_emit_fn emit, void *ud);

#endif
