/*
 * pq.c -- load libpq on first use (see pq.h).
 */
#include "config.h"

#include <dlfcn.h>

#define MDG_PQ_NO_MACROS
#include "pq.h"
#include "util.h"

#define LIBPQ	"libpq.so.5"

struct pq_api	pq_api;
static void	*handle;

int
pq_load(char **cause)
{
	void *sym;

	if (handle != NULL)
		return 0;
	/* RTLD_LOCAL: libpq's libraries stay out of everyone's lookups. */
	if ((handle = dlopen(LIBPQ, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*cause = xasprintf("cannot load %s (%s): install the Debian "
		    "package libpq5", LIBPQ, dlerror());
		return -1;
	}
#define PQ_LOAD(ret, name, args)					\
	if ((sym = dlsym(handle, #name)) == NULL) {			\
		*cause = xasprintf("%s has no %s: install a newer libpq5",	\
		    LIBPQ, #name);					\
		dlclose(handle);					\
		handle = NULL;						\
		return -1;						\
	}								\
	*(void **)&pq_api.name = sym;
	PQ_FUNCS(PQ_LOAD)
#undef PQ_LOAD
	return 0;
}
