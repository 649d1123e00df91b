/*
 * main.c -- mdgraph: draw the relations of the bk-monitor metadata tables.
 *
 * Options become one struct; the chosen command runs; main picks the exit
 * code.  Only this file prints errors and exits.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "check.h"
#include "doc.h"
#include "embedded.h"
#include "emit.h"
#include "format.h"
#include "model.h"
#include "render.h"
#include "sample.h"
#include "util.h"

#define EXIT_NO		1	/* the answer is no: stale, drift, no row */
#define EXIT_USAGE	2	/* usage, connection or internal error */

enum command {
	CMD_DRAW,
	CMD_DOC,
	CMD_CHECK,
};

struct opts {
	enum command	 cmd;
	const char	*chain;		/* a list; NULL: main, or all */
	const char	*attrs;		/* --attrs LIST */
	const char	*exclude;	/* --exclude LIST */
	int		 relations;	/* --relations: 0 documented, 1 all,
					   -1 the command's default */
	int		 no_collapse;
	const char	*format;	/* NULL: from -o, else mermaid */
	const char	*output;	/* NULL: standard output */
	const char	*model;		/* NULL: built in */
	const char	*template;	/* NULL: built in */
	const char	*rankdir;	/* NULL: LR */
	const char	*db;		/* NULL: PG* environment, or none */
	const char	*schema;	/* NULL: the model's */
	int		 timeout;	/* statement_timeout, seconds */
	enum columns_mode columns;
	int		 columns_given;	/* --columns was given */
	int		 list_entities;	/* hidden: for shell completion */
	int		 quiet;		/* --quiet: no progress */
	int		 counts;
	int		 exact_counts;
	int		 stats;
	int		 offline;
	int		 list_chains;
	const char	*root_name;	/* a model root: "data-id", ... */
	const char	*root_value;
	const char	*root_spec;	/* --root ENTITY:COLUMN=VALUE */
	const char	*tenant;
	int		 depth;		/* -1: no cap */
	int		 max_rows;
	int		 check;		/* doc --check */
	const char	*update;	/* doc --update FILE */
	const char	*svg_dir;	/* doc --svg-dir DIR */
	const char	*html_dir;	/* doc --html-dir DIR */
	int		 argc;		/* as given, for the regenerate hint */
	char		**argv;
};

static int	wants_db(const struct opts *);
static void	print_version(void);
static int	cmd_instance(const struct opts *, const struct mdg_model *,
		    const struct mdg_chain *const *, size_t,
		    const struct format *);

/*
 * The options, as data: getopt_long's table, --help and the "valid
 * options" line all come from here.
 */
enum {
	OPT_LIST_CHAINS = 256,
	OPT_TEMPLATE,
	OPT_RANKDIR,
	OPT_DB,
	OPT_SCHEMA,
	OPT_TIMEOUT,
	OPT_COLUMNS,
	OPT_COUNTS,
	OPT_EXACT_COUNTS,
	OPT_STATS,
	OPT_OFFLINE,
	OPT_DATA_ID,
	OPT_TABLE_ID,
	OPT_ROOT,
	OPT_TENANT,
	OPT_DEPTH,
	OPT_MAX_ROWS,
	OPT_CHECK,
	OPT_UPDATE,
	OPT_SVG_DIR,
	OPT_ATTRS,
	OPT_EXCLUDE,
	OPT_NO_COLLAPSE,
	OPT_RELATIONS,
	OPT_HTML_DIR,
	OPT_LIST_ENTITIES,
};

static const struct optdef {
	const char	*name;
	int		 has_arg;
	int		 val;
	const char	*arg;
	const char	*help;
} optdefs[] = {
	{ "chain", 1, 'c', "LIST",
	    "chains to draw or check: names from --list-chains, comma-"
	    "separated, or all (default: main; all with a root or check)" },
	{ "format", 1, 'T', "FORMAT",
	    "output format: mermaid, dot, svg, png, pdf, html, json (default: "
	    "from -o's extension; check: text or json)" },
	{ "output", 1, 'o', "FILE",
	    "write FILE atomically instead of standard output" },
	{ "model", 1, 'm', "FILE",
	    "read the model from FILE instead of the built-in one" },
	{ "rankdir", 1, OPT_RANKDIR, "DIR",
	    "direction of the drawing: LR (default), RL, TB or BT" },
	{ "db", 1, OPT_DB, "CONNINFO",
	    "read the live schema: a libpq key=value string or URI" },
	{ "schema", 1, OPT_SCHEMA, "NAME",
	    "database schema of the tables (default: the model's, public)" },
	{ "timeout", 1, OPT_TIMEOUT, "SECONDS",
	    "statement timeout on the database (default 30)" },
	{ "columns", 1, OPT_COLUMNS, "WHICH",
	    "with a database: doc (default), keys or all columns" },
	{ "counts", 0, OPT_COUNTS, NULL,
	    "with a database: show row counts (estimated)" },
	{ "exact-counts", 0, OPT_EXACT_COUNTS, NULL,
	    "with --counts: count(*) instead of estimates" },
	{ "stats", 0, OPT_STATS, NULL,
	    "print the query and row counts to standard error" },
	{ "offline", 0, OPT_OFFLINE, NULL,
	    "ignore the PG* environment: use the model alone" },
	{ "data-id", 1, OPT_DATA_ID, "N",
	    "instance diagram of everything linked to bk_data_id N" },
	{ "table-id", 1, OPT_TABLE_ID, "ID",
	    "instance diagram rooted at the result table ID" },
	{ "root", 1, OPT_ROOT, "E:COL=VAL",
	    "instance diagram rooted at any entity's row" },
	{ "tenant", 1, OPT_TENANT, "T",
	    "with a root: only the root rows of bk_tenant_id T" },
	{ "depth", 1, OPT_DEPTH, "N",
	    "with a root: follow at most N layers of relations" },
	{ "max-rows", 1, OPT_MAX_ROWS, "N",
	    "with a root: rows per relation per parent (default 20)" },
	{ "attrs", 1, OPT_ATTRS, "LIST",
	    "with a root: also show these columns (col or Entity.col)" },
	{ "exclude", 1, OPT_EXCLUDE, "LIST",
	    "leave out these entities (and what only they reach)" },
	{ "relations", 1, OPT_RELATIONS, "WHICH",
	    "documented (the default; all with a root) or all: also those "
	    "the document leaves out" },
	{ "no-collapse", 0, OPT_NO_COLLAPSE, NULL,
	    "with a root: a node per row, even for many leaf rows" },
	{ "check", 0, OPT_CHECK, NULL,
	    "doc: compare with -o FILE (or --update FILE); exit 1 if stale" },
	{ "update", 1, OPT_UPDATE, "FILE",
	    "doc: regenerate the marker regions of FILE in place" },
	{ "svg-dir", 1, OPT_SVG_DIR, "DIR",
	    "doc: also write an SVG per chain into DIR and link it" },
	{ "html-dir", 1, OPT_HTML_DIR, "DIR",
	    "doc: also write an interactive page per chain and an index" },
	{ "template", 1, OPT_TEMPLATE, "FILE",
	    "doc: read the document template from FILE" },
	{ "list-chains", 0, OPT_LIST_CHAINS, NULL,
	    "print each chain's name, title and entity count, and exit" },
	{ "quiet", 0, 'q', NULL,
	    "no progress on standard error, even on a terminal" },
	{ "help", 0, 'h', NULL, "print this help and exit" },
	{ "version", 0, 'V', NULL, "print the version and exit" },
};
#define NOPTS (sizeof optdefs / sizeof optdefs[0])

/* Options --help leaves out: for the shell completion scripts. */
static const struct option hidden_opts[] = {
	{ "list-entities", 0, NULL, OPT_LIST_ENTITIES },
};
#define NHIDDEN (sizeof hidden_opts / sizeof hidden_opts[0])

/*
 * Optimal string alignment distance, ignoring case: what a typo costs.
 */
static size_t
typo_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, *d, r;

	d = xcalloc((la + 1) * (lb + 1), sizeof *d);
#define D(x, y) d[(x) * (lb + 1) + (y)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]);

			r = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < r)
				r = D(i, j - 1) + 1;
			if (D(i - 1, j - 1) + cost < r)
				r = D(i - 1, j - 1) + cost;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    D(i - 2, j - 2) + 1 < r)
				r = D(i - 2, j - 2) + 1;
			D(i, j) = r;
		}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

/*
 * The candidate `word` is most likely a typo of: the closest within two
 * edits (one for short words), or NULL.  Candidates come one at a time.
 */
struct suggest {
	const char	*word;
	const char	*best;
	size_t		 dist;
};

static void
suggest_init(struct suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->dist = strlen(word) <= 4 ? 2 : 3;	/* beyond: no suggestion */
}

static void
suggest_try(struct suggest *s, const char *candidate)
{
	size_t d = typo_distance(s->word, candidate);

	if (d < s->dist) {
		s->best = candidate;
		s->dist = d;
	}
}

/* ": did you mean 'X'?" or "", for a message. */
static const char *
suggestion(const struct suggest *s, char *buf, size_t size)
{
	if (s->best == NULL)
		return "";
	snprintf(buf, size, ": did you mean '%s'?", s->best);
	return buf;
}

static void
usage(FILE *f)
{
	size_t	i;
	char	left[64];

	fputs("Usage: mdgraph [OPTION]...            draw a chain\n"
	    "       mdgraph doc [OPTION]...        print the Markdown "
	    "document\n"
	    "       mdgraph check [OPTION]...      compare the model with "
	    "a live database\n\n"
	    "Draws the relations of the bk-monitor metadata tables from a "
	    "declarative model.\n\nOptions:\n", f);
	for (i = 0; i < NOPTS; i++) {
		if (optdefs[i].val < 256)
			snprintf(left, sizeof left, "-%c, --%s%s%s",
			    optdefs[i].val, optdefs[i].name,
			    optdefs[i].arg ? " " : "",
			    optdefs[i].arg ? optdefs[i].arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s",
			    optdefs[i].name, optdefs[i].arg ? " " : "",
			    optdefs[i].arg ? optdefs[i].arg : "");
		fprintf(f, "  %-22s %s\n", left, optdefs[i].help);
	}
	fputs("\nExamples:\n"
	    "  mdgraph --chain storage -o storage.svg\n"
	    "  mdgraph --chain all -T dot | dot -Tpng -o all.png\n"
	    "  mdgraph --list-chains\n"
	    "  mdgraph doc -o metadata-relations.md\n"
	    "  mdgraph --db \"$PG\" --chain main --columns all --counts "
	    "-o main.svg\n"
	    "  mdgraph check --db \"$PG\" --format json\n"
	    "  mdgraph --db \"$PG\" --data-id 1500001 -o ds.svg\n"
	    "  mdgraph --chain all -o all.html\n\n"
	    "Exit status: 0 success, 1 the answer is no, 2 error.\n"
	    "See mdgraph(1) for the model file, instance diagrams and "
	    "marker regions.\n", f);
}

/* What --version says: this program, and the libraries it runs with. */
static void
print_version(void)
{
	char *pq = pq_client_version(), *my = my_client_version();

	printf("mdgraph %s\n", PACKAGE_VERSION);
	printf("Graphviz %s\n", render_version());
	printf("libpq %s\n", pq ? pq : "not found");
	printf("MariaDB Connector/C %s\n", my ? my : "not found");
	free(pq);
	free(my);
	render_cleanup();
}

static char *
valid_options(void)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < NOPTS; i++)
		buf_printf(&b, "%s--%s", i ? ", " : "", optdefs[i].name);
	return buf_detach(&b);
}

static int
parse_args(int argc, char **argv, struct opts *o)
{
	struct option	 longopts[NOPTS + NHIDDEN + 1];
	struct buf	 shortopts;
	char		*valid;
	size_t		 i;
	int		 c, cmd_given = 0;

	memset(o, 0, sizeof *o);
	memset(longopts, 0, sizeof longopts);
	buf_init(&shortopts);
	buf_puts(&shortopts, "+:");
	for (i = 0; i < NOPTS; i++) {
		longopts[i].name = optdefs[i].name;
		longopts[i].has_arg = optdefs[i].has_arg;
		longopts[i].val = optdefs[i].val;
		if (optdefs[i].val < 256) {
			buf_putc(&shortopts, (char)optdefs[i].val);
			if (optdefs[i].has_arg)
				buf_putc(&shortopts, ':');
		}
	}
	for (i = 0; i < NHIDDEN; i++)
		longopts[NOPTS + i] = hidden_opts[i];

	o->timeout = 30;
	o->relations = -1;
	o->depth = -1;
	o->max_rows = 20;
	o->argc = argc;
	o->argv = argv;
	if (argc > 1 && (str_eq(argv[1], "doc") || str_eq(argv[1], "check"))) {
		o->cmd = str_eq(argv[1], "doc") ? CMD_DOC : CMD_CHECK;
		cmd_given = 1;
		argv++;
		argc--;
	}

	opterr = 0;
again:
	while ((c = getopt_long(argc, argv, shortopts.data, longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			o->chain = optarg;
			break;
		case 'T':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'm':
			o->model = optarg;
			break;
		case OPT_TEMPLATE:
			o->template = optarg;
			break;
		case OPT_RANKDIR:
			if (!str_eq(optarg, "LR") && !str_eq(optarg, "RL") &&
			    !str_eq(optarg, "TB") && !str_eq(optarg, "BT")) {
				log_error("unknown rankdir '%s' (choose from: "
				    "LR, RL, TB, BT)", optarg);
				goto bad;
			}
			o->rankdir = optarg;
			break;
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_SCHEMA:
			o->schema = optarg;
			break;
		case OPT_TIMEOUT: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 1 ||
			    v > 86400) {
				log_error("--timeout takes seconds, 1 to "
				    "86400, not '%s'", optarg);
				goto bad;
			}
			o->timeout = (int)v;
			break;
		}
		case OPT_COLUMNS:
			o->columns_given = 1;
			if (str_eq(optarg, "doc"))
				o->columns = COLUMNS_DOC;
			else if (str_eq(optarg, "keys"))
				o->columns = COLUMNS_KEYS;
			else if (str_eq(optarg, "all"))
				o->columns = COLUMNS_ALL;
			else {
				log_error("unknown --columns '%s' (choose "
				    "from: doc, keys, all)", optarg);
				goto bad;
			}
			break;
		case OPT_COUNTS:
			o->counts = 1;
			break;
		case OPT_EXACT_COUNTS:
			o->counts = o->exact_counts = 1;
			break;
		case OPT_STATS:
			o->stats = 1;
			break;
		case OPT_OFFLINE:
			o->offline = 1;
			break;
		case OPT_DATA_ID:
		case OPT_TABLE_ID:
			if (o->root_name || o->root_spec) {
				log_error("give one root: --data-id, --table-id "
				    "or --root");
				goto bad;
			}
			o->root_name = c == OPT_DATA_ID ? "data-id" : "table-id";
			o->root_value = optarg;
			break;
		case OPT_ROOT:
			if (o->root_name || o->root_spec) {
				log_error("give one root: --data-id, --table-id "
				    "or --root");
				goto bad;
			}
			o->root_spec = optarg;
			break;
		case OPT_TENANT:
			o->tenant = optarg;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case OPT_UPDATE:
			o->update = optarg;
			break;
		case OPT_SVG_DIR:
			o->svg_dir = optarg;
			break;
		case OPT_ATTRS:
			o->attrs = optarg;
			break;
		case OPT_EXCLUDE:
			o->exclude = optarg;
			break;
		case OPT_NO_COLLAPSE:
			o->no_collapse = 1;
			break;
		case OPT_RELATIONS:
			if (str_eq(optarg, "documented"))
				o->relations = 0;
			else if (str_eq(optarg, "all"))
				o->relations = 1;
			else {
				log_error("unknown --relations '%s' (choose "
				    "from: documented, all)", optarg);
				goto bad;
			}
			break;
		case OPT_HTML_DIR:
			o->html_dir = optarg;
			break;
		case OPT_DEPTH:
		case OPT_MAX_ROWS: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < (c == OPT_DEPTH ?
			    0 : 1) || v > 1000000) {
				log_error("--%s takes a whole number from %d to "
				    "1000000, not '%s'", c == OPT_DEPTH ?
				    "depth" : "max-rows", c == OPT_DEPTH ? 0 : 1,
				    optarg);
				goto bad;
			}
			if (c == OPT_DEPTH)
				o->depth = (int)v;
			else
				o->max_rows = (int)v;
			break;
		}
		case OPT_LIST_CHAINS:
			o->list_chains = 1;
			break;
		case OPT_LIST_ENTITIES:
			o->list_entities = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			buf_free(&shortopts);
			exit(0);
		case 'V':
			print_version();
			buf_free(&shortopts);
			exit(0);
		case ':':
			log_error("option '%s' needs an argument",
			    argv[optind - 1]);
			goto bad;
		default:
			valid = valid_options();
			if (optopt != 0)
				log_error("unknown option '-%c' (valid: %s)",
				    optopt, valid);
			else {
				const char	*a = argv[optind - 1];
				char		*name, hint[80];
				struct suggest	 sg;

				name = xstrndup(a + 2, strcspn(a + 2, "="));
				suggest_init(&sg, name);
				for (i = 0; i < NOPTS; i++)
					suggest_try(&sg, optdefs[i].name);
				if (sg.best != NULL)
					snprintf(hint, sizeof hint, ": did you "
					    "mean '--%s'?", sg.best);
				log_error("unknown option '%s'%s (valid: %s)",
				    a, sg.best ? hint : "", valid);
				free(name);
			}
			free(valid);
			goto bad;
		}
	}
	/* The command may come after options: `mdgraph --db X check`. */
	if (optind < argc && o->cmd == CMD_DRAW && !cmd_given &&
	    (str_eq(argv[optind], "doc") || str_eq(argv[optind], "check"))) {
		o->cmd = str_eq(argv[optind], "doc") ? CMD_DOC : CMD_CHECK;
		cmd_given = 1;
		optind++;
		goto again;
	}
	buf_free(&shortopts);
	if (optind < argc) {
		if (str_eq(argv[optind], "doc") || str_eq(argv[optind], "check"))
			log_error("unexpected argument '%s': give one command, "
			    "doc or check", argv[optind]);
		else
			log_error("unexpected argument '%s' (commands: doc, "
			    "check; see 'mdgraph --help')", argv[optind]);
		return -1;
	}
	if (o->cmd == CMD_DOC && (o->chain || o->format || o->list_chains)) {
		log_error("doc takes no --chain, --format or --list-chains");
		return -1;
	}
	if (o->cmd != CMD_DOC && (o->template || o->check || o->update ||
	    o->svg_dir || o->html_dir)) {
		log_error("--template, --check, --update, --svg-dir and "
		    "--html-dir go with the doc command");
		return -1;
	}
	if (o->cmd == CMD_DOC && o->update && (o->output || o->template)) {
		log_error("doc --update FILE rewrites FILE: no -o or --template");
		return -1;
	}
	if (o->cmd == CMD_DOC && o->check && !o->update &&
	    (o->output == NULL || str_eq(o->output, "-"))) {
		log_error("doc --check compares with a file: give -o FILE or "
		    "--update FILE");
		return -1;
	}
	if (o->cmd == CMD_CHECK && o->format != NULL &&
	    (format_named(o->format) == NULL ||
	    format_named(o->format)->check == NULL)) {
		char *names = format_names('c');

		log_error("check: unknown format '%s' (choose from: %s)",
		    o->format, names);
		free(names);
		return -1;
	}
	if ((o->tenant || o->depth >= 0) && !o->root_name && !o->root_spec) {
		log_error("--tenant and --depth go with a root: --data-id, "
		    "--table-id or --root");
		return -1;
	}
	if (o->cmd == CMD_DOC && (o->root_name || o->root_spec)) {
		log_error("--data-id, --table-id and --root draw instance "
		    "diagrams: not with doc");
		return -1;
	}
	if ((o->attrs || o->no_collapse) && !o->root_name && !o->root_spec) {
		log_error("--attrs and --no-collapse go with a root: --data-id, "
		    "--table-id or --root");
		return -1;
	}
	if (o->db != NULL && o->offline) {
		log_error("--db and --offline contradict each other");
		return -1;
	}
	if ((o->columns_given || o->counts) && o->cmd != CMD_CHECK &&
	    !wants_db(o)) {
		log_error("--columns and --counts read a live database: give "
		    "--db CONNINFO or set PGDATABASE");
		return -1;
	}
	return 0;
bad:
	buf_free(&shortopts);
	return -1;
}

/* Does the format write this kind of output: 's'chema, 'i'nstance? */
static int
writes(const struct format *f, int what)
{
	return what == 's' ? f->schema != NULL : f->instance != NULL;
}

/*
 * f, unless it contradicts -o's extension (-T svg -o x.png) or would
 * dump binary data on a terminal.
 */
static const struct format *
agrees_with_output(const struct opts *o, const struct format *f)
{
	const struct format	*ext;
	const int		 to_stdout = o->output == NULL ||
				    str_eq(o->output, "-");

	if (!to_stdout && (ext = format_for_path(o->output)) != NULL &&
	    ext != f) {
		log_error("-T %s contradicts -o %s, whose extension says %s: "
		    "drop -T%s%s", f->name, o->output, ext->name,
		    f->exts[0] ? ", or name the file *" : "",
		    f->exts[0] ? f->exts[0] : "");
		return NULL;
	}
	if (to_stdout && f->binary && isatty(STDOUT_FILENO)) {
		log_error("-T %s is binary and standard output is a terminal: "
		    "give -o FILE.%s or redirect standard output", f->name,
		    f->name);
		return NULL;
	}
	return f;
}

/*
 * The format of a diagram ('s'chema or 'i'nstance), from -T or -o's
 * extension; an instance diagram on a terminal is a tree.
 */
static const struct format *
pick_format(const struct opts *o, int what)
{
	const struct format	*f;
	char			*names;

	if (o->format != NULL) {
		if ((f = format_named(o->format)) != NULL && writes(f, what))
			return agrees_with_output(o, f);
		names = format_names(what);
		if (f != NULL && f->instance != NULL && what == 's')
			log_error("-T %s draws instance diagrams: give --data-id, "
			    "--table-id or --root", f->name);
		else if (f != NULL)
			log_error("-T %s is not for %s (choose from: %s)", f->name,
			    what == 's' ? "a schema diagram" : f->check ?
			    "a diagram: it is check's report" :
			    "an instance diagram", names);
		else
			log_error("unknown format '%s' (choose from: %s)",
			    o->format, names);
		free(names);
		return NULL;
	}
	if (o->output == NULL || str_eq(o->output, "-"))
		return format_named(what == 'i' && isatty(STDOUT_FILENO) ?
		    "tree" : "mermaid");
	if ((f = format_for_path(o->output)) != NULL && writes(f, what))
		return agrees_with_output(o, f);
	names = format_names(what);
	log_error("cannot tell the format of '%s' from its extension: "
	    "give -T FORMAT (%s)", o->output, names);
	free(names);
	return NULL;
}

/* A comma-separated list, as words (allocated). */
static size_t
split_list(const char *s, char ***out)
{
	char		**v = NULL;
	const char	 *p, *e;
	size_t		  n = 0, cap = 0;

	for (p = s; ; p = e + 1) {
		e = strchr(p, ',');
		if ((e ? (size_t)(e - p) : strlen(p)) > 0)
			VEC_PUSH(v, n, cap, e ? xstrndup(p, (size_t)(e - p)) :
			    xstrdup(p));
		if (e == NULL)
			break;
	}
	*out = v;
	return n;
}

/*
 * The chains of --chain LIST; none for all.  `dflt` when not given:
 * "main", or "all".
 */
static int
pick_chains(const struct opts *o, const struct mdg_model *m, const char *dflt,
    const struct mdg_chain ***out, size_t *n)
{
	const struct mdg_chain	**v;
	char			**names, *all;
	size_t			  nn, i;

	nn = split_list(o->chain ? o->chain : dflt, &names);
	v = xcalloc(nn + 1, sizeof *v);
	*n = 0;
	for (i = 0; i < nn; i++) {
		if (str_eq(names[i], "all")) {
			if (nn > 1) {
				log_error("--chain all stands alone, not in a "
				    "list");
				goto bad;
			}
			break;
		}
		if ((v[*n] = model_chain(m, names[i])) == NULL) {
			struct suggest	sg;
			size_t		j;
			char		hint[160];

			suggest_init(&sg, names[i]);
			for (j = 0; j < m->nchains; j++)
				suggest_try(&sg, m->chains[j]->name);
			all = model_chain_names(m);
			log_error("unknown chain '%s'%s (choose from: %s, all)",
			    names[i], suggestion(&sg, hint, sizeof hint), all);
			free(all);
			goto bad;
		}
		(*n)++;
	}
	if (nn == 0) {
		log_error("--chain takes chain names, not '%s'", o->chain);
		goto bad;
	}
	strv_free(names, nn);
	*out = v;
	return 0;
bad:
	strv_free(names, nn);
	free(v);
	return -1;
}

/* ": did you mean 'Entity'?" for a name the model lacks, or "". */
static const char *
entity_suggestion(const struct mdg_model *m, const char *name, char *buf,
    size_t size)
{
	struct suggest	sg;
	size_t		i;

	suggest_init(&sg, name);
	for (i = 0; i < m->nentities; i++)
		suggest_try(&sg, m->entities[i]->name);
	return suggestion(&sg, buf, size);
}

/* The entities of --exclude LIST. */
static int
pick_excluded(const struct opts *o, const struct mdg_model *m,
    const struct mdg_entity ***out, size_t *n)
{
	char	**names;
	size_t	  nn, i;

	*out = NULL;
	*n = 0;
	if (o->exclude == NULL)
		return 0;
	nn = split_list(o->exclude, &names);
	*out = xcalloc(nn + 1, sizeof **out);
	for (i = 0; i < nn; i++) {
		if (((*out)[i] = model_entity(m, names[i])) == NULL) {
			char hint[160];

			log_error("--exclude: the model has no entity '%s'%s",
			    names[i], entity_suggestion(m, names[i], hint,
			    sizeof hint));
			strv_free(names, nn);
			free(*out);
			*out = NULL;
			return -1;
		}
	}
	*n = nn;
	strv_free(names, nn);
	return 0;
}

/* The live side of a run: a session and what the catalog said. */
struct live {
	struct db		*db;
	struct db_schema	*schema;
};

/* Whether this run reads a database: --db, or the environment. */
static int
wants_db(const struct opts *o)
{
	return o->db != NULL || (!o->offline && db_env_set());
}

/* When the environment alone chose the database, say how to do without. */
static void
env_hint(const struct opts *o)
{
	if (o->db == NULL)
		log_hint("the database came from PGDATABASE or PGSERVICE: "
		    "--offline draws from the model alone");
}

/* Does the schema hold any table of the model? */
static int
any_table(const struct mdg_model *m, const struct db_schema *s)
{
	size_t i;

	for (i = 0; i < m->nentities; i++)
		if (db_entity_table(s, m->entities[i]) != NULL)
			return 1;
	return 0;
}

/* A table to name: the data-id root's, else the first mapped. */
static const char *
first_table(const struct mdg_model *m)
{
	const struct mdg_root	*r = model_root(m, "data-id");
	size_t			 i;

	if (r != NULL && r->entity->table != NULL)
		return r->entity->table;
	for (i = 0; i < m->nentities; i++)
		if (m->entities[i]->table != NULL)
			return m->entities[i]->table;
	return "";
}

static int
live_open(struct live *l, const struct opts *o, const struct mdg_model *m)
{
	struct db_opts	 dbo;
	char		*cause = NULL;

	memset(l, 0, sizeof *l);
	memset(&dbo, 0, sizeof dbo);
	dbo.timeout = o->timeout;
	secret_note(o->db);
	if (db_open(&l->db, o->db, &dbo, &cause) != 0 ||
	    db_introspect(l->db, o->schema ? o->schema : l->db->schema ?
	    l->db->schema : m->schema, &l->schema, &cause) != 0 ||
	    (o->exact_counts && db_exact_counts(l->db, l->schema, m,
	    &cause) != 0)) {
		log_error("%s", cause);
		free(cause);
		env_hint(o);
		db_schema_free(l->schema);
		db_close(l->db);
		return -1;
	}
	if (!any_table(m, l->schema)) {
		/* Not a bk-monitor database, or the wrong schema. */
		log_error("database %s, schema %s has none of the model's "
		    "tables (%s...): give the bk-monitor database with --db, or "
		    "its schema with --schema", l->db->dbname ? l->db->dbname :
		    "(default)", l->schema->name, first_table(m));
		env_hint(o);
		db_schema_free(l->schema);
		db_close(l->db);
		return -1;
	}
	return 0;
}

static void
live_close(struct live *l, const struct opts *o)
{
	if (o->stats && l->db != NULL)
		fprintf(stderr, "mdgraph: stats: %d queries (%d catalog), "
		    "%lld rows, %zu tables\n", l->db->queries, l->db->catalog,
		    l->db->rows, l->schema ? l->schema->ntables : (size_t)0);
	db_schema_free(l->schema);
	db_close(l->db);
}

/*
 * Each chain's name, title and entity count (the extra chains too with
 * --relations all) on standard output; how much of the model is drawn
 * and listed on standard error.
 */
static void
list_chains(struct buf *out, const struct mdg_model *m, int all)
{
	const struct mdg_chain	*c;
	unsigned char		*on;	/* by entity: 1 documented, 2 extra,
					   3 listed */
	size_t			 i, j, n[4] = { 0, 0, 0, 0 }, models = 0;

	for (i = 0; i < m->nchains; i++)
		if (!m->chains[i]->extra || all)
			buf_printf(out, "%s\t%s\t%zu%s\n", m->chains[i]->name,
			    m->chains[i]->title, m->chains[i]->nentities,
			    m->chains[i]->extra ? "\textra" : "");
	/* One pass over the chains and lists, not one per entity. */
	on = xcalloc(m->nentities + 1, 1);
	for (i = 0; i < m->nchains; i++) {
		c = m->chains[i];
		for (j = 0; !c->extra && j < c->nentities; j++)
			on[c->entities[j]->index] = 1;
	}
	for (i = 0; i < m->nchains; i++) {
		c = m->chains[i];
		for (j = 0; j < c->nentities; j++)
			if (on[c->entities[j]->index] == 0)
				on[c->entities[j]->index] = 2;
		for (j = 0; j < c->nrels; j++) {
			if (on[c->rels[j]->left->index] == 0)
				on[c->rels[j]->left->index] = 2;
			if (on[c->rels[j]->right->index] == 0)
				on[c->rels[j]->right->index] = 2;
		}
	}
	for (i = 0; i < m->nlists; i++)
		for (j = 0; j < m->lists[i]->nitems; j++)
			if (on[m->lists[i]->items[j].entity->index] == 0)
				on[m->lists[i]->items[j].entity->index] = 3;
	for (i = 0; i < m->nentities; i++) {
		if (m->entities[i]->table == NULL)
			continue;	/* abstract: no table */
		models++;
		n[on[i]]++;
	}
	free(on);
	/* For the reader, not for scripts: standard output stays a table. */
	fprintf(stderr, "mdgraph: %zu models with a table: %zu on the "
	    "document's chains, %zu only on what it leaves out (--relations "
	    "all), %zu listed\n", models, n[1], n[2], n[3]);
}

static int
write_output(const struct opts *o, const struct buf *b)
{
	char *cause = NULL;

	if (file_write_atomic(o->output, b->data, b->len, &cause) != 0) {
		log_error("cannot write %s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* A view of the chosen chains without the excluded entities. */
static struct mdg_view *
chosen_view(const struct opts *o, const struct mdg_model *m,
    const struct mdg_chain *const *chains, size_t nchains,
    const struct mdg_entity *const *ex, size_t nex)
{
	struct mdg_view	*v = view_new_opts(m, chains, nchains,
			    o->relations == 1);

	if (nex > 0)
		view_exclude(v, ex, nex);
	return v;
}

static int
cmd_draw(const struct opts *o, const struct mdg_model *m)
{
	const int		 instance = o->root_name || o->root_spec;
	const struct mdg_chain	**chains = NULL;
	const struct mdg_entity	**ex = NULL;
	const struct format	*fmt;
	struct emit_opts	 eo;
	struct mdg_view		*view;
	struct buf		 out;
	char			*cause = NULL;
	size_t			 nchains, nex;
	int			 rc = EXIT_USAGE;

	if (pick_chains(o, m, instance ? "all" : "main", &chains,
	    &nchains) != 0)
		return EXIT_USAGE;
	if (pick_excluded(o, m, &ex, &nex) != 0 ||
	    (fmt = pick_format(o, instance ? 'i' : 's')) == NULL) {
		free(chains);
		return EXIT_USAGE;
	}
	if (instance) {
		rc = cmd_instance(o, m, chains, nchains, fmt);
		free(chains);
		free(ex);
		return rc;
	}

	buf_init(&out);
	view = chosen_view(o, m, chains, nchains, ex, nex);
	if (wants_db(o)) {
		struct live l;

		if (live_open(&l, o, m) != 0)
			goto out;
		view_apply_db(view, l.schema, o->columns, o->counts);
		live_close(&l, o);
	}
	memset(&eo, 0, sizeof eo);
	eo.format = fmt->name;
	eo.rankdir = o->rankdir;
	if (fmt->schema(&out, view, &eo, &cause) != 0) {
		log_error("%s", cause);
		free(cause);
	} else if (write_output(o, &out) == 0)
		rc = 0;
out:
	view_free(view);
	buf_free(&out);
	free(chains);
	free(ex);
	return rc;
}

/* The command line without --check, quoted for a shell. */
static char *
regenerate_command(const struct opts *o)
{
	struct buf	 b;
	const char	*p;
	char		*a;
	int		 i;

	buf_init(&b);
	buf_puts(&b, "mdgraph");
	for (i = 1; i < o->argc; i++) {
		if (str_eq(o->argv[i], "--check"))
			continue;
		a = mask_secrets(o->argv[i]);	/* before quoting */
		buf_putc(&b, ' ');
		if (a[0] != '\0' && strspn(a, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@+*") ==
		    strlen(a)) {
			buf_puts(&b, a);
			free(a);
			continue;
		}
		buf_putc(&b, '\'');
		for (p = a; *p != '\0'; p++) {
			if (*p == '\'')
				buf_puts(&b, "'\\''");
			else
				buf_putc(&b, *p);
		}
		buf_putc(&b, '\'');
		free(a);
	}
	return buf_detach(&b);
}

/*
 * doc --check: compare what would be written with what is there.  Prints
 * a unified diff per stale file; returns how many are stale, or -1.
 */
static int
doc_compare(const char *path, const struct buf *want)
{
	char	*have = NULL, *cause = NULL;
	size_t	 len = 0;
	int	 same;

	same = file_read(path, &have, &len, &cause) == 0 &&
	    len == want->len && memcmp(have, want->data, len) == 0;
	free(have);
	free(cause);
	if (same)
		return 0;
	cause = NULL;
	if (doc_diff(path, want->data, want->len, &cause) != 0) {
		log_error("%s", cause);
		free(cause);
		return -1;
	}
	return 1;
}

static int
cmd_doc(const struct opts *o, const struct mdg_model *m)
{
	const char	*tmpl = (const char *)embedded_doc_template;
	const char	*target = o->update ? o->update : o->output;
	size_t		 len = embedded_doc_template_len, i;
	char		*text = NULL, *cause = NULL, *cmd;
	struct doc_opts	 d;
	struct live	 l;
	struct buf	 out;
	int		 rc = EXIT_USAGE, stale = 0, r, have_live = 0;

	memset(&d, 0, sizeof d);
	d.model = m;
	d.svg_dir = o->svg_dir;
	d.html_dir = o->html_dir;
	d.doc_path = target && !str_eq(target, "-") ? target : NULL;
	if (o->update != NULL || o->template != NULL) {
		const char *src = o->update ? o->update : o->template;

		if (file_read(src, &text, &len, &cause) != 0) {
			log_error("cannot read %s", cause);
			free(cause);
			return EXIT_USAGE;
		}
		tmpl = text;
	}
	if (wants_db(o)) {
		if (live_open(&l, o, m) != 0) {
			free(text);
			return EXIT_USAGE;
		}
		d.live = l.schema;
		have_live = 1;
	}
	buf_init(&out);
	r = o->update ? doc_update(&out, &d, tmpl, len, o->update, &cause) :
	    doc_render(&out, &d, tmpl, len, o->template ? o->template :
	    "(built-in template)", &cause);
	if (r != 0) {
		log_error("%s", cause);
		free(cause);
		goto out;
	}
	if (o->check) {
		for (i = 0; i < d.nfiles && stale >= 0; i++)
			if ((r = doc_compare(d.files[i].path,
			    &d.files[i].data)) != 0)
				stale = r < 0 ? -1 : stale + 1;
		if (stale >= 0 && (r = doc_compare(target, &out)) != 0)
			stale = r < 0 ? -1 : stale + 1;
		if (stale < 0)
			goto out;
		if (stale > 0) {
			cmd = regenerate_command(o);
			log_error("%s is stale: run '%s' to regenerate it",
			    target, cmd);
			free(cmd);
			rc = EXIT_NO;
		} else
			rc = 0;
		goto out;
	}
	if (o->svg_dir != NULL && mkdir_p(o->svg_dir, &cause) != 0) {
		log_error("cannot make --svg-dir %s", cause);
		free(cause);
		goto out;
	}
	if (o->html_dir != NULL && mkdir_p(o->html_dir, &cause) != 0) {
		log_error("cannot make --html-dir %s", cause);
		free(cause);
		goto out;
	}
	for (i = 0; i < d.nfiles; i++) {
		if (file_write_atomic(d.files[i].path, d.files[i].data.data,
		    d.files[i].data.len, &cause) != 0) {
			log_error("cannot write %s", cause);
			free(cause);
			goto out;
		}
	}
	if (o->update ? file_write_atomic(o->update, out.data, out.len,
	    &cause) == 0 : write_output(o, &out) == 0)
		rc = 0;
	else if (o->update) {
		log_error("cannot write %s", cause);
		free(cause);
	}
out:
	if (have_live)
		live_close(&l, o);
	doc_opts_free(&d);
	buf_free(&out);
	free(text);
	return rc;
}

/* The root of an instance diagram, from --data-id, --table-id or --root. */
static int
pick_root(const struct opts *o, const struct mdg_model *m,
    struct sample_opts *so, char **column, char **value)
{
	const struct mdg_root	*root;
	const char		*colon, *eq;
	char			*name;

	if (o->root_name != NULL) {
		if ((root = model_root(m, o->root_name)) == NULL) {
			log_error("the model defines no root '%s': add 'root %s "
			    "Entity.column' to it", o->root_name, o->root_name);
			return -1;
		}
		so->root = root->entity;
		*column = xstrdup(root->column);
		*value = xstrdup(o->root_value);
		return 0;
	}
	colon = strchr(o->root_spec, ':');
	eq = colon ? strchr(colon, '=') : NULL;
	if (colon == NULL || eq == NULL || eq == colon + 1) {
		log_error("--root takes ENTITY:COLUMN=VALUE, not '%s'",
		    o->root_spec);
		return -1;
	}
	name = xstrndup(o->root_spec, (size_t)(colon - o->root_spec));
	so->root = model_entity(m, name);
	if (so->root == NULL) {
		char hint[160];

		log_error("--root: the model has no entity '%s'%s", name,
		    entity_suggestion(m, name, hint, sizeof hint));
		free(name);
		return -1;
	}
	free(name);
	*column = xstrndup(colon + 1, (size_t)(eq - colon - 1));
	*value = xstrdup(eq + 1);
	return 0;
}

/*
 * Progress of a long instance run, on standard error when it is a
 * terminal (and not --quiet), once the run has taken a second: one line,
 * rewritten in place and cleared when the run ends.
 */
struct progress {
	const struct db	*db;
	struct timespec	 start;
	int		 shown;
};

static double
seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void
progress_show(void *arg, int layer, int layers)
{
	struct progress *p = arg;

	if (!p->shown && seconds_since(&p->start) < 1.0)
		return;
	fprintf(stderr, "\rmdgraph: layer %d of %d fetched, %lld rows so "
	    "far\033[K", layer, layers, p->db->rows);
	fflush(stderr);
	p->shown = 1;
}

static void
progress_end(const struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
}

/*
 * Sample the instance a root names, from a live session.  Returns 0,
 * EXIT_NO (no such root), or EXIT_USAGE, each said on stderr.
 */
static int
instance_of(const struct opts *o, const struct mdg_model *m,
    const struct mdg_chain *const *chains, size_t nchains, struct live *l,
    struct instance **in)
{
	const struct mdg_entity	**ex = NULL;
	struct sample_opts	 so;
	struct progress		 pr;
	char			**attrs = NULL, *column = NULL, *value = NULL;
	char			*cause = NULL, *warning = NULL;
	size_t			 nattrs = 0, nex = 0;
	int			 rc = EXIT_USAGE, r;

	*in = NULL;
	memset(&so, 0, sizeof so);
	if (pick_root(o, m, &so, &column, &value) != 0 ||
	    pick_excluded(o, m, &ex, &nex) != 0)
		goto out;
	if (!wants_db(o)) {
		log_error("an instance diagram reads live rows: give --db "
		    "CONNINFO or set PGDATABASE");
		goto out;
	}
	if (o->attrs != NULL)
		nattrs = split_list(o->attrs, &attrs);
	so.column = column;
	so.value = value;
	so.tenant = o->tenant;
	so.depth = o->depth;
	so.max_rows = o->max_rows;
	so.chains = chains;
	so.nchains = nchains;
	so.exclude = ex;
	so.nexclude = nex;
	so.columns = o->columns;
	so.attrs = (const char *const *)attrs;
	so.nattrs = nattrs;
	so.relations_all = o->relations != 0;
	memset(&pr, 0, sizeof pr);
	clock_gettime(CLOCK_MONOTONIC, &pr.start);
	if (live_open(l, o, m) != 0)
		goto out;
	if (!o->quiet && isatty(STDERR_FILENO)) {
		pr.db = l->db;
		so.progress = progress_show;
		so.progress_arg = &pr;
	}
	r = sample_run(l->db, l->schema, m, &so, in, &warning, &cause);
	progress_end(&pr);
	if (r != 0) {
		log_error("%s", cause);
		free(cause);
		rc = r > 0 ? EXIT_NO : EXIT_USAGE;
		live_close(l, o);
		goto out;
	}
	if (warning != NULL) {
		log_error("%s", warning);
		free(warning);
	}
	/*
	 * What could not be read is said, whatever the format, inert: a
	 * note can quote the database's values.
	 */
	for (size_t i = 0; i < (*in)->nnotes; i++) {
		struct buf t;

		buf_init(&t);
		tty_escape(&t, (*in)->notes[i].text);
		log_error("%s", t.data);
		buf_free(&t);
	}
	rc = 0;
out:
	strv_free(attrs, nattrs);
	free(ex);
	free(column);
	free(value);
	return rc;
}

static int
cmd_instance(const struct opts *o, const struct mdg_model *m,
    const struct mdg_chain *const *chains, size_t nchains,
    const struct format *fmt)
{
	struct emit_opts	 eo;
	struct instance		*in = NULL;
	struct live		 l;
	struct buf		 out;
	struct out		 dst;
	char			*cause = NULL;
	int			 rc;

	if ((rc = instance_of(o, m, chains, nchains, &l, &in)) != 0)
		return rc;
	rc = EXIT_USAGE;
	buf_init(&out);
	memset(&eo, 0, sizeof eo);
	eo.format = fmt->name;
	eo.rankdir = o->rankdir;
	eo.no_collapse = o->no_collapse;
	eo.color = str_eq(fmt->name, "tree") && (o->output == NULL ||
	    str_eq(o->output, "-")) && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	/* Written as it is made: the writers spill to dst as they go. */
	if (out_open(&dst, o->output, &cause) != 0) {
		log_error("cannot write %s", cause);
		free(cause);
		goto out;
	}
	out.sink = &dst;
	if (fmt->instance(&out, in, &eo, &cause) != 0) {
		out_abort(&dst);
		log_error("%s", cause);
		free(cause);
		goto out;
	}
	out_write(&dst, out.data, out.len);
	if (out_commit(&dst, &cause) != 0) {
		log_error("cannot write %s", cause);
		free(cause);
	} else
		rc = 0;
out:
	live_close(&l, o);
	instance_free(in);
	buf_free(&out);
	return rc;
}

static int
cmd_check(const struct opts *o, const struct mdg_model *m)
{
	const struct format *fmt = format_named(o->format ? o->format :
			    "text");
	const struct mdg_chain **chains = NULL;
	const struct mdg_entity **ex = NULL;
	struct mdg_view	*view = NULL;
	struct instance	*in = NULL;
	struct emit_opts eo;
	struct findings	 f;
	struct live	 l;
	struct buf	 out;
	char		*cause = NULL;
	size_t		 nchains, nex;
	int		 rc = EXIT_USAGE, r;

	if (!wants_db(o)) {
		log_error("check needs a database: give --db CONNINFO or set "
		    "PGDATABASE");
		return EXIT_USAGE;
	}
	if (pick_chains(o, m, "all", &chains, &nchains) != 0)
		return EXIT_USAGE;
	if (pick_excluded(o, m, &ex, &nex) != 0) {
		free(chains);
		return EXIT_USAGE;
	}
	buf_init(&out);
	if (o->root_name != NULL || o->root_spec != NULL) {
		/* check --data-id N: the findings of that instance only. */
		if ((rc = instance_of(o, m, chains, nchains, &l, &in)) != 0)
			goto done;
		rc = EXIT_USAGE;
		check_instance(in, &f);
		r = 0;
	} else {
		if (live_open(&l, o, m) != 0)
			goto done;
		view = chosen_view(o, m, chains, nchains, ex, nex);
		r = check_run(l.db, view, l.schema, &f, &cause);
	}
	if (r != 0) {
		log_error("%s", cause);
		free(cause);
	} else {
		memset(&eo, 0, sizeof eo);
		eo.format = fmt->name;
		if (fmt->check(&out, &f, l.schema, &eo, &cause) != 0) {
			log_error("%s", cause);
			free(cause);
		} else if (write_output(o, &out) == 0)
			rc = findings_counted(&f) > 0 ? EXIT_NO : 0;
		findings_free(&f);
	}
	live_close(&l, o);
done:
	instance_free(in);
	view_free(view);
	free(chains);
	free(ex);
	buf_free(&out);
	return rc;
}

/* --model -: the model from standard input. */
static struct mdg_model *
model_stdin(char **cause)
{
	struct mdg_model	*m;
	struct buf		 b;
	char			 chunk[8192];
	size_t			 n;

	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		*cause = xstrdup("cannot read the model from standard input");
		buf_free(&b);
		return NULL;
	}
	m = model_parse(b.data ? b.data : "", b.len, "(standard input)", cause);
	buf_free(&b);
	return m;
}

int
main(int argc, char **argv)
{
	struct opts		 o;
	struct mdg_model	*m;
	char			*cause = NULL;
	int			 rc;

	if (parse_args(argc, argv, &o) != 0)
		return EXIT_USAGE;
	m = o.model == NULL ? model_builtin(&cause) : str_eq(o.model, "-") ?
	    model_stdin(&cause) : model_load(o.model, &cause);
	if (m == NULL) {
		log_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (o.list_chains || o.list_entities) {
		struct buf out;
		size_t i;

		buf_init(&out);
		if (o.list_chains)
			list_chains(&out, m, o.relations == 1);
		else
			for (i = 0; i < m->nentities; i++)
				buf_printf(&out, "%s\n", m->entities[i]->name);
		rc = write_output(&o, &out) == 0 ? 0 : EXIT_USAGE;
		buf_free(&out);
	} else if (o.cmd == CMD_DOC)
		rc = cmd_doc(&o, m);
	else if (o.cmd == CMD_CHECK)
		rc = cmd_check(&o, m);
	else
		rc = cmd_draw(&o, m);
	model_free(m);
	render_cleanup();
	return rc;
}
