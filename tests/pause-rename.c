/*
 * pause-rename.c -- an LD_PRELOAD shim for tests/signals.sh: with
 * PAUSE_RENAME_READY set, a rename() of a temporary file ("*.tmp*")
 * creates that file, to say the write is under way, and waits for a
 * signal instead of renaming: the signal then arrives mid-write, every
 * time.  The constructor gives SIGINT back its default action, which
 * a shell takes away from the commands it starts in the background.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((constructor)) static void
pause_rename_init(void)
{
	if (getenv("PAUSE_RENAME_READY") != NULL)
		signal(SIGINT, SIG_DFL);
}

int
rename(const char *from, const char *to)
{
	int		(*real)(const char *, const char *);
	const char	*ready = getenv("PAUSE_RENAME_READY");
	int		 fd;

	if (ready != NULL && strstr(from, ".tmp") != NULL) {
		if ((fd = open(ready, O_WRONLY | O_CREAT, 0644)) >= 0)
			close(fd);
		for (;;)
			pause();
	}
	*(void **)&real = dlsym(RTLD_NEXT, "rename");
	return real(from, to);
}
