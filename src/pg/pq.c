/*
 * pq.c -- load libpq on first use (see pq.h).
 */
#include "config.h"

#include "dynlib.h"
#define MDG_PQ_NO_MACROS
#include "pq.h"

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
