/*
 * embedded.h -- files from templates/ compiled into the binary
 * (embedded.c is generated at build time by embed.sh).
 */
#ifndef MDG_EMBEDDED_H
#define MDG_EMBEDDED_H

#include <stddef.h>

extern const unsigned char	embedded_model[];
extern const size_t		embedded_model_len;
extern const unsigned char	embedded_doc_template[];
extern const size_t		embedded_doc_template_len;
/* The interactive page (emit_html.c). */
extern const unsigned char	embedded_view_html[];
extern const size_t		embedded_view_html_len;
extern const unsigned char	embedded_view_css[];
extern const size_t		embedded_view_css_len;
extern const unsigned char	embedded_view_js[];
extern const size_t		embedded_view_js_len;

#endif
