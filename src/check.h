/*
 * check.h -- `mdgraph check`: drift between the model and a live schema,
 * and the health of every relation in the live data.
 */
#ifndef MDG_CHECK_H
#define MDG_CHECK_H

#include "live.h"
#include "model.h"
#include "util.h"

struct db;

enum finding_kind {
	FIND_MISSING_TABLE,	/* the model maps it, the schema lacks it */
	FIND_MISSING_COLUMN,	/* documented or joined on, but absent */
	FIND_UNCLASSIFIED,	/* prefix table that no chain or list names */
	FIND_UNREADABLE,	/* no SELECT privilege: not checked */
	FIND_ORPHAN,		/* rows whose key finds no partner */
	FIND_BREACH,		/* rows matching more partners than allowed */
};

struct finding {
	enum finding_kind	 kind;
	const struct mdg_rel	*rel;		/* orphan, breach */
	char			*entity;	/* whose rows / table */
	char			*table;
	char			*column;	/* missing column */
	char			*partner;	/* orphan, breach: other side */
	long long		 count;		/* rows concerned */
	char			*examples;	/* "table_id=x; ..." */
};

struct findings {
	struct finding	*list;
	size_t		 n, cap;
	size_t		 relations;	/* relations checked */
};

int	check_run(struct db *, const struct mdg_model *,
	    const struct db_schema *, struct findings *, char **cause);
void	findings_free(struct findings *);

/* Tables with the model's prefix that no chain or list names (sorted). */
size_t	unclassified_tables(const struct mdg_model *, const struct db_schema *,
	    const char ***out);

#endif
