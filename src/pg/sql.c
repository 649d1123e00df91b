/*
 * sql.c -- PostgreSQL text for the model's joins.
 */
#include "config.h"

#include <string.h>

#include "sql.h"

void
pgq_init(struct pgq *q)
{
	memset(q, 0, sizeof *q);
	buf_init(&q->sql);
}

void
pgq_free(struct pgq *q)
{
	size_t i;

	for (i = 0; i < q->np; i++)
		free(q->params[i]);
	free(q->params);
	buf_free(&q->sql);
	memset(q, 0, sizeof *q);
}

char *
pgq_param(struct pgq *q, const char *value)
{
	VEC_PUSH(q->params, q->np, q->cap, xstrdup(value));
	return xasprintf("$%zu", q->np);
}

void
pgq_add_param(struct pgq *q, const char *value)
{
	VEC_PUSH(q->params, q->np, q->cap, xstrdup(value));
	buf_printf(&q->sql, "$%zu", q->np);
}

void
sql_ident(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

char *
sql_column(const char *alias, const char *column)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s.", alias);
	sql_ident(&b, column);
	return buf_detach(&b);
}

char *
sql_table(const char *schema, const char *table)
{
	struct buf b;

	buf_init(&b);
	sql_ident(&b, schema);
	buf_putc(&b, '.');
	sql_ident(&b, table);
	return buf_detach(&b);
}

/* A model literal: a text parameter. */
static char *
literal(struct pgq *q, const char *s)
{
	char *p = pgq_param(q, s), *r;

	r = xasprintf("%s::pg_catalog.text", p);
	free(p);
	return r;
}

char *
sql_scalar(struct pgq *q, const struct mdg_term *t, const char *alias)
{
	struct buf	 b;
	char		*x;
	size_t		 i;

	if (t->kind == MDG_TERM_COLUMN || t->kind == MDG_TERM_ELEM)
		return sql_column(alias, t->parts[0]);
	buf_init(&b);
	if (t->kind == MDG_TERM_CONCAT) {
		buf_puts(&b, "pg_catalog.concat(");
		for (i = 0; i < t->nparts; i++) {
			x = t->literal[i] ? literal(q, t->parts[i]) :
			    sql_column(alias, t->parts[i]);
			buf_printf(&b, "%s%s", i ? ", " : "", x);
			free(x);
		}
		buf_puts(&b, ")");
	} else if (t->kind == MDG_TERM_MAP) {
		x = sql_column(alias, t->parts[0]);
		buf_printf(&b, "(CASE %s::pg_catalog.text", x);
		free(x);
		for (i = 1; i + 1 < t->nparts; i += 2) {
			char *from = literal(q, t->parts[i]);
			char *to = literal(q, t->parts[i + 1]);

			buf_printf(&b, " WHEN %s THEN %s", from, to);
			free(from);
			free(to);
		}
		buf_puts(&b, " END)");
	}
	return buf_detach(&b);
}

/* A JSON list column as a jsonb array, whatever it holds (text or jsonb). */
static char *
json_array(const char *alias, const char *column)
{
	char *c = sql_column(alias, column), *r;

	r = xasprintf("(CASE WHEN pg_catalog.jsonb_typeof(%s::pg_catalog.jsonb)"
	    " = 'array' THEN %s::pg_catalog.jsonb ELSE '[]'::pg_catalog.jsonb "
	    "END)", c, c);
	free(c);
	return r;
}

void
sql_side_build(struct sql_side *s, struct pgq *q, const struct mdg_key *k,
    const char *alias)
{
	const struct mdg_term	*t;
	char			*c, *arr;
	size_t			 i, j;

	buf_init(&s->from);
	buf_init(&s->ords);
	s->nkeys = k->nterms;
	s->keys = xcalloc(k->nterms, sizeof *s->keys);
	for (i = 0; i < k->nterms; i++) {
		t = &k->terms[i];
		if (t->kind == MDG_TERM_ANY) {
			buf_puts(&s->from, " CROSS JOIN LATERAL (VALUES ");
			for (j = 0; j < t->nparts; j++) {
				c = sql_column(alias, t->parts[j]);
				buf_printf(&s->from, "%s(%zu, %s)",
				    j ? ", " : "", j + 1, c);
				free(c);
			}
			buf_printf(&s->from, ") AS %s_k%zu(i, v)", alias, i);
			buf_printf(&s->ords, ", %s_k%zu.i", alias, i);
			s->keys[i] = xasprintf("%s_k%zu.v", alias, i);
		} else if (t->kind == MDG_TERM_ELEM) {
			arr = json_array(alias, t->parts[0]);
			buf_printf(&s->from, " CROSS JOIN LATERAL "
			    "pg_catalog.jsonb_array_elements_text(%s) WITH "
			    "ORDINALITY AS %s_k%zu(v, i)", arr, alias, i);
			buf_printf(&s->ords, ", %s_k%zu.i", alias, i);
			free(arr);
			s->keys[i] = xasprintf("%s_k%zu.v", alias, i);
		} else
			s->keys[i] = sql_scalar(q, t, alias);
	}
}

void
sql_side_free(struct sql_side *s)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		free(s->keys[i]);
	free(s->keys);
	buf_free(&s->from);
	buf_free(&s->ords);
}

void
sql_keys_set(struct buf *b, const struct sql_side *s)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		buf_printf(b, "%sNULLIF(NULLIF("
		    "(%s)::pg_catalog.text, ''), '0') IS NOT NULL",
		    i ? " AND " : "", s->keys[i]);
}

void
sql_match(struct buf *b, struct pgq *q, const struct mdg_key *k,
    const char *alias, char *const *vals, size_t n)
{
	const struct mdg_term	*t;
	char			*e, *arr;
	size_t			 i, j;

	for (i = 0; i < k->nterms && i < n; i++) {
		t = &k->terms[i];
		if (i > 0)
			buf_puts(b, " AND ");
		switch (t->kind) {
		case MDG_TERM_ANY:
			buf_printf(b, "(%s) IN (", vals[i]);
			for (j = 0; j < t->nparts; j++) {
				e = sql_column(alias, t->parts[j]);
				buf_printf(b, "%s%s", j ? ", " : "", e);
				free(e);
			}
			buf_puts(b, ")");
			break;
		case MDG_TERM_ELEM:
			arr = json_array(alias, t->parts[0]);
			buf_printf(b, "%s OPERATOR(pg_catalog.?) "
			    "(%s)::pg_catalog.text", arr, vals[i]);
			free(arr);
			break;
		default:
			e = sql_scalar(q, t, alias);
			buf_printf(b, "%s = %s", e, vals[i]);
			free(e);
			break;
		}
	}
}
