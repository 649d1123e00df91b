/*
 * session.c -- a MySQL or MariaDB session with Connector/C.
 *
 *	mysql://[USER[:PASSWORD]@][HOST][:PORT][/DATABASE][?OPTION=VALUE&...]
 *	mariadb://...	the same
 *
 * Options: socket=PATH, ssl-mode=DISABLED|PREFERRED|REQUIRED|VERIFY_CA|
 * VERIFY_IDENTITY, ssl-ca=, ssl-capath=, ssl-cert=, ssl-key=,
 * connect-timeout=SECONDS, option-file=PATH, option-group=NAME.  As the
 * mysql client does, the option files' [client] group (and [mdgraph])
 * fill in what the URI leaves out; what the URI says wins.
 *
 * The session: utf8mb4, a statement timeout the server enforces
 * (max_statement_time on MariaDB, max_execution_time on MySQL) and a read
 * timeout the client enforces, then a REPEATABLE READ, READ ONLY
 * transaction WITH CONSISTENT SNAPSHOT.  Every value is a parameter of a
 * prepared statement.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "my.h"

#define MY_ER_QUERY_TIMEOUT_MARIADB	1969	/* max_statement_time */
#define MY_ER_QUERY_TIMEOUT_MYSQL	3024	/* max_execution_time */
#define MY_CR_SERVER_LOST		2013

static int
my_claims(const char *s)
{
	return strncmp(s, "mysql://", 8) == 0 ||
	    strncmp(s, "mariadb://", 10) == 0;
}

/* PostgreSQL owns the environment; a MySQL session is always asked for. */
static int
my_env(void)
{
	return 0;
}

/* ---- the URI */

struct uri {
	char	*user, *password, *host, *database, *socket;
	char	*ssl_mode, *ssl_ca, *ssl_capath, *ssl_cert, *ssl_key;
	char	*option_file, *option_group;
	unsigned port;
	unsigned connect_timeout;
};

static void
uri_free(struct uri *u)
{
	char *p;

	/* The password is wiped before it is freed. */
	if ((p = u->password) != NULL)
		while (*p != '\0')
			*p++ = '\0';
	free(u->user);
	free(u->password);
	free(u->host);
	free(u->database);
	free(u->socket);
	free(u->ssl_mode);
	free(u->ssl_ca);
	free(u->ssl_capath);
	free(u->ssl_cert);
	free(u->ssl_key);
	free(u->option_file);
	free(u->option_group);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..n) percent-decoded; NULL on a bad escape or a NUL byte. */
static char *
decode(const char *s, size_t n)
{
	char	*out = xmalloc(n + 1), *w = out;
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			*w++ = s[i];
			continue;
		}
		hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
		lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(out);
			return NULL;
		}
		*w++ = (char)(hi * 16 + lo);
		i += 2;
	}
	*w = '\0';
	return out;
}

static int
parse_uint(const char *s, unsigned max, unsigned *out)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* One option=value of the query string. */
static int
uri_option(struct uri *u, const char *key, char *val, char **cause)
{
	static const char *const modes[] = {
		"DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA",
		"VERIFY_IDENTITY", NULL
	};
	char	**slot = NULL;
	size_t	  i;

	if (str_eq(key, "socket"))
		slot = &u->socket;
	else if (str_eq(key, "ssl-ca"))
		slot = &u->ssl_ca;
	else if (str_eq(key, "ssl-capath"))
		slot = &u->ssl_capath;
	else if (str_eq(key, "ssl-cert"))
		slot = &u->ssl_cert;
	else if (str_eq(key, "ssl-key"))
		slot = &u->ssl_key;
	else if (str_eq(key, "option-file"))
		slot = &u->option_file;
	else if (str_eq(key, "option-group"))
		slot = &u->option_group;
	else if (str_eq(key, "ssl-mode")) {
		for (i = 0; val[i] != '\0'; i++)
			val[i] = (char)toupper((unsigned char)val[i]);
		for (i = 0; modes[i] != NULL && !str_eq(modes[i], val); i++)
			;
		if (modes[i] == NULL) {
			*cause = xasprintf("--db: ssl-mode takes DISABLED, "
			    "PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY, "
			    "not '%s'", val);
			return -1;
		}
		slot = &u->ssl_mode;
	} else if (str_eq(key, "connect-timeout")) {
		if (parse_uint(val, 86400, &u->connect_timeout) != 0 ||
		    u->connect_timeout == 0) {
			*cause = xasprintf("--db: connect-timeout takes "
			    "seconds, 1 to 86400, not '%s'", val);
			return -1;
		}
		free(val);
		return 0;
	} else {
		*cause = xasprintf("--db: unknown option '%s' in the URI "
		    "(known: socket, ssl-mode, ssl-ca, ssl-capath, ssl-cert, "
		    "ssl-key, connect-timeout, option-file, option-group)",
		    key);
		return -1;
	}
	free(*slot);
	*slot = val;
	return 0;
}

/*
 * Split the URI.  Messages never repeat it: it may hold a password.
 */
static int
uri_parse(const char *s, struct uri *u, char **cause)
{
	const char	*p, *at, *end, *colon, *q, *amp, *eq;
	char		*key, *val, *port;

	memset(u, 0, sizeof *u);
	p = strstr(s, "://") + 3;
	end = p + strcspn(p, "/?");
	/* [user[:password]@] -- the last '@' before the path ends it. */
	for (at = NULL, q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at != NULL) {
		colon = memchr(p, ':', (size_t)(at - p));
		u->user = decode(p, (size_t)((colon ? colon : at) - p));
		if (colon != NULL)
			u->password = decode(colon + 1,
			    (size_t)(at - colon - 1));
		if (u->user == NULL || (colon != NULL && u->password == NULL))
			goto bad;
		p = at + 1;
	}
	/* host[:port], [v6]:port */
	if (*p == '[') {
		if ((q = memchr(p, ']', (size_t)(end - p))) == NULL)
			goto bad;
		u->host = decode(p + 1, (size_t)(q - p - 1));
		p = q + 1;
		colon = p < end && *p == ':' ? p : NULL;
		if (p < end && colon == NULL)
			goto bad;
	} else {
		colon = memchr(p, ':', (size_t)(end - p));
		if ((colon ? colon : end) > p)
			u->host = decode(p, (size_t)((colon ? colon : end) - p));
	}
	if (colon != NULL) {
		port = xstrndup(colon + 1, (size_t)(end - colon - 1));
		if (parse_uint(port, 65535, &u->port) != 0 || u->port == 0) {
			free(port);
			*cause = xstrdup("--db: the port of a mysql:// URI is "
			    "a number from 1 to 65535");
			uri_free(u);
			return -1;
		}
		free(port);
	}
	p = end;
	if (*p == '/') {
		q = p + 1 + strcspn(p + 1, "?");
		if (q > p + 1 && (u->database = decode(p + 1,
		    (size_t)(q - p - 1))) == NULL)
			goto bad;
		p = q;
	}
	if (*p == '?') {
		for (p++; *p != '\0'; p = *amp ? amp + 1 : amp) {
			amp = p + strcspn(p, "&");
			if (amp == p)
				continue;
			eq = memchr(p, '=', (size_t)(amp - p));
			if (eq == NULL) {
				*cause = xstrdup("--db: each option of a "
				    "mysql:// URI is NAME=VALUE");
				uri_free(u);
				return -1;
			}
			key = decode(p, (size_t)(eq - p));
			val = decode(eq + 1, (size_t)(amp - eq - 1));
			if (key == NULL || val == NULL) {
				free(key);
				free(val);
				goto bad;
			}
			if (uri_option(u, key, val, cause) != 0) {
				free(key);
				free(val);
				uri_free(u);
				return -1;
			}
			free(key);
		}
	}
	return 0;
bad:
	*cause = xstrdup("--db: a mysql:// URI has a bad %-escape or shape: "
	    "mysql://USER:PASSWORD@HOST:PORT/DATABASE?socket=PATH");
	uri_free(u);
	return -1;
}

/* ---- statements */

void
myq_init(struct myq *q)
{
	memset(q, 0, sizeof *q);
	buf_init(&q->sql);
}

void
myq_free(struct myq *q)
{
	strv_free(q->params, q->np);
	buf_free(&q->sql);
	memset(q, 0, sizeof *q);
}

void
myq_param(struct myq *q, const char *value)
{
	myq_param_take(q, xstrdup(value));
}

void
myq_param_take(struct myq *q, char *value)
{
	VEC_PUSH(q->params, q->np, q->cap, value);
	buf_putc(&q->sql, '?');
}

void
myq_ident(struct buf *b, const char *s)
{
	buf_putc(b, '`');
	for (; *s != '\0'; s++) {
		if (*s == '`')
			buf_putc(b, '`');
		buf_putc(b, *s);
	}
	buf_putc(b, '`');
}

void
myq_column(struct buf *b, const char *alias, const char *column)
{
	buf_printf(b, "%s.", alias);
	myq_ident(b, column);
}

void
myq_table(struct buf *b, const char *schema, const char *table)
{
	myq_ident(b, schema);
	buf_putc(b, '.');
	myq_ident(b, table);
}

char *
my_error(struct my *my, unsigned int err, const char *msg)
{
	if (err == MY_ER_QUERY_TIMEOUT_MARIADB ||
	    err == MY_ER_QUERY_TIMEOUT_MYSQL)
		return xasprintf("query failed: the statement ran past "
		    "--timeout %d s: %s", my->timeout, msg);
	if (err == MY_CR_SERVER_LOST)
		return xasprintf("query failed: %s (no answer within --timeout "
		    "%d s, or the server went away)", msg, my->timeout);
	return xasprintf("query failed: %s", msg);
}

/* A statement without parameters or rows (the transaction's). */
static int
my_command(struct my *my, const char *sql, char **cause)
{
	my->db.queries++;
	if (mysql_real_query(my->conn, sql, strlen(sql)) != 0) {
		*cause = my_error(my, mysql_errno(my->conn),
		    mysql_error(my->conn));
		return -1;
	}
	return 0;
}

struct col {
	char		*buf;
	unsigned long	 cap, len;
	my_bool		 null, err;
};

int
my_query(struct my *my, const char *sql, char *const *params, size_t np,
    my_row_fn fn, void *arg, char **cause)
{
	MYSQL_STMT	 *st;
	MYSQL_BIND	 *pb = NULL, *rb = NULL;
	unsigned long	 *plen = NULL;
	struct col	 *cols = NULL;
	const char	**vals = NULL;
	const char	 *msg;
	unsigned int	  n = 0, i, err;
	int		  r, rc = -1;

	my->db.queries++;
	if ((st = mysql_stmt_init(my->conn)) == NULL) {
		*cause = xstrdup("query failed: out of memory");
		return -1;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0)
		goto fail;
	if (np > 0) {
		pb = xcalloc(np, sizeof *pb);
		plen = xcalloc(np, sizeof *plen);
		for (i = 0; i < np; i++) {
			plen[i] = strlen(params[i]);
			pb[i].buffer_type = MYSQL_TYPE_STRING;
			pb[i].buffer = params[i];
			pb[i].buffer_length = plen[i];
			pb[i].length = &plen[i];
		}
		if (mysql_stmt_bind_param(st, pb) != 0)
			goto fail;
	}
	if (mysql_stmt_execute(st) != 0)
		goto fail;
	if ((n = mysql_stmt_field_count(st)) > 0) {
		rb = xcalloc(n, sizeof *rb);
		cols = xcalloc(n, sizeof *cols);
		vals = xcalloc(n, sizeof *vals);
		for (i = 0; i < n; i++) {
			cols[i].cap = 64;
			cols[i].buf = xmalloc(cols[i].cap);
			rb[i].buffer_type = MYSQL_TYPE_STRING;
			rb[i].buffer = cols[i].buf;
			rb[i].buffer_length = cols[i].cap - 1;
			rb[i].length = &cols[i].len;
			rb[i].is_null = &cols[i].null;
			rb[i].error = &cols[i].err;
		}
		if (mysql_stmt_bind_result(st, rb) != 0)
			goto fail;
		while ((r = mysql_stmt_fetch(st)) == 0 ||
		    r == MYSQL_DATA_TRUNCATED) {
			my->db.rows++;
			for (i = 0; i < n; i++) {
				if (cols[i].null) {
					vals[i] = NULL;
					continue;
				}
				if (cols[i].len >= cols[i].cap) {
					/* Too long for the buffer: grow it
					   and fetch the column again. */
					cols[i].cap = cols[i].len + 1;
					cols[i].buf = xreallocarray(cols[i].buf,
					    cols[i].cap, 1);
					rb[i].buffer = cols[i].buf;
					rb[i].buffer_length = cols[i].cap - 1;
					if (mysql_stmt_fetch_column(st, &rb[i],
					    i, 0) != 0)
						goto fail;
				}
				cols[i].buf[cols[i].len] = '\0';
				vals[i] = cols[i].buf;
			}
			if (r == MYSQL_DATA_TRUNCATED &&
			    mysql_stmt_bind_result(st, rb) != 0)
				goto fail;
			if (fn != NULL && (rc = fn(arg, vals, n)) != 0)
				goto out;
		}
		if (r != MYSQL_NO_DATA)
			goto fail;
	}
	rc = 0;
	goto out;
fail:
	/*
	 * An error while rows stream in (the statement timeout among them)
	 * can be left on the connection, not the statement.
	 */
	err = mysql_stmt_errno(st);
	msg = mysql_stmt_error(st);
	if (err == 0 || msg == NULL || *msg == '\0') {
		err = mysql_errno(my->conn);
		msg = mysql_error(my->conn);
	}
	if (err == 0 && (msg == NULL || *msg == '\0'))
		msg = "the server ended the result early";
	*cause = my_error(my, err, msg != NULL && *msg != '\0' ? msg :
	    "no message from the server");
	/* SELECT denied on the table or a column. */
	rc = err == 1142 || err == 1143 ? DB_DENIED : -1;
out:
	mysql_stmt_close(st);
	for (i = 0; cols != NULL && i < n; i++)
		free(cols[i].buf);
	free(cols);
	free(vals);
	free(rb);
	free(pb);
	free(plen);
	return rc;
}

/* ---- open and close */

static void
my_close(struct db *db)
{
	struct my *my = MY(db);

	if (my == NULL)
		return;
	if (my->conn != NULL)
		mysql_close(my->conn);	/* ends the transaction */
	free(my->database);
	free(my);
}

static int
set_tls(MYSQL *c, const struct uri *u)
{
	my_bool	 yes = 1;
	int	 enforce, verify;

	if (u->ssl_mode != NULL && str_eq(u->ssl_mode, "DISABLED"))
		return 0;
	enforce = u->ssl_mode != NULL && !str_eq(u->ssl_mode, "PREFERRED");
	verify = u->ssl_mode != NULL && str_eq(u->ssl_mode,
	    "VERIFY_IDENTITY");
	if (u->ssl_mode != NULL || u->ssl_ca || u->ssl_capath ||
	    u->ssl_cert || u->ssl_key)
		mysql_ssl_set(c, u->ssl_key, u->ssl_cert, u->ssl_ca,
		    u->ssl_capath, NULL);
	if (enforce && mysql_options(c, MYSQL_OPT_SSL_ENFORCE, &yes) != 0)
		return -1;
	if (verify && mysql_options(c, MYSQL_OPT_SSL_VERIFY_SERVER_CERT,
	    &yes) != 0)
		return -1;
	return 0;
}

struct setup {
	struct my	*my;
};

/* SELECT DATABASE(), @@max_allowed_packet */
static int
setup_row(void *arg, const char *const *cols, unsigned int n)
{
	struct setup *s = arg;

	if (n >= 2) {
		s->my->database = cols[0] ? xstrdup(cols[0]) : NULL;
		s->my->max_packet = cols[1] ? strtoul(cols[1], NULL, 10) : 0;
	}
	return 0;
}

/* The connection's own message, in one piece. */
static char *
connect_error(MYSQL *c)
{
	return xasprintf("cannot connect to the database: %s",
	    mysql_error(c));
}

static int
my_open(struct db **out, const char *conninfo, const struct db_opts *o,
    char **cause)
{
	struct uri	 u;
	struct setup	 s;
	struct my	*my;
	unsigned int	 connect_timeout, read_timeout, protocol, no = 0;
	const char	*info;
	char		 timeout[64];

	*out = NULL;
	if (uri_parse(conninfo, &u, cause) != 0)
		return -1;
	if (my_load(cause) != 0) {
		uri_free(&u);
		return -1;
	}
	my = xcalloc(1, sizeof *my);
	my->timeout = o->timeout;
	if ((my->conn = mysql_init(NULL)) == NULL) {
		*cause = xstrdup("cannot connect: out of memory");
		goto fail;
	}
	connect_timeout = u.connect_timeout ? u.connect_timeout : 10;
	/* The server stops a statement at --timeout; the client gives up
	   waiting a little later, even when the server hangs. */
	read_timeout = (unsigned)o->timeout + 2;
	mysql_options(my->conn, MYSQL_READ_DEFAULT_GROUP,
	    u.option_group ? u.option_group : "mdgraph");
	if (u.option_file != NULL)
		mysql_options(my->conn, MYSQL_READ_DEFAULT_FILE, u.option_file);
	mysql_options(my->conn, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
	mysql_options(my->conn, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
	mysql_options(my->conn, MYSQL_OPT_WRITE_TIMEOUT, &read_timeout);
	mysql_options(my->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my->conn, MYSQL_OPT_LOCAL_INFILE, &no);
	mysql_optionsv(my->conn, MYSQL_OPT_CONNECT_ATTR_ADD, "program_name",
	    "mdgraph");
	if (u.socket != NULL) {
		protocol = MYSQL_PROTOCOL_SOCKET;
		mysql_options(my->conn, MYSQL_OPT_PROTOCOL, &protocol);
	}
	if (set_tls(my->conn, &u) != 0) {
		*cause = xstrdup("cannot connect: this Connector/C cannot "
		    "enforce TLS: install a newer libmariadb3");
		goto fail;
	}
	if (mysql_real_connect(my->conn, u.host, u.user, u.password,
	    u.database, u.port, u.socket, 0) == NULL) {
		*cause = connect_error(my->conn);
		goto fail;
	}
	/*
	 * TLS required: the connection must be encrypted, whatever the
	 * library made of the options (a unix socket is private already).
	 */
	if (u.ssl_mode != NULL && !str_eq(u.ssl_mode, "DISABLED") &&
	    !str_eq(u.ssl_mode, "PREFERRED") &&
	    mysql_get_ssl_cipher(my->conn) == NULL &&
	    strstr(mysql_get_host_info(my->conn), "socket") == NULL) {
		*cause = xasprintf("cannot connect to the database: TLS is "
		    "required (ssl-mode=%s) but the connection is not "
		    "encrypted: the server offers no TLS", u.ssl_mode);
		goto fail;
	}
	/* An option file may have named another character set. */
	if (!str_eq(mysql_character_set_name(my->conn), "utf8mb4") &&
	    mysql_set_character_set(my->conn, "utf8mb4") != 0) {
		*cause = xasprintf("cannot use utf8mb4 on the connection: %s",
		    mysql_error(my->conn));
		goto fail;
	}
	info = mysql_get_server_info(my->conn);
	my->mariadb = strstr(info, "MariaDB") != NULL;
	my->version = mysql_get_server_version(my->conn);
	if (my->mariadb && my->version >= 50500 && my->version < 100000 &&
	    strncmp(info, "5.5.5-", 6) == 0)
		my->version = 100000;	/* the old replication prefix */
	my->window = my->mariadb ? my->version >= 100200 :
	    my->version >= 80000;
	my->json_table = my->mariadb ? my->version >= 100600 :
	    my->version >= 80004;
	/* Tests run the SQL MySQL 5.7 takes on newer servers too. */
	if (getenv("MDGRAPH_MYSQL_COMPAT") != NULL &&
	    str_eq(getenv("MDGRAPH_MYSQL_COMPAT"), "5.7"))
		my->window = my->json_table = 0;

	/*
	 * The statement timeout, by the flavour's own variable.  The server
	 * takes no string for it; the number is mdgraph's own, not data.
	 */
	snprintf(timeout, sizeof timeout, my->mariadb ?
	    "SET SESSION max_statement_time = %d" :
	    "SET SESSION max_execution_time = %d", my->mariadb ? o->timeout :
	    o->timeout * 1000);
	if (my_command(my, timeout, cause) != 0)
		goto fail;
	if (my_command(my, "SET SESSION TRANSACTION ISOLATION LEVEL "
	    "REPEATABLE READ, READ ONLY", cause) != 0 ||
	    my_command(my, "START TRANSACTION WITH CONSISTENT SNAPSHOT, "
	    "READ ONLY", cause) != 0)
		goto fail;
	s.my = my;
	if (my_query(my, "SELECT DATABASE(), @@max_allowed_packet", NULL, 0,
	    setup_row, &s, cause) != 0)
		goto fail;
	if (my->database == NULL) {
		*cause = xstrdup("no database named: give one in the URI, "
		    "mysql://USER@HOST/DATABASE, or database= in the option "
		    "file");
		goto fail;
	}
	my->db.schema = my->database;
	my->db.dbname = my->database;
	my->db.absent_why = " (or this user has no privilege on it: MySQL "
	    "shows a user only the tables it may use)";
	uri_free(&u);
	*out = &my->db;
	return 0;
fail:
	uri_free(&u);
	my_close(&my->db);
	return -1;
}

const struct backend mysql_backend = {
	.name = "MySQL",
	.claims = my_claims,
	.env = my_env,
	.open = my_open,
	.introspect = my_introspect,
	.count = my_count,
	.fetch = my_fetch,
	.check = my_check,
	.close = my_close,
};
