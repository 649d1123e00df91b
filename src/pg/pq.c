/*
 * pq.c -- load libpq on first use (see pq.h).
 */
#include "config.h"

#include <stdlib.h>

#include "backend.h"
#include "dynlib.h"
#define MDG_PQ_NO_MACROS
#include "pq.h"
#include "util.h"

struct pq_api	pq_api;

int
pq_load(char **cause)
{
	static const char *const names[] = {
#define PQ_NAME(ret, name, args)	#name,
		PQ_FUNCS(PQ_NAME)
#undef PQ_NAME
	};
	static struct dynlib lib;

	return dynlib_load(&lib, LIBPQ_SONAME, LIBPQ_PATH, "libpq5", names,
	    sizeof names / sizeof names[0], (void **)&pq_api, cause);
}

char *
pq_client_version(void)
{
	char	*cause = NULL;
	int	 v;

	if (pq_load(&cause) != 0) {
		free(cause);
		return NULL;
	}
	v = pq_api.PQlibVersion();
	/* 150004 is 15.4; before 10, 90624 was 9.6.24. */
	return v >= 100000 ? xasprintf("%d.%d", v / 10000, v % 10000) :
	    xasprintf("%d.%d.%d", v / 10000, v / 100 % 100, v % 100);
}
