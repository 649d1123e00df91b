/*
 * format.h -- the one table of output formats: each format's name, the
 * file extensions that choose it, and its writers for schema diagrams,
 * instance diagrams and check's report (NULL where it has none).
 *
 * Adding a format: its emitter, one row in format.c, the build files
 * and the man page.
 */
#ifndef MDG_FORMAT_H
#define MDG_FORMAT_H

#include "emit.h"

struct format {
	const char	*name;
	const char	*exts[3];	/* lower case, with the dot */
	int		 binary;	/* not for a terminal */
	schema_writer	 schema;
	instance_writer	 instance;
	check_writer	 check;
};

/* The format called `name`, or NULL. */
const struct format	*format_named(const char *name);
/* The format a file name's extension chooses, or NULL. */
const struct format	*format_for_path(const char *path);
/*
 * "mermaid, dot, ..." of the formats that have a schema writer (what
 * 's'), an instance writer ('i') or a check writer ('c') (allocated).
 */
char			*format_names(int what);

#endif
