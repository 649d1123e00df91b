/*
 * json.h -- a small streaming JSON writer: two-space indentation, keys in
 * the order they are written, every string escaped.
 */
#ifndef MDG_JSON_H
#define MDG_JSON_H

#include "util.h"

struct json {
	struct buf	*out;
	int		 depth;
	int		 first;		/* nothing written at this depth yet */
	int		 after_key;
};

void	json_init(struct json *, struct buf *);
void	json_obj(struct json *);		/* { */
void	json_arr(struct json *);		/* [ */
void	json_end_obj(struct json *);
void	json_end_arr(struct json *);
void	json_key(struct json *, const char *);
/* A key already written by json_escape(), len bytes: for keys that repeat. */
void	json_key_escaped(struct json *, const char *, size_t len);
void	json_str(struct json *, const char *);	/* NULL writes null */
void	json_int(struct json *, long long);
void	json_bool(struct json *, int);
void	json_null(struct json *);
/* key + value in one call */
void	json_kstr(struct json *, const char *, const char *);
void	json_kint(struct json *, const char *, long long);
void	json_kbool(struct json *, const char *, int);

/* A relation as -T json writes it (emit_json.c). */
struct mdg_rel;
void	json_relation(struct json *, const struct mdg_rel *);

/* A JSON string literal, quotes included. */
void	json_escape(struct buf *, const char *);

#endif
