/*
 * util.c -- memory, strings, growable buffers and files.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static void
oom(void)
{
	fputs("mdgraph: out of memory\n", stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = realloc(p, (n * size) != 0 ? n * size : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->sink = NULL;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t more)
{
	size_t need;

	if (more > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = xreallocarray(b->data, b->cap, 1);
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_detach(struct buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

const char *
xml_entity(int c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	}
	return NULL;
}

void
buf_put_utf8(struct buf *b, unsigned long u)
{
	if (u < 0x80)
		buf_putc(b, (char)u);
	else if (u < 0x800) {
		buf_putc(b, (char)(0xc0 | u >> 6));
		buf_putc(b, (char)(0x80 | (u & 0x3f)));
	} else if (u < 0x10000) {
		buf_putc(b, (char)(0xe0 | u >> 12));
		buf_putc(b, (char)(0x80 | (u >> 6 & 0x3f)));
		buf_putc(b, (char)(0x80 | (u & 0x3f)));
	} else {
		buf_putc(b, (char)(0xf0 | u >> 18));
		buf_putc(b, (char)(0x80 | (u >> 12 & 0x3f)));
		buf_putc(b, (char)(0x80 | (u >> 6 & 0x3f)));
		buf_putc(b, (char)(0x80 | (u & 0x3f)));
	}
}

size_t
utf8_seq(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, i;
	unsigned long		 u, min;

	if (len == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		u = p[0] & 0x1f;
		min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		u = p[0] & 0x0f;
		min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		u = p[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		u = u << 6 | (p[i] & 0x3f);
	}
	if (u < min || u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff))
		return 0;
	return n;
}

int
text_check(const char *s, size_t len, const char *source, char **cause)
{
	size_t	i, n;
	int	line = 1;

	for (i = 0; i < len; i += n) {
		if (s[i] == '\0') {
			*cause = xasprintf("%s:%d: a NUL byte: this is not a "
			    "text file", source, line);
			return -1;
		}
		if ((n = utf8_seq(s + i, len - i)) == 0) {
			*cause = xasprintf("%s:%d: invalid UTF-8 (byte 0x%02x): "
			    "save the file as UTF-8", source, line,
			    (unsigned char)s[i]);
			return -1;
		}
		if (s[i] == '\n')
			line++;
	}
	return 0;
}

int
str_eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

int
str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
file_read(const char *path, char **data, size_t *len, char **cause)
{
	struct buf	 b;
	char		 chunk[65536];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		fclose(f);
		buf_free(&b);
		return -1;
	}
	fclose(f);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Where file_write_atomic stands: the temporary file it has open, for the
 * signal handler to remove.  Set and cleared with the signals blocked.
 */
static char			tmp_path[4096];
static volatile sig_atomic_t	tmp_live;
static const int		fatal_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGPIPE
};

/* Async-signal-safe: unlink, then die of the signal as if unhandled. */
static void
on_fatal_signal(int sig)
{
	if (tmp_live)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Once: catch the fatal signals that are not ignored. */
static void
catch_fatal_signals(void)
{
	static int		done;
	struct sigaction	sa, old;
	size_t			i;

	if (done)
		return;
	done = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
		if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(fatal_signals[i], &sa, NULL);
}

/* Block the fatal signals (how = SIG_BLOCK) or restore them. */
static void
fatal_signals_mask(sigset_t *saved, int block)
{
	sigset_t	set;
	size_t		i;

	if (!block) {
		sigprocmask(SIG_SETMASK, saved, NULL);
		return;
	}
	sigemptyset(&set);
	for (i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, saved);
}

/* "/dev/stdout", "/dev/fd/N", "/proc/self/fd/N": that descriptor, else -1. */
static int
fd_path(const char *path)
{
	const char	*n = NULL;
	char		*end;
	long		 fd;

	if (str_eq(path, "/dev/stdout"))
		return STDOUT_FILENO;
	if (str_eq(path, "/dev/stderr"))
		return STDERR_FILENO;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	if (n == NULL || *n < '0' || *n > '9')
		return -1;
	errno = 0;
	fd = strtol(n, &end, 10);
	if (errno != 0 || *end != '\0' || fd > INT_MAX)
		return -1;
	return (int)fd;
}

/*
 * May this process replace the file?  Not when it could not write it in
 * place: without write permission, or (for root, whom permissions do not
 * stop) when the file has no write bit at all, as careful tools refuse.
 */
static int
may_replace(const char *path, const struct stat *st, char **cause)
{
	if (geteuid() == 0 ? (st->st_mode & 0222) != 0 :
	    faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0)
		return 0;
	*cause = xasprintf("%s: the file is read-only: make it writable "
	    "(chmod u+w) or choose another output", path);
	return -1;
}

/* A descriptor written straight: standard output, a device, a FIFO. */
static void
out_straight(struct out *o, int fd, int ours, const char *name)
{
	o->fd = fd;
	o->ours = ours;
	o->name = xstrdup(name);
}

int
out_open(struct out *o, const char *path, char **cause)
{
	struct stat	 st, lst;
	sigset_t	 saved;
	char		*real = NULL;
	const char	*target = path;
	mode_t		 mask;
	int		 fd, saved_errno, exists;

	memset(o, 0, sizeof *o);
	o->fd = -1;
	if (path == NULL || str_eq(path, "-")) {
		out_straight(o, STDOUT_FILENO, 0, "standard output");
		return 0;
	}
	if ((fd = fd_path(path)) >= 0) {
		out_straight(o, fd, 0, path);
		return 0;
	}
	exists = stat(path, &st) == 0;
	if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		/* A terminal, /dev/null, a pipe: write to it, never replace. */
		if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			return -1;
		}
		out_straight(o, fd, 1, path);
		return 0;
	}
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		/* Follow the link: its target is replaced, the link stays. */
		if ((real = realpath(path, NULL)) == NULL) {
			*cause = xasprintf("%s: a symbolic link whose target "
			    "cannot be resolved (%s): fix or remove the link",
			    path, strerror(errno));
			return -1;
		}
		target = real;
	}
	if (exists) {
		if (!S_ISREG(st.st_mode)) {
			*cause = xasprintf("%s: not a regular file", path);
			free(real);
			return -1;
		}
		if (may_replace(target, &st, cause) != 0) {
			free(real);
			return -1;
		}
		o->mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		o->mode = 0666 & ~mask;
	}
	if (tmp_live || (size_t)snprintf(tmp_path, sizeof tmp_path,
	    "%s.tmpXXXXXX", target) >= sizeof tmp_path) {
		*cause = xasprintf(tmp_live ? "%s: another output is being "
		    "written" : "%s: the path is too long", path);
		free(real);
		return -1;
	}

	catch_fatal_signals();
	fatal_signals_mask(&saved, 1);
	if ((fd = mkstemp(tmp_path)) == -1) {
		saved_errno = errno;
		fatal_signals_mask(&saved, 0);
		*cause = xasprintf("%s: cannot create a file there: %s", path,
		    strerror(saved_errno));
		free(real);
		return -1;
	}
	tmp_live = 1;
	fatal_signals_mask(&saved, 0);
	o->fd = fd;
	o->ours = 1;
	o->tmp = 1;
	o->name = xstrdup(path);
	o->target = real != NULL ? real : xstrdup(path);
	/*
	 * The owner is kept where this process may (root; else the group, if
	 * it is one of ours); the mode is set at out_commit, after the
	 * write: chown would clear set-id bits.
	 */
	if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
	    fchown(fd, geteuid() == 0 ? st.st_uid : (uid_t)-1, st.st_gid) != 0 &&
	    geteuid() == 0) {
		o->err = errno;
		*cause = xasprintf("%s: %s", path, strerror(o->err));
		out_abort(o);
		return -1;
	}
	return 0;
}

int
out_write(struct out *o, const void *data, size_t len)
{
	if (o->err == 0 && write_all(o->fd, data, len) != 0)
		o->err = errno != 0 ? errno : EIO;
	return o->err == 0 ? 0 : -1;
}

void
out_abort(struct out *o)
{
	if (o->ours && o->fd >= 0)
		close(o->fd);
	if (o->tmp) {
		unlink(tmp_path);
		tmp_live = 0;
	}
	free(o->name);
	free(o->target);
	memset(o, 0, sizeof *o);
	o->fd = -1;
}

int
out_commit(struct out *o, char **cause)
{
	int fd = o->fd;

	/*
	 * No fsync: the rename is what makes the write atomic for readers and
	 * for a run that fails; an fsync per diagram doubled the cost of a
	 * small SVG for a guarantee against power loss a regenerable file
	 * does not need.
	 */
	if (o->err == 0 && o->tmp && fchmod(fd, o->mode) != 0)
		o->err = errno;
	if (o->err == 0 && o->ours) {
		o->fd = -1;
		if (close(fd) != 0)
			o->err = errno;
	}
	/*
	 * A signal between the rename and clearing tmp_live unlinks a name
	 * that no longer exists: harmless, so the signals stay deliverable.
	 */
	if (o->err == 0 && o->tmp && rename(tmp_path, o->target) != 0)
		o->err = errno;
	if (o->err != 0) {
		*cause = xasprintf("%s: %s", o->name, strerror(o->err));
		out_abort(o);
		return -1;
	}
	if (o->tmp)
		tmp_live = 0;
	o->tmp = 0;
	out_abort(o);
	return 0;
}

int
file_write_atomic(const char *path, const void *data, size_t len,
    char **cause)
{
	struct out o;

	if (out_open(&o, path, cause) != 0)
		return -1;
	out_write(&o, data, len);
	return out_commit(&o, cause);
}

void
buf_spill(struct buf *b)
{
	if (b->sink == NULL || b->len < BUF_SPILL)
		return;
	out_write(b->sink, b->data, b->len);
	buf_reset(b);
}

/* ---- secrets: no message repeats a password */

static char	**secrets;
static size_t	  nsecrets, cap_secrets;

/* Remember a password to mask: too short a one would mask ordinary text. */
static void
secret_add(const char *s, size_t n)
{
	struct buf	 b;
	size_t		 i;

	if (n >= 4)
		VEC_PUSH(secrets, nsecrets, cap_secrets, xstrndup(s, n));
	/* Its percent-decoded form too, as a library may echo either. */
	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = { s[i + 1], s[i + 2], '\0' };

			buf_putc(&b, (char)strtol(hex, NULL, 16));
			i += 2;
		} else
			buf_putc(&b, s[i]);
	}
	if (b.len >= 4 && b.len != n)
		VEC_PUSH(secrets, nsecrets, cap_secrets, buf_detach(&b));
	buf_free(&b);
}

/* Does a "password" key start at s[i]: at a word's start, then '='? */
static size_t
password_key(const char *s, size_t i)
{
	size_t j = i + 8;

	if (strncasecmp(s + i, "password", 8) != 0 || (i > 0 &&
	    (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_')))
		return 0;
	while (s[j] == ' ')
		j++;
	if (s[j] != '=')
		return 0;
	for (j++; s[j] == ' '; j++)
		;
	return j;
}

/* The end of the value at s[j]: quoted (conninfo), or up to a space. */
static size_t
value_end(const char *s, size_t j)
{
	if (s[j] == '\'') {
		for (j++; s[j] != '\0' && s[j] != '\''; j++)
			if (s[j] == '\\' && s[j + 1] != '\0')
				j++;
		return s[j] == '\'' ? j + 1 : j;
	}
	while (s[j] != '\0' && !isspace((unsigned char)s[j]) && s[j] != '&' &&
	    s[j] != '#' && s[j] != '\'' && s[j] != '"')
		j++;
	return j;
}

/* In a URI at s[i] ("scheme://"), the password's start and end, or 0. */
static size_t
uri_password(const char *s, size_t i, size_t *end)
{
	size_t a = i + 3, j, at = 0, colon = 0;

	for (j = a; s[j] != '\0' && !isspace((unsigned char)s[j]) &&
	    strchr("/?#'\"", s[j]) == NULL; j++)
		if (s[j] == '@')
			at = j;
	for (j = a; at != 0 && j < at; j++)
		if (s[j] == ':') {
			colon = j;
			break;
		}
	/* The placeholder of a usage message is no password. */
	if (colon == 0 || (at - colon - 1 == 8 &&
	    strncmp(s + colon + 1, "PASSWORD", 8) == 0))
		return 0;
	*end = at;
	return colon + 1;
}

void
secret_note(const char *conninfo)
{
	size_t i, j, e;

	for (i = 0; conninfo != NULL && conninfo[i] != '\0'; i++) {
		if (strncmp(conninfo + i, "://", 3) == 0 &&
		    (j = uri_password(conninfo, i, &e)) != 0)
			secret_add(conninfo + j, e - j);
		else if ((j = password_key(conninfo, i)) != 0) {
			e = value_end(conninfo, j);
			if (conninfo[j] == '\'' && e - j >= 2)
				secret_add(conninfo + j + 1, e - j - 2);
			else
				secret_add(conninfo + j, e - j);
		}
	}
}

char *
mask_secrets(const char *s)
{
	struct buf	 b, c;
	const char	*p, *hit;
	size_t		 i, j, e, k;

	buf_init(&b);
	for (i = 0; s[i] != '\0'; ) {
		if (strncmp(s + i, "://", 3) == 0 &&
		    (j = uri_password(s, i, &e)) != 0) {
			buf_add(&b, s + i, j - i);
			buf_puts(&b, "***");
			i = e;
		} else if ((j = password_key(s, i)) != 0) {
			buf_add(&b, s + i, j - i);
			buf_puts(&b, "***");
			i = value_end(s, j);
		} else
			buf_putc(&b, s[i++]);
	}
	/* What the patterns cannot see: a library quoting part of it. */
	for (k = 0; k < nsecrets; k++) {
		buf_init(&c);
		for (p = b.data ? b.data : "";
		    (hit = strstr(p, secrets[k])) != NULL;
		    p = hit + strlen(secrets[k])) {
			buf_add(&c, p, (size_t)(hit - p));
			buf_puts(&c, "***");
		}
		buf_puts(&c, p);
		buf_free(&b);
		b = c;
	}
	return buf_detach(&b);
}

static void
log_line(const char *prefix, const char *fmt, va_list ap)
{
	char	*raw = xvasprintf(fmt, ap), *msg = mask_secrets(raw), *r, *w;
	int	 space = 0;

	free(raw);

	/* One line per message, whatever a library handed us: line ends
	   and tabs fold into single spaces, trailing ones go. */
	for (r = w = msg; *r != '\0'; r++) {
		if (*r == '\n' || *r == '\r' || *r == '\t' || *r == ' ') {
			/* A line break after a sentence without its stop
			   (libpq: "refused\n\tIs the server..."): a '.'. */
			if ((*r == '\n' || *r == '\r') && !space && w != msg &&
			    strchr(".:;,!?", w[-1]) == NULL)
				space = 2;
			else if (space == 0)
				space = 1;
			continue;
		}
		if (space == 2 && isupper((unsigned char)*r))
			*w++ = '.';
		if (space && w != msg)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	fprintf(stderr, "mdgraph: %s%s\n", prefix, msg);
	free(msg);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("", fmt, ap);
	va_end(ap);
}

void
log_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("hint: ", fmt, ap);
	va_end(ap);
}

int
mkdir_p(const char *path, char **cause)
{
	char	*p = xstrdup(path), *s;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if ((*s = c) == '\0')
			break;
	}
	free(p);
	return 0;
}

/* A string -> list of indices hash (FNV-1a, chained). */

unsigned
str_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
hmap_init(struct hmap *h, size_t n)
{
	h->count = 0;
	h->nb = 8;	/* small: a model holds one per chain */
	while (h->nb < n * 2)
		h->nb *= 2;
	h->b = xcalloc(h->nb, sizeof *h->b);
}

static struct hent *
hmap_find(const struct hmap *h, const char *key, uint32_t hash)
{
	struct hent *e;

	for (e = h->b[hash & (h->nb - 1)]; e != NULL; e = e->next)
		if (e->hash == hash && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

struct hent *
hmap_get(const struct hmap *h, const char *key)
{
	return hmap_find(h, key, str_hash(key));
}

/* Twice the buckets, every entry moved over by its kept hash. */
static void
hmap_grow(struct hmap *h)
{
	struct hent	**b, *x, *next;
	size_t		  i, nb = h->nb * 2, slot;

	b = xcalloc(nb, sizeof *b);
	for (i = 0; i < h->nb; i++) {
		for (x = h->b[i]; x != NULL; x = next) {
			next = x->next;
			slot = x->hash & (nb - 1);
			x->next = b[slot];
			b[slot] = x;
		}
	}
	free(h->b);
	h->b = b;
	h->nb = nb;
}

void
hmap_add(struct hmap *h, const char *key, size_t idx)
{
	uint32_t	 hash = str_hash(key);
	struct hent	*e = hmap_find(h, key, hash);
	size_t		 slot, len;

	if (e == NULL) {
		if (h->count >= h->nb)
			hmap_grow(h);
		h->count++;
		/* One allocation: the entry, its key, its first index. */
		len = strlen(key);
		e = xmalloc(sizeof *e + len + 1);
		memcpy(e->key, key, len + 1);
		e->hash = hash;
		e->one = idx;
		e->idx = &e->one;
		e->n = 1;
		e->cap = 0;
		slot = hash & (h->nb - 1);
		e->next = h->b[slot];
		h->b[slot] = e;
		return;
	}
	if (e->idx[e->n - 1] == idx)
		return;
	if (e->cap == 0) {		/* leave the inline slot */
		e->cap = 4;
		e->idx = xreallocarray(NULL, e->cap, sizeof *e->idx);
		e->idx[0] = e->one;
	} else if (e->n == e->cap) {
		e->cap *= 2;
		e->idx = xreallocarray(e->idx, e->cap, sizeof *e->idx);
	}
	e->idx[e->n++] = idx;
}

void
hmap_free(struct hmap *h)
{
	struct hent	*e, *next;
	size_t		 i;

	for (i = 0; i < h->nb; i++) {
		for (e = h->b[i]; e != NULL; e = next) {
			next = e->next;
			if (e->cap > 0)
				free(e->idx);
			free(e);
		}
	}
	free(h->b);
}

char *
shorten(const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 chars = 0, i;

	for (i = 0; p[i] != '\0'; i++) {
		if ((p[i] & 0xc0) != 0x80 && chars++ == max)
			return xasprintf("%.*s…", (int)i, s);
	}
	return xstrdup(s);
}

void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
