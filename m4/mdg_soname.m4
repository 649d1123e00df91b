# MDG_SONAME(NAME, LIBS, HEADER, FUNCTION)
# -----------------------------------------
# Find the file the dynamic loader maps when a program linked with LIBS
# calls FUNCTION (declared in HEADER), so that mdgraph can dlopen() the
# same library on first use.  Defines NAME_SONAME (the file's base name,
# for the loader's own search) and NAME_PATH (where it was found here),
# or fails: no hard-coded name, so other systems get their own.
AC_DEFUN([MDG_SONAME], [
AC_CACHE_CHECK([which shared library provides $4], [mdg_cv_path_$1], [
	mdg_save_LIBS=$LIBS
	LIBS="$2 $DL_LIBS $LIBS"
	rm -f conftest.path
	AC_RUN_IFELSE([AC_LANG_PROGRAM([[
#include <dlfcn.h>
#include <stdio.h>
#include <$3>
]], [[
	/* A real reference, so the library is linked as it would be. */
	void	*volatile ref = (void *)&$4;
	Dl_info	 info;
	void	*sym;
	FILE	*f;

	if (ref == NULL || (sym = dlsym(RTLD_DEFAULT, "$4")) == NULL ||
	    dladdr(sym, &info) == 0 || info.dli_fname == NULL ||
	    (f = fopen("conftest.path", "w")) == NULL)
		return 1;
	fprintf(f, "%s\n", info.dli_fname);
	return fclose(f) != 0;
]])], [mdg_cv_path_$1=`cat conftest.path`], [mdg_cv_path_$1=no],
	[mdg_cv_path_$1=no])
	rm -f conftest.path
	LIBS=$mdg_save_LIBS
])
AS_IF([test "x$mdg_cv_path_$1" = xno || test -z "$mdg_cv_path_$1"],
	[AC_MSG_ERROR([cannot find the shared library that provides $4])])
AC_DEFINE_UNQUOTED([$1_PATH], ["$mdg_cv_path_$1"],
	[Where the library providing $4 was found at configure time.])
AC_DEFINE_UNQUOTED([$1_SONAME], ["`basename "$mdg_cv_path_$1"`"],
	[The file name of the library providing $4, for dlopen().])
])
