/*
 * sql.h -- PostgreSQL text for the model's joins.  Identifiers are
 * quoted here by PostgreSQL's rule; every value -- the model's literals
 * included -- is a $n parameter of the statement being built, never SQL.
 */
#ifndef MDG_PG_SQL_H
#define MDG_PG_SQL_H

#include "model.h"
#include "util.h"

/* A statement and its parameters, built together. */
struct pgq {
	struct buf	  sql;
	char		**params;
	size_t		  np, cap;
};

void	pgq_init(struct pgq *);
void	pgq_free(struct pgq *);
/* A new parameter holding a copy of `value`; its "$n" (allocated). */
char	*pgq_param(struct pgq *, const char *value);
/* Append a new parameter's "$n" to the statement. */
void	 pgq_add_param(struct pgq *, const char *value);

/* "name", quoted. */
void	sql_ident(struct buf *, const char *);
/* alias."column" (allocated). */
char	*sql_column(const char *alias, const char *column);
/* "schema"."table" (allocated). */
char	*sql_table(const char *schema, const char *table);

/*
 * The key values of one side's rows, alias `alias`: one expression per
 * term.  any() and elem() terms expand to one row per column or element,
 * through LATERAL items appended to `from`; `ords` lists their positions
 * (", s_k0.i"), which with the row's ctid identify one expanded row.
 */
struct sql_side {
	struct buf	  from;
	struct buf	  ords;
	char		**keys;
	size_t		  nkeys;
};

void	sql_side_build(struct sql_side *, struct pgq *, const struct mdg_key *,
	    const char *alias);
void	sql_side_free(struct sql_side *);
/* One scalar term (column, concat(), map()) of alias, as an expression. */
char	*sql_scalar(struct pgq *, const struct mdg_term *, const char *alias);

/* "all key values are set": not NULL, not '' and not 0. */
void	sql_keys_set(struct buf *, const struct sql_side *);

/*
 * The condition that a row of the other side (alias `alias`, key k)
 * matches the key values `vals` (SQL expressions, one per term).
 */
void	sql_match(struct buf *, struct pgq *, const struct mdg_key *k,
	    const char *alias, char *const *vals, size_t n);

#endif
