/*
 * util.c -- memory, strings, growable buffers and files.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

static void
buf_grow(struct buf *b, size_t more)
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
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
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
	buf_grow(b, (size_t)n);
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

int
file_write_atomic(const char *path, const void *data, size_t len,
    char **cause)
{
	struct stat	 st;
	char		*tmp;
	mode_t		 mode = 0644, mask;
	int		 fd, saved;

	if (path == NULL || str_eq(path, "-")) {
		if (write_all(STDOUT_FILENO, data, len) != 0) {
			*cause = xasprintf("standard output: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			*cause = xasprintf("%s: not a regular file", path);
			return -1;
		}
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}

	tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		*cause = xasprintf("%s: cannot create a file there: %s", path,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	/*
	 * No fsync: the rename is what makes the write atomic for readers and
	 * for a run that fails; an fsync per diagram doubled the cost of a
	 * small SVG for a guarantee against power loss a regenerable file
	 * does not need.
	 */
	if (write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		*cause = xasprintf("%s: %s", path, strerror(saved));
		free(tmp);
		return -1;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		*cause = xasprintf("%s: %s", path, strerror(saved));
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static void
log_line(const char *prefix, const char *fmt, va_list ap)
{
	char	*msg = xvasprintf(fmt, ap), *r, *w;
	int	 space = 0;

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

static uint32_t
hmap_hash(const char *s)
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

struct hent *
hmap_get(const struct hmap *h, const char *key)
{
	struct hent *e;

	for (e = h->b[hmap_hash(key) & (h->nb - 1)]; e != NULL; e = e->next)
		if (str_eq(e->key, key))
			return e;
	return NULL;
}

void
hmap_add(struct hmap *h, const char *key, size_t idx)
{
	struct hent	*e = hmap_get(h, key);
	size_t		 slot;

	if (e == NULL && h->count >= h->nb) {
		/* Grow: twice the buckets, every entry moved over. */
		struct hmap	 g;
		struct hent	*x, *next;
		size_t		 i;

		g.nb = h->nb * 2;
		g.b = xcalloc(g.nb, sizeof *g.b);
		for (i = 0; i < h->nb; i++) {
			for (x = h->b[i]; x != NULL; x = next) {
				next = x->next;
				slot = hmap_hash(x->key) & (g.nb - 1);
				x->next = g.b[slot];
				g.b[slot] = x;
			}
		}
		free(h->b);
		h->b = g.b;
		h->nb = g.nb;
	}
	if (e == NULL) {
		h->count++;
		slot = hmap_hash(key) & (h->nb - 1);
		e = xcalloc(1, sizeof *e);
		e->key = xstrdup(key);
		e->next = h->b[slot];
		h->b[slot] = e;
	}
	if (e->n > 0 && e->idx[e->n - 1] == idx)
		return;
	VEC_PUSH(e->idx, e->n, e->cap, idx);
}

void
hmap_free(struct hmap *h)
{
	struct hent	*e, *next;
	size_t		 i;

	for (i = 0; i < h->nb; i++) {
		for (e = h->b[i]; e != NULL; e = next) {
			next = e->next;
			free(e->key);
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
