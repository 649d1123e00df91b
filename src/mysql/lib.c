/*
 * lib.c -- load MariaDB Connector/C on first use (see lib.h).
 */
#include "config.h"

#include <stdlib.h>

#include "backend.h"
#include "dynlib.h"
#define MDG_MY_NO_MACROS
#include "lib.h"
#include "util.h"

struct my_api	my_api;

int
my_load(char **cause)
{
	static const char *const names[] = {
#define MY_NAME(ret, name, args)	#name,
		MY_FUNCS(MY_NAME)
#undef MY_NAME
	};
	static struct dynlib lib;

	return dynlib_load(&lib, LIBMARIADB_SONAME, LIBMARIADB_PATH,
	    "libmariadb3", names, sizeof names / sizeof names[0],
	    (void **)&my_api, cause);
}

char *
my_client_version(void)
{
	char	*cause = NULL;

	if (my_load(&cause) != 0) {
		free(cause);
		return NULL;
	}
	return xstrdup(my_api.mysql_get_client_info());
}
