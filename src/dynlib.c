/*
 * dynlib.c -- load a client library on first use (see dynlib.h).
 */
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "dynlib.h"
#include "util.h"

int
dynlib_load(struct dynlib *lib, const char *soname, const char *path,
    const char *package, const char *const *names, size_t n, void **table,
    char **cause)
{
	void	*sym;
	size_t	 i;

	if (lib->handle != NULL)
		return 0;
	/* RTLD_LOCAL: its libraries stay out of everyone's lookups. */
	if ((lib->handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL &&
	    (lib->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*cause = xasprintf("cannot load %s (%s): install the Debian "
		    "package %s", soname, dlerror(), package);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if ((sym = dlsym(lib->handle, names[i])) == NULL) {
			*cause = xasprintf("%s has no %s: install a newer %s",
			    soname, names[i], package);
			dlclose(lib->handle);
			lib->handle = NULL;
			return -1;
		}
		memcpy(&table[i], &sym, sizeof sym);
	}
	return 0;
}
