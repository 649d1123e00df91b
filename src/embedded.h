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

#endif
