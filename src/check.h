/*
 * check.h -- `mdgraph check`: drift between the model and a live schema,
 * and the health of every relation in the live data.
 */
#ifndef MDG_CHECK_H
#define MDG_CHECK_H

#include "instance.h"
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
	FIND_NOT_FOUND,		/* instance: a join value naming no row */
	FIND_ROW_BREACH,	/* instance: a row with more partners than allowed */
	FIND_UNHEALTHY,		/* instance: a row its health rules call bad */
	FIND_FOREIGN_KEY,	/* a declared foreign key the model lacks or
				   contradicts */
	/* The document against the database: information, not counted. */
	FIND_DOC_KEY,		/* a PK/UK mark that is not the table's key */
	FIND_DOC_COLUMN,	/* a label naming a column the table lacks */
	FIND_CROSS_TENANT,	/* rows naming a global row of another tenant */
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
	char		*instance;	/* check --data-id ...: "DataSource
					   bk_data_id=N", else NULL */
	size_t		 rows;		/* its rows looked at */
};

/* Drift and health of the chains of a view (all chains: view_new(m, 0)). */
int	check_run(struct db *, const struct mdg_view *,
	    const struct db_schema *, struct findings *, char **cause);
/* The findings of one instance diagram: ghosts, breaches, bad health. */
void	check_instance(const struct instance *, struct findings *);
void	findings_free(struct findings *);
/* Where a finding is reported: the findings proper are counted in the
   exit status, the other sections are information. */
enum finding_sec {
	SEC_FINDINGS,
	SEC_DOCUMENT,	/* the document against the database */
	SEC_TENANTS,	/* cross-tenant references */
	NSECTIONS
};
int	finding_section(const struct finding *);
size_t	findings_counted(const struct findings *);

/* Tables with the model's prefix that no chain or list names (sorted). */
size_t	unclassified_tables(const struct mdg_model *, const struct db_schema *,
	    const char ***out);

#endif
