/*
 * model.c -- parse the model file format (see mdgraph(5) in the man page).
 *
 * The format is line based.  At top level:
 *
 *	# a comment of the model file
 *	schema NAME
 *	prefix STRING
 *	entity NAME [table=TABLE]
 *	root NAME ENTITY.COLUMN
 *	chain NAME TITLE...            (until "end")
 *	list NAME TITLE...             (until "end": "header A | B",
 *	                                "new NOTE", "Entity note" lines)
 *
 * Inside a chain, lines are the Mermaid erDiagram body itself -- relations,
 * "%%" comments, blank lines and entity blocks -- plus "on" and "tenant"
 * lines that say what the relation above them joins, and "link" relations
 * that instance diagrams and checks follow but schema diagrams do not draw.  Inside a list, each
 * line is an entity name and a note.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "model.h"
#include "util.h"

struct parser {
	struct mdg_model	*m;
	const char		*src;
	int			 line;
	char			*cause;
	struct mdg_chain	*chain;		/* inside "chain" */
	struct mdg_block	*block;		/* inside "Entity {" */
	struct mdg_list		*list;		/* inside "list" */
	struct mdg_rel		*rel;		/* last relation, for "on" */
	int			 open_line;	/* where chain/list/block began */
	struct hmap		 sections;	/* "chain NAME", "list NAME" */
	struct hmap		 attrs;		/* the open block's attributes */
	size_t			 cap_attrs;	/* of the open block */
};

static const char *mermaid_keywords[] = {
	"one", "many", "to", "end", "class", "style", "subgraph", NULL
};

static int
fail(struct parser *p, const char *fmt, ...) MDG_PRINTF(2, 3);

static int
fail(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (p->cause != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->cause = xasprintf("%s:%d: %s", p->src, p->line, msg);
	free(msg);
	return -1;
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int
is_ident_start(int c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static int
is_ident(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Length of the identifier at s, or 0. */
static size_t
ident_len(const char *s)
{
	size_t n = 0;

	if (!is_ident_start(s[0]))
		return 0;
	while (is_ident(s[n]))
		n++;
	return n;
}

static int
is_keyword(const char *s, size_t n)
{
	size_t i;

	for (i = 0; mermaid_keywords[i] != NULL; i++) {
		if (strlen(mermaid_keywords[i]) == n &&
		    strncasecmp(mermaid_keywords[i], s, n) == 0)
			return 1;
	}
	return 0;
}

/* Split off the next whitespace-separated word; NULL at end of line. */
static char *
next_word(const char **sp)
{
	const char *s = skip_ws(*sp), *e;

	if (*s == '\0')
		return NULL;
	e = s;
	while (*e != '\0' && *e != ' ' && *e != '\t')
		e++;
	*sp = e;
	return xstrndup(s, (size_t)(e - s));
}

static struct mdg_entity *
entity_get(struct parser *p, const char *name, size_t n)
{
	struct mdg_model	*m = p->m;
	struct mdg_entity	*e;
	struct hent		*h;
	char			*key = xstrndup(name, n), *lower;
	size_t			 i;

	if ((h = hmap_get(&m->names, key)) != NULL) {
		free(key);
		return m->entities[h->idx[0]];
	}
	e = xcalloc(1, sizeof *e);
	e->name = key;
	lower = xstrdup(e->name);
	for (i = 0; lower[i] != '\0'; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	e->table = xasprintf("%s%s", m->prefix, lower);
	free(lower);
	e->index = m->nentities;
	VEC_PUSH(m->entities, m->nentities, m->cap_ents, e);
	hmap_add(&m->names, e->name, e->index);
	return e;
}

/* An entity name: an identifier Mermaid reads as one entity. */
static struct mdg_entity *
parse_entity_name(struct parser *p, const char **sp)
{
	const char	*s = skip_ws(*sp);
	size_t		 n = ident_len(s);

	if (n == 0) {
		fail(p, "expected an entity name at '%.20s'", s);
		return NULL;
	}
	if (is_keyword(s, n)) {
		fail(p, "'%.*s' is a Mermaid keyword and cannot name an entity",
		    (int)n, s);
		return NULL;
	}
	*sp = s + n;
	return entity_get(p, s, n);
}

static void
chain_add_entity(struct mdg_chain *c, struct mdg_entity *e)
{
	if (hmap_get(&c->member, e->name) != NULL)
		return;
	hmap_add(&c->member, e->name, c->nentities);
	VEC_PUSH(c->entities, c->nentities, c->cap_ents, e);
}

static struct mdg_item *
chain_add_item(struct mdg_chain *c, enum mdg_item_kind kind)
{
	struct mdg_item item;

	memset(&item, 0, sizeof item);
	item.kind = kind;
	VEC_PUSH(c->items, c->nitems, c->cap_items, item);
	return &c->items[c->nitems - 1];
}

static int
parse_card(const char *s, enum mdg_card *card, int right)
{
	static const struct {
		const char	*left, *right;
		enum mdg_card	 card;
	} cards[] = {
		{ "||", "||", MDG_CARD_ONE },
		{ "|o", "o|", MDG_CARD_ZERO_ONE },
		{ "}o", "o{", MDG_CARD_ZERO_MANY },
		{ "}|", "|{", MDG_CARD_ONE_MANY },
	};
	size_t i;

	for (i = 0; i < sizeof cards / sizeof cards[0]; i++) {
		/* Mermaid accepts either spelling on either end. */
		if (strncmp(s, cards[i].left, 2) == 0 ||
		    strncmp(s, cards[i].right, 2) == 0) {
			*card = cards[i].card;
			return 0;
		}
	}
	(void)right;
	return -1;
}

const char *
card_name(enum mdg_card card)
{
	switch (card) {
	case MDG_CARD_ONE:
		return "one";
	case MDG_CARD_ZERO_ONE:
		return "zero-or-one";
	case MDG_CARD_ZERO_MANY:
		return "zero-or-many";
	case MDG_CARD_ONE_MANY:
		return "one-or-many";
	}
	return "one";
}

/* A "..." string: anything but '"'.  Returns it, allocated. */
static char *
parse_quoted(struct parser *p, const char **sp, const char *what)
{
	const char *s = skip_ws(*sp), *e;

	if (*s != '"') {
		fail(p, "expected a quoted %s", what);
		return NULL;
	}
	if ((e = strchr(s + 1, '"')) == NULL) {
		fail(p, "unterminated %s: missing '\"'", what);
		return NULL;
	}
	*sp = e + 1;
	return xstrndup(s + 1, (size_t)(e - s - 1));
}

static void
term_add_part(struct mdg_term *t, const char *s, size_t n, int literal)
{
	t->parts = xreallocarray(t->parts, t->nparts + 1, sizeof *t->parts);
	t->literal = xreallocarray(t->literal, t->nparts + 1,
	    sizeof *t->literal);
	t->parts[t->nparts] = xstrndup(s, n);
	t->literal[t->nparts] = literal;
	t->nparts++;
}

static void
key_add_term(struct mdg_key *k, struct mdg_term *t)
{
	k->terms = xreallocarray(k->terms, k->nterms + 1, sizeof *k->terms);
	k->terms[k->nterms++] = *t;
}

static void
term_free(struct mdg_term *t)
{
	size_t i;

	for (i = 0; i < t->nparts; i++)
		free(t->parts[i]);
	free(t->parts);
	free(t->literal);
}

static void
key_free(struct mdg_key *k)
{
	size_t i;

	for (i = 0; i < k->nterms; i++)
		term_free(&k->terms[i]);
	free(k->terms);
	k->terms = NULL;
	k->nterms = 0;
}

static void
key_copy(struct mdg_key *to, const struct mdg_key *from)
{
	struct mdg_term	 t;
	size_t		 i, j;

	for (i = 0; i < from->nterms; i++) {
		memset(&t, 0, sizeof t);
		t.kind = from->terms[i].kind;
		for (j = 0; j < from->terms[i].nparts; j++)
			term_add_part(&t, from->terms[i].parts[j],
			    strlen(from->terms[i].parts[j]),
			    from->terms[i].literal[j]);
		key_add_term(to, &t);
	}
}

/* One term: col | any(col, ...) | elem(col) | concat(col|'lit', ...). */
static int
parse_term(struct parser *p, const char **sp, struct mdg_term *t)
{
	const char	*s = skip_ws(*sp), *e;
	size_t		 n = ident_len(s);

	memset(t, 0, sizeof *t);
	if (n == 0)
		return fail(p, "expected a column name at '%.20s'", s);
	if (*skip_ws(s + n) != '(') {
		t->kind = MDG_TERM_COLUMN;
		term_add_part(t, s, n, 0);
		*sp = s + n;
		return 0;
	}
	if (n == 3 && strncmp(s, "any", 3) == 0)
		t->kind = MDG_TERM_ANY;
	else if (n == 4 && strncmp(s, "elem", 4) == 0)
		t->kind = MDG_TERM_ELEM;
	else if (n == 6 && strncmp(s, "concat", 6) == 0)
		t->kind = MDG_TERM_CONCAT;
	else if (n == 3 && strncmp(s, "map", 3) == 0)
		t->kind = MDG_TERM_MAP;
	else
		return fail(p, "unknown join function '%.*s' "
		    "(choose from: any, elem, concat, map)", (int)n, s);
	s = skip_ws(s + n) + 1;
	for (;;) {
		s = skip_ws(s);
		if (*s == '\'' && (t->kind == MDG_TERM_CONCAT ||
		    (t->kind == MDG_TERM_MAP && t->nparts > 0))) {
			if ((e = strchr(s + 1, '\'')) == NULL)
				return fail(p, "unterminated literal in join");
			term_add_part(t, s + 1, (size_t)(e - s - 1), 1);
			s = e + 1;
			if (t->kind == MDG_TERM_MAP) {
				s = skip_ws(s);
				if (*s != '=' || *(s = skip_ws(s + 1)) != '\'' ||
				    (e = strchr(s + 1, '\'')) == NULL)
					return fail(p, "map() takes "
					    "'from'='to' pairs");
				term_add_part(t, s + 1, (size_t)(e - s - 1),
				    1);
				s = e + 1;
			}
		} else if ((n = ident_len(s)) > 0 &&
		    (t->kind != MDG_TERM_MAP || t->nparts == 0)) {
			term_add_part(t, s, n, 0);
			s += n;
		} else
			return fail(p, "expected a column name at '%.20s'", s);
		s = skip_ws(s);
		if (*s == ')')
			break;
		if (*s != ',')
			return fail(p, "expected ',' or ')' in join");
		s++;
	}
	*sp = s + 1;
	if (t->kind == MDG_TERM_ELEM && t->nparts != 1)
		return fail(p, "elem() takes exactly one column");
	if (t->kind == MDG_TERM_ANY && t->nparts < 2)
		return fail(p, "any() takes two or more columns");
	if (t->kind == MDG_TERM_CONCAT && t->nparts < 2)
		return fail(p, "concat() takes two or more parts");
	if (t->kind == MDG_TERM_MAP && t->nparts < 3)
		return fail(p, "map() takes a column and 'from'='to' pairs");
	return 0;
}

/* A key: term ('+' term)*. */
static int
parse_key(struct parser *p, const char **sp, struct mdg_key *k)
{
	struct mdg_term t;

	for (;;) {
		if (parse_term(p, sp, &t) != 0) {
			term_free(&t);
			return -1;
		}
		key_add_term(k, &t);
		*sp = skip_ws(*sp);
		if (**sp != '+')
			return 0;
		(*sp)++;
	}
}

/* "on KEY [= KEY]" after a relation. */
static int
parse_on(struct parser *p, const char *s)
{
	struct mdg_rel *r = p->rel;

	if (r == NULL)
		return fail(p, "'on' must follow a relation");
	if (r->lkey.nterms > 0)
		return fail(p, "relation already has an 'on' line");
	r->on_line = p->line;
	if (parse_key(p, &s, &r->lkey) != 0)
		return -1;
	s = skip_ws(s);
	if (*s == '=') {
		s++;
		if (parse_key(p, &s, &r->rkey) != 0)
			return -1;
	} else
		key_copy(&r->rkey, &r->lkey);	/* the same on both sides */
	s = skip_ws(s);
	if (*s != '\0')
		return fail(p, "unexpected '%s' after join", s);
	if (r->lkey.nterms != r->rkey.nterms)
		return fail(p, "join has %zu term(s) on the left and %zu on "
		    "the right", r->lkey.nterms, r->rkey.nterms);
	return 0;
}

/* A label like "a+b": the join on both sides, when no "on" line says. */
static int
key_from_label(const char *label, struct mdg_key *k)
{
	struct mdg_term	 t;
	const char	*s = label;
	size_t		 n;

	for (;;) {
		if ((n = ident_len(s)) == 0)
			goto bad;
		memset(&t, 0, sizeof t);
		t.kind = MDG_TERM_COLUMN;
		term_add_part(&t, s, n, 0);
		key_add_term(k, &t);
		s += n;
		if (*s == '\0')
			return 0;
		if (*s++ != '+')
			goto bad;
	}
bad:
	key_free(k);
	return -1;
}

/*
 * "A ||--o{ B : "label"".  `kind` 1: a `link` (followed, never drawn), 2:
 * an `extra` (not in the document; drawn with --relations all).  In an
 * extra chain every relation is extra.
 */
static int
parse_relation(struct parser *p, const char *s, int kind)
{
	struct mdg_rel	*r;
	struct mdg_item	*item;
	const char	*q;
	int		 hidden = kind != 0 && !p->chain->extra;

	r = xcalloc(1, sizeof *r);
	r->line = p->line;
	r->chain = p->chain;
	r->hidden = kind == 1;
	r->extra = kind == 2 || p->chain->extra;
	if ((r->left = parse_entity_name(p, &s)) == NULL)
		goto bad;
	s = skip_ws(s);
	if (strlen(s) < 6 || parse_card(s, &r->lcard, 0) != 0 ||
	    parse_card(s + 4, &r->rcard, 1) != 0) {
		fail(p, "expected a relationship such as '||--o{' at '%.10s'",
		    s);
		goto bad;
	}
	if (strncmp(s + 2, "--", 2) == 0)
		r->identifying = 1;
	else if (strncmp(s + 2, "..", 2) != 0) {
		fail(p, "expected '--' or '..' in '%.6s'", s);
		goto bad;
	}
	s += 6;
	if (*s != ' ' && *s != '\t') {
		fail(p, "expected a space after '%.6s'", s - 6);
		goto bad;
	}
	if ((r->right = parse_entity_name(p, &s)) == NULL)
		goto bad;
	s = skip_ws(s);
	if (*s++ != ':') {
		fail(p, "expected ': \"label\"' after the relationship");
		goto bad;
	}
	if ((r->label = parse_quoted(p, &s, "label")) == NULL)
		goto bad;
	q = skip_ws(s);
	if (*q != '\0') {
		fail(p, "unexpected '%s' after the label", q);
		goto bad;
	}
	r->index = p->chain->nrels;
	VEC_PUSH(p->chain->rels, p->chain->nrels, p->chain->cap_rels, r);
	if (!hidden) {
		chain_add_entity(p->chain, r->left);
		chain_add_entity(p->chain, r->right);
		item = chain_add_item(p->chain, MDG_ITEM_REL);
		item->rel = r;
	}
	p->rel = r;
	return 0;
bad:
	free(r->label);
	free(r);
	return -1;
}

/* Attribute types and names: what Mermaid takes without quoting. */
static size_t
attr_word_len(const char *s)
{
	size_t n = 0;

	if (!is_ident_start(s[0]))
		return 0;
	while (is_ident(s[n]) ||
	    (s[n] != '\0' && strchr("[]().,-", s[n]) != NULL))
		n++;
	return n;
}

static int
is_key_word(const char *s, size_t n)
{
	return n == 2 && (strncasecmp(s, "PK", 2) == 0 ||
	    strncasecmp(s, "FK", 2) == 0 || strncasecmp(s, "UK", 2) == 0);
}

/* "type name [PK|FK|UK[, ...]] ["comment"]" */
static int
parse_attr(struct parser *p, const char *s)
{
	struct mdg_block	*b = p->block;
	struct mdg_attr		 a;
	struct buf		 keys;
	size_t			 n;

	memset(&a, 0, sizeof a);
	a.line = p->line;
	buf_init(&keys);
	s = skip_ws(s);
	if ((n = attr_word_len(s)) == 0 || (s[n] != ' ' && s[n] != '\t'))
		return fail(p, "expected 'type name' in entity block");
	a.type = xstrndup(s, n);
	s = skip_ws(s + n);
	if ((n = attr_word_len(s)) == 0 || is_key_word(s, n)) {
		fail(p, "expected an attribute name after '%s'", a.type);
		goto bad;
	}
	a.name = xstrndup(s, n);
	s = skip_ws(s + n);
	while ((n = ident_len(s)) > 0) {
		if (!is_key_word(s, n)) {
			fail(p, "unknown key '%.*s' (choose from: PK, FK, UK)",
			    (int)n, s);
			goto bad;
		}
		if (keys.len > 0)
			buf_puts(&keys, ", ");
		buf_putc(&keys, (char)toupper((unsigned char)s[0]));
		buf_putc(&keys, 'K');
		s = skip_ws(s + n);
		if (*s != ',')
			break;
		s = skip_ws(s + 1);
		if (ident_len(s) == 0) {
			fail(p, "expected a key after ','");
			goto bad;
		}
	}
	if (keys.len > 0)
		a.keys = buf_detach(&keys);
	if (*s == '"' && (a.comment = parse_quoted(p, &s, "comment")) == NULL)
		goto bad;
	s = skip_ws(s);
	if (*s != '\0') {
		fail(p, "unexpected '%s' in attribute", s);
		goto bad;
	}
	if (hmap_get(&p->attrs, a.name) != NULL) {
		fail(p, "attribute '%s' appears twice in block '%s'",
		    a.name, b->entity->name);
		goto bad;
	}
	hmap_add(&p->attrs, a.name, b->nattrs);
	VEC_PUSH(b->attrs, b->nattrs, p->cap_attrs, a);
	return 0;
bad:
	buf_free(&keys);
	free(a.type);
	free(a.name);
	free(a.keys);
	free(a.comment);
	return -1;
}

static int
parse_block_open(struct parser *p, const char *s)
{
	struct mdg_entity	*e;
	struct mdg_block	*b;
	struct mdg_item		*item;

	if ((e = parse_entity_name(p, &s)) == NULL)
		return -1;
	s = skip_ws(s);
	if (*s != '{' || *skip_ws(s + 1) != '\0')
		return fail(p, "expected '%s {'", e->name);
	if (chain_block(p->chain, e) != NULL)
		return fail(p, "entity '%s' has two blocks in chain '%s'",
		    e->name, p->chain->name);
	b = xcalloc(1, sizeof *b);
	b->entity = e;
	chain_add_entity(p->chain, e);
	hmap_add(&p->chain->block_by, e->name, p->chain->nblocks);
	VEC_PUSH(p->chain->blocks, p->chain->nblocks, p->chain->cap_blocks, b);
	item = chain_add_item(p->chain, MDG_ITEM_BLOCK);
	item->block = b;
	p->block = b;
	hmap_free(&p->attrs);
	hmap_init(&p->attrs, 0);
	p->cap_attrs = 0;
	p->rel = NULL;
	p->open_line = p->line;
	return 0;
}

static int
chain_line(struct parser *p, const char *s)
{
	struct mdg_item	*item;
	const char	*rest;
	char		*word;

	s = skip_ws(s);
	if (*s == '#')
		return 0;	/* a comment of the model file */
	if (*s == '\0') {
		chain_add_item(p->chain, MDG_ITEM_BLANK);
		p->rel = NULL;
		return 0;
	}
	if (strncmp(s, "%%", 2) == 0) {
		rest = skip_ws(s + 2);
		if (*rest == '\0')
			return fail(p, "a bare '%%%%' line is a Mermaid parse "
			    "error: add text after it");
		if (s[2] == '{')
			return fail(p, "'%%%%{' starts a Mermaid directive, "
			    "not a comment");
		item = chain_add_item(p->chain, MDG_ITEM_COMMENT);
		item->comment = xstrdup(s);
		p->rel = NULL;
		return 0;
	}
	if (str_eq(s, "end")) {
		p->chain = NULL;
		p->rel = NULL;
		return 0;
	}
	rest = s;
	word = next_word(&rest);
	if (str_eq(word, "on")) {
		free(word);
		return parse_on(p, skip_ws(rest));
	}
	if (str_eq(word, "link")) {
		free(word);
		return parse_relation(p, skip_ws(rest), 1);
	}
	if (str_eq(word, "extra")) {
		free(word);
		return parse_relation(p, skip_ws(rest), 2);
	}
	if (str_eq(word, "tenant")) {
		free(word);
		word = next_word(&rest);
		if (p->rel == NULL)
			return free(word), fail(p,
			    "'tenant' must follow a relation");
		if (word != NULL && str_eq(word, "no") &&
		    *skip_ws(rest) == '\0')
			p->rel->tenant = MDG_TENANT_NO;
		else if (word != NULL && str_eq(word, "auto") &&
		    *skip_ws(rest) == '\0')
			p->rel->tenant = MDG_TENANT_AUTO;
		else
			return free(word), fail(p,
			    "expected 'tenant auto' or 'tenant no'");
		free(word);
		return 0;
	}
	free(word);
	if (s[strlen(s) - 1] == '{')
		return parse_block_open(p, s);
	return parse_relation(p, s, 0);
}

static int
list_line(struct parser *p, const char *s)
{
	struct mdg_list		*l = p->list;
	struct mdg_list_item	 it;
	const char		*name;
	size_t			 n, i;

	s = skip_ws(s);
	if (*s == '\0' || *s == '#')
		return 0;
	if (str_eq(s, "end")) {
		if (l->header == NULL)
			return fail(p, "list '%s' needs a 'header A | B' line",
			    l->name);
		p->list = NULL;
		return 0;
	}
	if (strncmp(s, "header", 6) == 0 && (s[6] == ' ' || s[6] == '\t')) {
		if (l->header != NULL)
			return fail(p, "list '%s' has two headers", l->name);
		if (strchr(s + 6, '|') == NULL)
			return fail(p, "expected 'header Entity column | Note "
			    "column'");
		l->header = xstrdup(skip_ws(s + 6));
		return 0;
	}
	if (strncmp(s, "new", 3) == 0 && (s[3] == ' ' || s[3] == '\t')) {
		if (l->new_note != NULL)
			return fail(p, "list '%s' has two 'new' lines", l->name);
		for (i = 0; i < p->m->nlists; i++)
			if (p->m->lists[i]->new_note != NULL)
				return fail(p, "only one list can take new "
				    "tables; '%s' does", p->m->lists[i]->name);
		l->new_note = xstrdup(skip_ws(s + 3));
		return 0;
	}
	name = s;
	if ((n = ident_len(s)) == 0 || (s[n] != '\0' && s[n] != ' ' &&
	    s[n] != '\t'))
		return fail(p, "expected 'EntityName note' in list '%s'",
		    l->name);
	it.entity = entity_get(p, name, n);
	s = skip_ws(s + n);
	if (*s == '\0')
		return fail(p, "entry '%s' in list '%s' needs a note",
		    it.entity->name, l->name);
	for (i = 0; i < l->nitems; i++)
		if (l->items[i].entity == it.entity)
			return fail(p, "'%s' appears twice in list '%s'",
			    it.entity->name, l->name);
	it.note = xstrdup(s);
	VEC_PUSH(l->items, l->nitems, l->cap, it);
	return 0;
}

/* "chain NAME TITLE..." / "list NAME TITLE..." */
static int
parse_section(struct parser *p, const char *s, int is_chain)
{
	const char	*what = is_chain ? "chain" : "list";
	char		*name, *key;
	size_t		 n;
	int		 dup;

	s = skip_ws(s);
	if ((n = ident_len(s)) == 0 || (s[n] != ' ' && s[n] != '\t'))
		return fail(p, "expected '%s NAME TITLE'", what);
	name = xstrndup(s, n);
	s = skip_ws(s + n);
	if (*s == '\0') {
		free(name);
		return fail(p, "%s needs a title after its name", what);
	}
	if (str_eq(name, "all")) {
		free(name);
		return fail(p, "'all' is reserved and cannot name a %s", what);
	}
	key = xasprintf("%s %s", what, name);
	dup = hmap_get(&p->sections, key) != NULL;
	if (!dup)
		hmap_add(&p->sections, key, 0);
	free(key);
	if (dup) {
		fail(p, "%s '%s' is defined twice", what, name);
		free(name);
		return -1;
	}
	if (is_chain) {
		struct mdg_chain *c;

		c = xcalloc(1, sizeof *c);
		c->name = name;
		c->title = xstrdup(s);
		c->index = p->m->nchains;
		hmap_init(&c->member, 0);
		hmap_init(&c->block_by, 0);
		VEC_PUSH(p->m->chains, p->m->nchains, p->m->cap_chains, c);
		p->chain = c;
	} else {
		struct mdg_list *l;

		l = xcalloc(1, sizeof *l);
		l->name = name;
		l->title = xstrdup(s);
		VEC_PUSH(p->m->lists, p->m->nlists, p->m->cap_lists, l);
		p->list = l;
	}
	p->open_line = p->line;
	p->rel = NULL;
	return 0;
}

/* "entity NAME [table=TABLE]" */
static int
parse_entity_decl(struct parser *p, const char *s)
{
	struct mdg_entity	*e;
	char			*w;

	if ((e = parse_entity_name(p, &s)) == NULL)
		return -1;
	if (e->declared)
		return fail(p, "entity '%s' is declared twice", e->name);
	e->declared = 1;
	while ((w = next_word(&s)) != NULL) {
		if (strncmp(w, "table=", 6) == 0 && w[6] != '\0') {
			free(e->table);
			e->table = xstrdup(w + 6);
			free(w);
		} else if (str_eq(w, "abstract")) {
			free(e->table);
			e->table = NULL;
			free(w);
		} else if (str_eq(w, "global")) {
			e->global = 1;
			free(w);
		} else {
			fail(p, "unknown entity option '%s' (choose from: "
			    "table=NAME, abstract, global)", w);
			free(w);
			return -1;
		}
	}
	return 0;
}

/* "root NAME ENTITY.COLUMN" */
static int
parse_root(struct parser *p, const char *s)
{
	struct mdg_root	 r;
	const char	*dot, *cursor;
	char		*name, *target;
	size_t		 i, n;

	name = next_word(&s);
	target = next_word(&s);
	if (name == NULL || target == NULL || *skip_ws(s) != '\0' ||
	    (dot = strchr(target, '.')) == NULL ||
	    (n = ident_len(dot + 1)) == 0 || dot[1 + n] != '\0') {
		free(name);
		free(target);
		return fail(p, "expected 'root NAME Entity.column'");
	}
	for (i = 0; i < p->m->nroots; i++) {
		if (str_eq(p->m->roots[i].name, name)) {
			fail(p, "root '%s' is defined twice", name);
			free(name);
			free(target);
			return -1;
		}
	}
	memset(&r, 0, sizeof r);
	r.name = name;
	r.column = xstrdup(dot + 1);
	cursor = target;
	r.entity = parse_entity_name(p, &cursor);
	if (r.entity == NULL || cursor != dot) {
		free(r.name);
		free(r.column);
		free(target);
		return r.entity ? fail(p, "expected 'root NAME Entity.column'") :
		    -1;
	}
	free(target);
	VEC_PUSH(p->m->roots, p->m->nroots, p->m->cap_roots, r);
	return 0;
}

/* "health ENTITY COLUMN=V[|V...] COLUMN!=V[|V...] ..." */
static int
parse_health(struct parser *p, const char *s)
{
	struct mdg_entity	*e;
	struct mdg_health	 h;
	const char		*op, *v, *bar;
	char			*w, *name;
	size_t			 n, cap, i;

	/* Rules are for entities the chains and lists have named. */
	s = skip_ws(s);
	n = ident_len(s);
	name = xstrndup(s, n);
	e = n > 0 ? model_entity(p->m, name) : NULL;
	if (e == NULL) {
		fail(p, "health: no entity '%s' in the chains or lists above",
		    name);
		free(name);
		return -1;
	}
	free(name);
	s += n;
	if (*skip_ws(s) == '\0')
		return fail(p, "health %s: give COLUMN=VALUE or COLUMN!=VALUE",
		    e->name);
	while ((w = next_word(&s)) != NULL) {
		memset(&h, 0, sizeof h);
		n = ident_len(w);
		op = w + n;
		h.negate = op[0] == '!' && op[1] == '=';
		if (n == 0 || (*op != '=' && !h.negate) ||
		    op[h.negate ? 2 : 1] == '\0') {
			fail(p, "health %s: expected COLUMN=VALUE[|VALUE] or "
			    "COLUMN!=VALUE[|VALUE], not '%s'", e->name, w);
			free(w);
			return -1;
		}
		for (i = 0; i < e->nhealth; i++) {
			if (strncmp(e->health[i].column, w, n) == 0 &&
			    e->health[i].column[n] == '\0') {
				fail(p, "health %s: column %.*s has a rule "
				    "already", e->name, (int)n, w);
				free(w);
				return -1;
			}
		}
		h.column = xstrndup(w, n);
		cap = 0;
		for (v = op + (h.negate ? 2 : 1); ; v = bar + 1) {
			bar = strchr(v, '|');
			VEC_PUSH(h.values, h.nvalues, cap, bar ?
			    xstrndup(v, (size_t)(bar - v)) : xstrdup(v));
			if (bar == NULL)
				break;
		}
		free(w);
		e->health = xreallocarray(e->health, e->nhealth + 1,
		    sizeof *e->health);
		e->health[e->nhealth++] = h;
	}
	return 0;
}

static int
top_line(struct parser *p, const char *s)
{
	const char	*rest;
	char		*word, *arg;
	int		 rc = 0;

	s = skip_ws(s);
	if (*s == '\0' || *s == '#')
		return 0;
	rest = s;
	word = next_word(&rest);
	if (str_eq(word, "extra")) {
		/* "extra chain ..." / "extra list ...": what the document
		   leaves out, drawn with --relations all. */
		free(word);
		word = next_word(&rest);
		if (word == NULL || (!str_eq(word, "chain") &&
		    !str_eq(word, "list")))
			rc = fail(p, "expected 'extra chain NAME TITLE' or "
			    "'extra list NAME TITLE'");
		else if ((rc = parse_section(p, rest, str_eq(word, "chain"))) ==
		    0) {
			if (p->chain != NULL)
				p->chain->extra = 1;
			else
				p->list->extra = 1;
		}
	} else if (str_eq(word, "chain"))
		rc = parse_section(p, rest, 1);
	else if (str_eq(word, "list"))
		rc = parse_section(p, rest, 0);
	else if (str_eq(word, "entity"))
		rc = parse_entity_decl(p, rest);
	else if (str_eq(word, "root"))
		rc = parse_root(p, rest);
	else if (str_eq(word, "health"))
		rc = parse_health(p, rest);
	else if (str_eq(word, "schema") || str_eq(word, "prefix")) {
		arg = next_word(&rest);
		if (arg == NULL || *skip_ws(rest) != '\0')
			rc = fail(p, "'%s' takes one word", word);
		else if (p->m->nentities > 0)
			rc = fail(p, "'%s' must come before any entity", word);
		else if (str_eq(word, "schema")) {
			free(p->m->schema);
			p->m->schema = arg;
			arg = NULL;
		} else {
			free(p->m->prefix);
			p->m->prefix = arg;
			arg = NULL;
		}
		free(arg);
	} else
		rc = fail(p, "unknown statement '%s' (choose from: schema, "
		    "prefix, entity, root, health, chain, list, extra)", word);
	free(word);
	return rc;
}

/* Drop blank items at either end of a chain: they are layout noise. */
static void
chain_trim(struct mdg_chain *c)
{
	size_t start = 0;

	while (c->nitems > 0 && c->items[c->nitems - 1].kind == MDG_ITEM_BLANK)
		c->nitems--;
	while (start < c->nitems && c->items[start].kind == MDG_ITEM_BLANK)
		start++;
	if (start > 0) {
		memmove(c->items, c->items + start,
		    (c->nitems - start) * sizeof *c->items);
		c->nitems -= start;
	}
}

static int
finish(struct parser *p)
{
	struct mdg_model	*m = p->m;
	struct mdg_chain	*c;
	struct mdg_rel		*r;
	size_t			 i, j;

	if (p->block != NULL) {
		p->line = p->open_line;
		return fail(p, "block '%s {' is not closed with '}'",
		    p->block->entity->name);
	}
	if (p->chain != NULL || p->list != NULL) {
		p->line = p->open_line;
		return fail(p, "%s '%s' is not closed with 'end'",
		    p->chain ? "chain" : "list",
		    p->chain ? p->chain->name : p->list->name);
	}
	if (m->nchains == 0) {
		p->line = 1;
		return fail(p, "the model defines no chain");
	}
	for (i = 0; i < m->nchains; i++) {
		c = m->chains[i];
		chain_trim(c);
		if (c->nrels == 0 && c->nblocks == 0) {
			p->line = 0;
			return fail(p, "chain '%s' is empty", c->name);
		}
		for (j = 0; j < c->nrels; j++) {
			r = c->rels[j];
			if (r->lkey.nterms > 0)
				continue;
			if (key_from_label(r->label, &r->lkey) != 0 ||
			    key_from_label(r->label, &r->rkey) != 0) {
				p->line = r->line;
				return fail(p, "label \"%s\" is not a column "
				    "list: add an 'on' line with the join",
				    r->label);
			}
		}
	}
	return 0;
}

struct mdg_model *
model_parse(const char *text, size_t len, const char *source, char **cause)
{
	struct parser	 p;
	struct buf	 line;
	const char	*s = text, *end = text + len, *nl;
	int		 rc = 0;

	if (text_check(text, len, source, cause) != 0)
		return NULL;
	memset(&p, 0, sizeof p);
	p.m = xcalloc(1, sizeof *p.m);
	hmap_init(&p.m->names, 64);
	p.m->source = xstrdup(source);
	p.m->schema = xstrdup("public");
	p.m->prefix = xstrdup("metadata_");
	p.src = source;
	hmap_init(&p.sections, 0);
	hmap_init(&p.attrs, 0);
	buf_init(&line);

	while (rc == 0 && s < end) {
		p.line++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		buf_reset(&line);
		buf_add(&line, s, (size_t)(nl - s));
		s = nl + 1;
		if (line.len > 0 && line.data[line.len - 1] == '\r')
			line.data[--line.len] = '\0';
		if (strlen(line.data) != line.len) {
			rc = fail(&p, "NUL byte in line");
			break;
		}
		if (p.block != NULL) {
			const char *t = skip_ws(line.data);

			if (*t == '#')
				;	/* a comment of the model file */
			else if (str_eq(t, "}"))
				p.block = NULL;
			else if (str_eq(t, "end"))
				rc = fail(&p, "'end' inside block '%s {': close "
				    "the block with '}' first",
				    p.block->entity->name);
			else if (*t == '\0')
				rc = fail(&p, "blank line inside block '%s {'",
				    p.block->entity->name);
			else
				rc = parse_attr(&p, t);
		} else if (p.chain != NULL)
			rc = chain_line(&p, line.data);
		else if (p.list != NULL)
			rc = list_line(&p, line.data);
		else
			rc = top_line(&p, line.data);
	}
	buf_free(&line);
	hmap_free(&p.sections);
	hmap_free(&p.attrs);
	if (rc == 0)
		rc = finish(&p);
	if (rc != 0) {
		*cause = p.cause;
		model_free(p.m);
		return NULL;
	}
	return p.m;
}

struct mdg_model *
model_load(const char *path, char **cause)
{
	struct mdg_model	*m;
	char			*text, *why;
	size_t			 len;

	if (file_read(path, &text, &len, &why) != 0) {
		*cause = xasprintf("cannot read model %s", why);
		free(why);
		return NULL;
	}
	m = model_parse(text, len, path, cause);
	free(text);
	return m;
}

struct mdg_model *
model_builtin(char **cause)
{
	return model_parse((const char *)embedded_model, embedded_model_len,
	    "(built-in model)", cause);
}

static void
chain_free(struct mdg_chain *c)
{
	size_t i, j;

	for (i = 0; i < c->nrels; i++) {
		free(c->rels[i]->label);
		key_free(&c->rels[i]->lkey);
		key_free(&c->rels[i]->rkey);
		free(c->rels[i]);
	}
	for (i = 0; i < c->nblocks; i++) {
		for (j = 0; j < c->blocks[i]->nattrs; j++) {
			free(c->blocks[i]->attrs[j].type);
			free(c->blocks[i]->attrs[j].name);
			free(c->blocks[i]->attrs[j].keys);
			free(c->blocks[i]->attrs[j].comment);
		}
		free(c->blocks[i]->attrs);
		free(c->blocks[i]);
	}
	for (i = 0; i < c->nitems; i++)
		free(c->items[i].comment);
	free(c->items);
	free(c->rels);
	free(c->blocks);
	free(c->entities);
	hmap_free(&c->block_by);
	hmap_free(&c->member);
	free(c->name);
	free(c->title);
	free(c);
}

void
model_free(struct mdg_model *m)
{
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < m->nchains; i++)
		chain_free(m->chains[i]);
	for (i = 0; i < m->nlists; i++) {
		for (j = 0; j < m->lists[i]->nitems; j++)
			free(m->lists[i]->items[j].note);
		free(m->lists[i]->items);
		free(m->lists[i]->header);
		free(m->lists[i]->new_note);
		free(m->lists[i]->name);
		free(m->lists[i]->title);
		free(m->lists[i]);
	}
	for (i = 0; i < m->nentities; i++) {
		for (j = 0; j < m->entities[i]->nhealth; j++) {
			free(m->entities[i]->health[j].column);
			strv_free(m->entities[i]->health[j].values,
			    m->entities[i]->health[j].nvalues);
		}
		free(m->entities[i]->health);
		free(m->entities[i]->name);
		free(m->entities[i]->table);
		free(m->entities[i]);
	}
	for (i = 0; i < m->nroots; i++) {
		free(m->roots[i].name);
		free(m->roots[i].column);
	}
	free(m->roots);
	hmap_free(&m->names);
	free(m->chains);
	free(m->lists);
	free(m->entities);
	free(m->source);
	free(m->schema);
	free(m->prefix);
	free(m);
}

struct mdg_chain *
model_chain(const struct mdg_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nchains; i++)
		if (str_eq(m->chains[i]->name, name))
			return m->chains[i];
	return NULL;
}

struct mdg_entity *
model_entity(const struct mdg_model *m, const char *name)
{
	struct hent *h = hmap_get(&m->names, name);

	return h ? m->entities[h->idx[0]] : NULL;
}

struct mdg_list *
model_list(const struct mdg_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nlists; i++)
		if (str_eq(m->lists[i]->name, name))
			return m->lists[i];
	return NULL;
}

const struct mdg_root *
model_root(const struct mdg_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nroots; i++)
		if (str_eq(m->roots[i].name, name))
			return &m->roots[i];
	return NULL;
}

const struct mdg_block *
chain_block(const struct mdg_chain *c, const struct mdg_entity *e)
{
	struct hent *h = hmap_get(&c->block_by, e->name);

	return h != NULL ? c->blocks[h->idx[0]] : NULL;
}

int
chain_has(const struct mdg_chain *c, const struct mdg_entity *e)
{
	return hmap_get(&c->member, e->name) != NULL;
}

char *
model_chain_names(const struct mdg_model *m)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < m->nchains; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", m->chains[i]->name);
	return buf_detach(&b);
}

int
key_uses(const struct mdg_key *k, const char *column)
{
	size_t t, p;

	for (t = 0; t < k->nterms; t++)
		for (p = 0; p < k->terms[t].nparts; p++)
			if (!k->terms[t].literal[p] &&
			    str_eq(k->terms[t].parts[p], column))
				return 1;
	return 0;
}

int
rels_join_on(const struct mdg_rel *const *rels, size_t n,
    const struct mdg_entity *e, const char *column)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((rels[i]->left == e && key_uses(&rels[i]->lkey, column)) ||
		    (rels[i]->right == e && key_uses(&rels[i]->rkey, column)))
			return 1;
	return 0;
}

char *
key_text(const struct mdg_key *k)
{
	static const char *fn[] = { "", "any", "elem", "concat", "map" };
	const struct mdg_term	*t;
	struct buf		 b;
	size_t			 i, j;

	buf_init(&b);
	for (i = 0; i < k->nterms; i++) {
		t = &k->terms[i];
		if (i > 0)
			buf_puts(&b, "+");
		if (t->kind == MDG_TERM_COLUMN) {
			buf_puts(&b, t->parts[0]);
			continue;
		}
		buf_printf(&b, "%s(", fn[t->kind]);
		for (j = 0; j < t->nparts; j++) {
			if (t->kind == MDG_TERM_MAP && j > 0) {
				buf_printf(&b, ", '%s'='%s'", t->parts[j],
				    t->parts[j + 1]);
				j++;
				continue;
			}
			buf_printf(&b, t->literal[j] ? "%s'%s'" : "%s%s",
			    j ? ", " : "", t->parts[j]);
		}
		buf_puts(&b, ")");
	}
	return buf_detach(&b);
}

/* What makes two relations the same drawing: ends, cards, line, label. */
static char *
rel_key(const struct mdg_rel *r)
{
	return xasprintf("%zu %zu %d %d %d %s", r->left->index,
	    r->right->index, (int)r->lcard, (int)r->rcard, r->identifying,
	    r->label != NULL ? r->label : "");
}

void
vattr_add(struct mdg_view_entity *ve, const char *type, const char *name,
    const char *keys, const char *comment)
{
	struct mdg_vattr *a;

	if (ve->nattrs == ve->cap_attrs) {
		ve->cap_attrs = ve->cap_attrs ? ve->cap_attrs * 2 : 8;
		ve->attrs = xreallocarray(ve->attrs, ve->cap_attrs,
		    sizeof *ve->attrs);
	}
	a = &ve->attrs[ve->nattrs++];
	a->type = xstrdup(type);
	a->name = xstrdup(name);
	a->keys = keys ? xstrdup(keys) : NULL;
	a->comment = comment ? xstrdup(comment) : NULL;
	a->present = 1;
	a->line = 0;
}

void
vattrs_free(struct mdg_vattr *attrs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(attrs[i].type);
		free(attrs[i].name);
		free(attrs[i].keys);
		free(attrs[i].comment);
	}
	free(attrs);
}

static void
view_add_attrs(struct mdg_view_entity *ve, const struct mdg_block *bl)
{
	const struct mdg_attr	*a;
	struct hmap		 have;
	size_t			 i;

	/* A block's names are distinct; those of earlier blocks, hashed. */
	hmap_init(&have, ve->nattrs);
	for (i = 0; i < ve->nattrs; i++)
		hmap_add(&have, ve->attrs[i].name, i);
	ve->has_block = 1;
	for (i = 0; i < bl->nattrs; i++) {
		a = &bl->attrs[i];
		if (hmap_get(&have, a->name) == NULL) {
			vattr_add(ve, a->type, a->name, a->keys, a->comment);
			ve->attrs[ve->nattrs - 1].line = a->line;
		}
	}
	hmap_free(&have);
}

int
view_has_chain(const struct mdg_view *v, const struct mdg_chain *c)
{
	if (v->nchains == 0)
		return !c->extra || v->all;
	return c->index < v->model->nchains && v->model->chains[c->index] == c &&
	    v->in_set[c->index];
}

struct mdg_view *
view_new(const struct mdg_model *m, const struct mdg_chain *only)
{
	return view_new_set(m, only ? &only : NULL, only ? 1 : 0);
}

struct mdg_view *
view_new_set(const struct mdg_model *m, const struct mdg_chain *const *set,
    size_t nset)
{
	return view_new_opts(m, set, nset, 0);
}

/* A view entity for e, at home in c, if the view has none yet. */
static void
view_take(struct mdg_view *v, const struct mdg_entity *e,
    const struct mdg_chain *c)
{
	struct mdg_view_entity *ve;

	if (view_entity(v, e) != NULL)
		return;
	ve = &v->ents[v->nents++];
	v->by_index[e->index] = ve;
	ve->entity = e;
	ve->home = c;
	ve->present = ve->readable = 1;
	ve->rows = -1;
}

struct mdg_view *
view_new_opts(const struct mdg_model *m, const struct mdg_chain *const *set,
    size_t nset, int all)
{
	struct mdg_view		*v = xcalloc(1, sizeof *v);
	const struct mdg_chain	*c;
	const struct mdg_block	*bl;
	struct mdg_view_entity	*ve;
	struct hmap		 seen;	/* relations, by rel_key() */
	char			*key;
	size_t			 i, j, cap = 0;
	int			 dup;

	v->model = m;
	hmap_init(&seen, 0);
	v->all = all;
	/* In the model's order, each once. */
	v->chains = xcalloc(m->nchains + 1, sizeof *v->chains);
	v->in_set = xcalloc(m->nchains + 1, 1);
	for (j = 0; j < nset; j++)
		if (set[j]->index < m->nchains && m->chains[set[j]->index] ==
		    set[j])
			v->in_set[set[j]->index] = 1;
	for (i = 0; i < m->nchains && nset > 0; i++)
		if (v->in_set[i])
			v->chains[v->nchains++] = m->chains[i];
	v->chain = v->nchains == 1 ? v->chains[0] : NULL;
	v->ents = xcalloc(m->nentities, sizeof *v->ents);
	v->by_index = xcalloc(m->nentities, sizeof *v->by_index);
	for (i = 0; i < m->nchains; i++) {
		c = m->chains[i];
		if (!view_has_chain(v, c))
			continue;
		for (j = 0; j < c->nentities; j++)
			view_take(v, c->entities[j], c);
	}
	for (i = 0; i < m->nchains; i++) {
		c = m->chains[i];
		if (!view_has_chain(v, c))
			continue;
		for (j = 0; j < c->nrels; j++) {
			/* What the document leaves out, only when asked. */
			if ((c->rels[j]->hidden || (c->rels[j]->extra &&
			    !c->extra)) && !all)
				continue;
			key = rel_key(c->rels[j]);
			dup = hmap_get(&seen, key) != NULL;
			if (!dup)
				hmap_add(&seen, key, v->nrels);
			free(key);
			if (dup)
				continue;
			VEC_PUSH(v->rels, v->nrels, cap, c->rels[j]);
			view_take(v, c->rels[j]->left, c);
			view_take(v, c->rels[j]->right, c);
		}
	}
	hmap_free(&seen);
	/*
	 * Each entity's blocks in the model's order of chains: those of the
	 * view's chains, then, for an entity only an extra relation brings,
	 * the first block any chain has for it.
	 */
	for (i = 0; i < m->nchains; i++) {
		if (!view_has_chain(v, m->chains[i]))
			continue;
		for (j = 0; j < m->chains[i]->nblocks; j++) {
			bl = m->chains[i]->blocks[j];
			if ((ve = view_entity(v, bl->entity)) != NULL)
				view_add_attrs(ve, bl);
		}
	}
	for (i = 0; all && i < m->nchains; i++)
		for (j = 0; j < m->chains[i]->nblocks; j++) {
			bl = m->chains[i]->blocks[j];
			if ((ve = view_entity(v, bl->entity)) != NULL &&
			    !ve->has_block)
				view_add_attrs(ve, bl);
		}
	return v;
}

void
view_exclude(struct mdg_view *v, const struct mdg_entity *const *ex, size_t n)
{
	size_t	i, j, k;
	int	drop;

	for (k = 0, i = 0; i < v->nrels; i++) {
		for (drop = 0, j = 0; j < n; j++)
			drop |= v->rels[i]->left == ex[j] ||
			    v->rels[i]->right == ex[j];
		if (!drop)
			v->rels[k++] = v->rels[i];
	}
	v->nrels = k;
	for (k = 0, i = 0; i < v->nents; i++) {
		for (drop = 0, j = 0; j < n; j++)
			drop |= v->ents[i].entity == ex[j];
		if (drop) {
			vattrs_free(v->ents[i].attrs, v->ents[i].nattrs);
			continue;
		}
		v->ents[k++] = v->ents[i];
	}
	v->nents = k;
	/* by_index points into ents: rebuild it. */
	for (i = 0; i < v->model->nentities; i++)
		v->by_index[i] = NULL;
	for (i = 0; i < v->nents; i++)
		v->by_index[v->ents[i].entity->index] = &v->ents[i];
}

void
view_free(struct mdg_view *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nents; i++)
		vattrs_free(v->ents[i].attrs, v->ents[i].nattrs);
	free(v->ents);
	free(v->by_index);
	free(v->rels);
	free(v->chains);
	free(v->in_set);
	free(v);
}

struct mdg_view_entity *
view_entity(const struct mdg_view *v, const struct mdg_entity *e)
{
	return e->index < v->model->nentities ? v->by_index[e->index] : NULL;
}

struct mdg_vattr *
view_attr(const struct mdg_view_entity *ve, const char *column)
{
	size_t i;

	for (i = 0; i < ve->nattrs; i++)
		if (str_eq(ve->attrs[i].name, column))
			return &ve->attrs[i];
	return NULL;
}
