/*
 * util.h -- memory, strings, growable buffers and files for mdgraph.
 *
 * Ownership: a function returning `char *` hands the string over (free it);
 * `const char *` is borrowed.  The x* allocators never return NULL: they
 * print one line and exit on out-of-memory, the one condition no caller
 * can do anything useful about.
 */
#ifndef MDG_UTIL_H
#define MDG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MDG_PRINTF(f, a) __attribute__((format(printf, f, a)))

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) MDG_PRINTF(1, 2);
char *xvasprintf(const char *, va_list) MDG_PRINTF(1, 0);

struct out;

/*
 * Append-only byte buffer; `data` is always NUL-terminated.  With a sink,
 * buf_spill() writes what it holds there once it is past BUF_SPILL bytes
 * and empties it: a writer calls it where everything so far is final.
 */
struct buf {
	char		*data;
	size_t		 len;
	size_t		 cap;
	struct out	*sink;
};

#define BUF_SPILL	(64 * 1024)

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
/* Room for `more` bytes and the NUL. */
void	 buf_reserve(struct buf *, size_t more);
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...) MDG_PRINTF(2, 3);
char	*buf_detach(struct buf *);
void	 buf_spill(struct buf *);

/* The writers' inner loop: inline. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
/* Code point u (at most U+10FFFF) as UTF-8. */
void	 buf_put_utf8(struct buf *, unsigned long u);
/* The entity XML and HTML write for c (&amp; &lt; &gt; &quot; &#39;), or NULL. */
const char *xml_entity(int c);
/*
 * The length (1-4) of the well-formed UTF-8 sequence at s, of at most len
 * bytes: no overlong form, surrogate or code point past U+10FFFF; 0 if
 * there is none (or len is 0).
 */
size_t	 utf8_seq(const char *s, size_t len);
/*
 * A text file's len bytes are UTF-8 with no NUL: 0, or -1 with *cause
 * "SOURCE:LINE: ..." (allocated).
 */
int	 text_check(const char *s, size_t len, const char *source,
	    char **cause);

/* A growable vector of pointers. */
#define VEC_PUSH(arr, n, cap, item) do {				\
	if ((n) == (cap)) {						\
		(cap) = (cap) ? (cap) * 2 : 8;				\
		(arr) = xreallocarray((arr), (cap), sizeof *(arr));	\
	}								\
	(arr)[(n)++] = (item);						\
} while (0)

int	 str_eq(const char *, const char *);
/* Free n strings and their vector. */
void	 strv_free(char **, size_t);
/* At most `max` characters of s (UTF-8), "…" when shortened (allocated). */
char	*shorten(const char *s, size_t max);
int	 str_ends_with(const char *, const char *);

/*
 * Read a whole file.  Returns 0, or -1 with *cause set (allocated).
 * The result is NUL-terminated; *len excludes the NUL.
 */
int	 file_read(const char *path, char **data, size_t *len, char **cause);

/*
 * Write `len` bytes to `path` atomically: a temporary file in the same
 * directory, renamed over the target.  path "-" or NULL means
 * standard output.  On failure the old file is untouched.
 */
int	 file_write_atomic(const char *path, const void *data, size_t len,
	    char **cause);

/*
 * The same, written as it is made: out_open() decides where the bytes
 * go (a temporary file beside the target; standard output, a device or a
 * FIFO straight), out_write() appends (the first error sticks),
 * out_commit() renames the temporary over the target, out_abort() removes
 * it.  One output at a time.  Both end the struct's use.
 */
struct out {
	int	 fd;
	int	 ours;		/* close fd at the end */
	int	 tmp;		/* a temporary file to rename */
	int	 err;		/* the first errno */
	unsigned mode;
	char	*name;		/* for messages */
	char	*target;	/* the file renamed over */
};

int	 out_open(struct out *, const char *path, char **cause);
int	 out_write(struct out *, const void *data, size_t len);
int	 out_commit(struct out *, char **cause);
void	 out_abort(struct out *);

/* A string -> list of indices hash. */
struct hent {
	struct hent	*next;
	size_t		*idx;		/* n indices: &one, or cap of them */
	size_t		 n, cap;
	size_t		 one;
	unsigned	 hash;
	char		 key[];
};

struct hmap {
	struct hent	**b;
	size_t		  nb;
	size_t		  count;	/* keys */
};

/* FNV-1a of a string. */
unsigned	 str_hash(const char *);
void		 hmap_init(struct hmap *, size_t expected);
struct hent	*hmap_get(const struct hmap *, const char *key);
void		 hmap_add(struct hmap *, const char *key, size_t idx);
void		 hmap_free(struct hmap *);

/* mkdir -p. */
int	 mkdir_p(const char *path, char **cause);

/*
 * Secrets: secret_note() remembers the passwords of a connection string
 * (conninfo password=..., quoted or not; the password of a URI's
 * user:password@, raw and percent-decoded; ?password=...).  mask_secrets()
 * returns s with every password shown as "***" (allocated): the ones
 * noted, and any a conninfo or URI in s spells out.  Every log line is
 * masked.
 */
void	 secret_note(const char *conninfo);
char	*mask_secrets(const char *s);

/* Logging: every message is one line starting with "mdgraph: ". */
void	 log_error(const char *, ...) MDG_PRINTF(1, 2);
void	 log_hint(const char *, ...) MDG_PRINTF(1, 2);

#endif
