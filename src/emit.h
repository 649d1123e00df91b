/*
 * emit.h -- the text emitters.  Each writes into a struct buf and escapes
 * every value for its own format.
 */
#ifndef MDG_EMIT_H
#define MDG_EMIT_H

#include "model.h"
#include "sample.h"
#include "util.h"

/*
 * Mermaid erDiagram of a one-chain view: offline, the documented block,
 * byte for byte.
 */
void	emit_mermaid_chain(struct buf *, const struct mdg_view *);
/* An all-chains view: each relation once, each entity block once. */
void	emit_mermaid_all(struct buf *, const struct mdg_view *);
/* The schema graph of a view as JSON. */
void	emit_json_schema(struct buf *, const struct mdg_view *);
/* An instance diagram as JSON. */
void	emit_json_instance(struct buf *, const struct instance *);
/* An instance diagram as a Mermaid flowchart, capped to Mermaid's limits. */
void	emit_mermaid_instance(struct buf *, const struct instance *);
/* A value safe inside a Mermaid "..." label or comment. */
void	mermaid_escape(struct buf *, const char *);

/* Markdown: plain text made inert, or a note kept as inline Markdown. */
void	md_escape_text(struct buf *, const char *);
void	md_escape_cell(struct buf *, const char *);

#endif
