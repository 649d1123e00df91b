/*
 * sql.h -- the SQL a join of the model means.  Identifiers are quoted with
 * PQescapeIdentifier, the model's literals with PQescapeLiteral; values
 * from the database never enter SQL text (callers pass them as $n).
 */
#ifndef MDG_SQL_H
#define MDG_SQL_H

#include "db.h"
#include "model.h"
#include "util.h"

/*
 * The key values of one side's rows, alias `alias`: one expression per
 * term.  any() and elem() terms expand to one row per column or element,
 * through LATERAL items appended to `from`.
 */
struct sql_side {
	struct buf	  from;
	char		**keys;
	size_t		  nkeys;
};

void	sql_side_build(struct sql_side *, struct db *, const struct mdg_key *,
	    const char *alias);
void	sql_side_free(struct sql_side *);

/* "all key values are set": not NULL, not '' and not 0. */
void	sql_keys_set(struct buf *, const struct sql_side *);

/*
 * The condition that a row of the other side (alias `alias`, key k)
 * matches the key values `vals` (SQL expressions, one per term).
 */
void	sql_match(struct buf *, struct db *, const struct mdg_key *k,
	    const char *alias, char *const *vals, size_t n);

/* "schema.table", quoted. */
char	*sql_table(struct db *, const char *schema, const char *table);

/* A column of alias, quoted: alias."Col". */
char	*sql_column(struct db *, const char *alias, const char *column);

#endif
