/*
 * emit_check.c -- check's report: one finding a line, or JSON.
 */
#include "config.h"

#include "check.h"
#include "emit.h"
#include "json.h"

static const char *kind_names[] = {
	"missing-table", "missing-column", "unclassified", "unreadable",
	"orphan", "breach", "not-found", "breach", "unhealthy", "foreign-key",
	"doc-key", "doc-column", "cross-tenant",
};

static void
rel_text(struct buf *b, const struct mdg_rel *r)
{
	buf_printf(b, "%s %s--%s %s \"%s\"", r->left->name,
	    mermaid_card(r->lcard, 0), mermaid_card(r->rcard, 1),
	    r->right->name, r->label);
}

/* What a finding says, in words. */
static void
finding_text(struct buf *b, const struct finding *x)
{
	switch (x->kind) {
	case FIND_MISSING_TABLE:
		buf_printf(b, "%s: no table %s%s", x->entity, x->table,
		    x->examples ? x->examples : "");
		break;
	case FIND_MISSING_COLUMN:
		buf_printf(b, "%s: no column %s.%s", x->entity, x->table,
		    x->column);
		break;
	case FIND_UNCLASSIFIED:
		buf_printf(b, "%s: no chain or list names it", x->table);
		break;
	case FIND_UNREADABLE:
		if (x->examples != NULL)
			buf_printf(b, "%s: table %s not read: %s; not checked",
			    x->entity, x->table, x->examples);
		else
			buf_printf(b, "%s: no SELECT privilege on %s, not "
			    "checked", x->entity, x->table);
		break;
	case FIND_ORPHAN:
		buf_printf(b, "%lld %s row%s with no %s: ", x->count,
		    x->entity, x->count == 1 ? "" : "s", x->partner);
		buf_puts(b, x->examples);
		buf_puts(b, " -- ");
		rel_text(b, x->rel);
		break;
	case FIND_CROSS_TENANT:
		buf_printf(b, "%lld %s row%s naming a %s row of another "
		    "tenant (a global entity of the model)%s%s -- ", x->count,
		    x->entity, x->count == 1 ? "" : "s", x->partner,
		    x->examples ? ": " : "", x->examples ? x->examples : "");
		rel_text(b, x->rel);
		break;
	case FIND_BREACH:
		buf_printf(b, "%lld %s row%s matching several %s: ", x->count,
		    x->entity, x->count == 1 ? "" : "s", x->partner);
		buf_puts(b, x->examples);
		buf_puts(b, " -- ");
		rel_text(b, x->rel);
		break;
	case FIND_NOT_FOUND:
		buf_printf(b, "no %s with ", x->entity);
		buf_puts(b, x->examples);
		buf_puts(b, " -- ");
		rel_text(b, x->rel);
		break;
	case FIND_ROW_BREACH:
		buf_printf(b, "%s has %lld %s rows, the model allows 1 -- ",
		    x->examples, x->count, x->partner);
		rel_text(b, x->rel);
		break;
	case FIND_UNHEALTHY:
		buf_printf(b, "%s is unhealthy", x->examples);
		break;
	case FIND_FOREIGN_KEY:
	case FIND_DOC_KEY:
	case FIND_DOC_COLUMN:
		buf_puts(b, x->examples);
		break;
	}
}

/* check's sections: the findings, then information that is not counted. */
static const struct {
	const char	*header;	/* text: the line above it, or NULL */
	const char	*key;		/* JSON: its array */
} sections[NSECTIONS] = {
	{ NULL, "findings" },
	{ "the document against the database", "document" },
	{ "cross-tenant references", "cross_tenant" },
};

static void
text_section(struct buf *b, const struct findings *f, int sec)
{
	struct buf	line;
	size_t		i;
	int		head = sections[sec].header == NULL;

	buf_init(&line);
	for (i = 0; i < f->n; i++) {
		if (finding_section(&f->list[i]) != sec)
			continue;
		if (!head) {
			buf_printf(b, "%s (information; not counted in the "
			    "exit status):\n", sections[sec].header);
			head = 1;
		}
		buf_reset(&line);
		finding_text(&line, &f->list[i]);
		/* One finding a line, inert, whatever the data holds. */
		buf_printf(b, "%-15s ", kind_names[f->list[i].kind]);
		tty_escape(b, line.data);
		buf_putc(b, '\n');
	}
	buf_free(&line);
}

int
emit_check_text(struct buf *b, const struct findings *f,
    const struct db_schema *s, const struct emit_opts *o, char **cause)
{
	size_t	n = findings_counted(f);
	int	sec;

	(void)o;
	(void)cause;
	text_section(b, f, SEC_FINDINGS);
	if (f->instance != NULL) {
		buf_printf(b, "%zu finding%s for ", n, n == 1 ? "" : "s");
		tty_escape(b, f->instance);
		buf_printf(b, ": %zu rows checked\n", f->rows);
	} else {
		buf_printf(b, "%zu finding%s in schema ", n, n == 1 ? "" : "s");
		tty_escape(b, s->name);
		buf_printf(b, ": %zu tables, %zu relations checked\n",
		    s->ntables, f->relations);
	}
	for (sec = SEC_FINDINGS + 1; sec < NSECTIONS; sec++)
		text_section(b, f, sec);
	return 0;
}

static void
json_section(struct json *j, const struct findings *f, int sec,
    struct buf *t)
{
	const struct finding	*x;
	size_t			 i;

	json_key(j, sections[sec].key);
	json_arr(j);
	for (i = 0; i < f->n; i++) {
		x = &f->list[i];
		if (finding_section(x) != sec)
			continue;
		json_obj(j);
		json_kstr(j, "kind", kind_names[x->kind]);
		json_kstr(j, "entity", x->entity);
		json_kstr(j, "table", x->table);
		if (x->column != NULL)
			json_kstr(j, "column", x->column);
		if (x->rel != NULL) {
			buf_reset(t);
			rel_text(t, x->rel);
			json_kstr(j, "relation", t->data);
			json_kstr(j, "chain", x->rel->chain->name);
			json_kstr(j, "partner", x->partner);
			json_kint(j, "rows", x->count);
			json_kstr(j, "examples", x->examples);
		} else if (x->examples != NULL)
			json_kstr(j, "examples", x->examples);
		json_end_obj(j);
	}
	json_end_arr(j);
}

int
emit_check_json(struct buf *b, const struct findings *f,
    const struct db_schema *s, const struct emit_opts *o, char **cause)
{
	struct json	j;
	struct buf	t;
	int		sec;

	(void)o;
	(void)cause;
	json_init(&j, b);
	json_obj(&j);
	json_kstr(&j, "format", "mdgraph-check");
	json_kint(&j, "version", 1);
	json_kstr(&j, "schema", s->name);
	json_kint(&j, "tables", (long long)s->ntables);
	if (f->instance != NULL) {
		json_kstr(&j, "instance", f->instance);
		json_kint(&j, "rows_checked", (long long)f->rows);
	} else
		json_kint(&j, "relations_checked", (long long)f->relations);
	buf_init(&t);
	for (sec = 0; sec < NSECTIONS; sec++)
		json_section(&j, f, sec, &t);
	buf_free(&t);
	json_end_obj(&j);
	return 0;
}
