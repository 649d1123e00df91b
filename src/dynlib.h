/*
 * dynlib.h -- a client library loaded on first use.
 *
 * mdgraph draws diagrams offline far more often than it reads a database,
 * and a database client library brings a dozen shared libraries (TLS,
 * Kerberos, LDAP) whose loading and relocation cost more than drawing a
 * chain.  So each backend dlopen()s its library when a session starts and
 * calls it through a table of function pointers.  configure finds the
 * library's file name (m4/mdg_soname.m4); nothing is hard-coded.
 */
#ifndef MDG_DYNLIB_H
#define MDG_DYNLIB_H

#include <stddef.h>

struct dynlib {
	void	*handle;
};

/*
 * Load the library once: `soname` through the loader's search, else
 * `path`, where configure found it.  Fills table[i] with the address of
 * names[i] (a struct of function pointers, in the same order).  Returns
 * 0, or -1 with *cause naming the Debian package `package` to install.
 */
int	dynlib_load(struct dynlib *, const char *soname, const char *path,
	    const char *package, const char *const *names, size_t n,
	    void **table, char **cause);

#endif
