/*
 * my.h -- the MySQL/MariaDB backend's own declarations (Connector/C),
 * shared by the files of src/mysql/ and by nobody else.
 */
#ifndef MDG_MY_H
#define MDG_MY_H

#include "backend.h"
#include "lib.h"
#include "util.h"

struct my {
	struct db	 db;
	MYSQL		*conn;
	int		 mariadb;	/* the server is MariaDB, not MySQL */
	unsigned long	 version;	/* 100611 for 10.6.11, 80036 for 8.0.36 */
	int		 window;	/* window functions (MySQL 8, MariaDB 10.2) */
	int		 json_table;	/* JSON_TABLE (MySQL 8.0.4, MariaDB 10.6) */
	unsigned long	 max_packet;	/* the server's max_allowed_packet */
	char		*database;	/* the session's database */
	int		 timeout;	/* --timeout, seconds */
};

#define MY(d)	((struct my *)(void *)(d))

/* A statement and its parameters, written left to right: one ? each. */
struct myq {
	struct buf	  sql;
	char		**params;
	size_t		  np, cap;
};

void	myq_init(struct myq *);
void	myq_free(struct myq *);
/* Append "?" for a new parameter holding a copy of `value`. */
void	myq_param(struct myq *, const char *value);
/* The same, the parameter taking `value` (allocated) as it is. */
void	myq_param_take(struct myq *, char *value);
/* `name`, quoted with backticks. */
void	myq_ident(struct buf *, const char *);
/* alias.`column` */
void	myq_column(struct buf *, const char *alias, const char *column);
/* `schema`.`table` */
void	myq_table(struct buf *, const char *schema, const char *table);

/*
 * Called once per row of a result; cols[i] is NULL for SQL NULL and is
 * valid only during the call.  Non-zero stops.
 */
typedef int	(*my_row_fn)(void *arg, const char *const *cols,
		    unsigned int ncols);

/*
 * Prepare and run `sql` with text parameters (a prepared statement: the
 * values never enter the SQL); rows, if any, go to fn.  Returns 0, the
 * callback's non-zero value, or -1 with *cause set.
 */
int	my_query(struct my *, const char *sql, char *const *params, size_t np,
	    my_row_fn fn, void *arg, char **cause);
/* The server's error, in one line, with what to do about a timeout. */
char	*my_error(struct my *, unsigned int err, const char *msg);

int	my_introspect(struct db *, const char *schema, struct db_schema **,
	    char **cause);
int	my_count(struct db *, struct db_schema *, const char *const *tables,
	    size_t n, char **cause);
int	my_fetch(struct db *, const struct db_fetch *, db_row_fn, void *arg,
	    char **cause);
int	my_check(struct db *, const struct db_side *, size_t n, db_pair_fn,
	    void *const *args, size_t *failed, char **cause);

#endif
