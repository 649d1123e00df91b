/*
 * lib.h -- MariaDB Connector/C, loaded on first use (dynlib.h): its
 * functions are called through a table, and the macros below keep the
 * call sites plain: mysql_close(c) calls the loaded mysql_close.
 * Connector/C talks to MySQL 5.7, MySQL 8 and MariaDB alike.
 */
#ifndef MDG_MYSQL_LIB_H
#define MDG_MYSQL_LIB_H

#include <mysql.h>

#define MY_FUNCS(X)							\
	X(MYSQL *, mysql_init, (MYSQL *))				\
	X(int, mysql_options, (MYSQL *, enum mysql_option, const void *)) \
	X(int, mysql_optionsv, (MYSQL *, enum mysql_option, ...))	\
	X(MYSQL *, mysql_real_connect, (MYSQL *, const char *,		\
	    const char *, const char *, const char *, unsigned int,	\
	    const char *, unsigned long))				\
	X(int, mysql_real_query, (MYSQL *, const char *, unsigned long))	\
	X(const char *, mysql_error, (MYSQL *))				\
	X(unsigned int, mysql_errno, (MYSQL *))				\
	X(void, mysql_close, (MYSQL *))					\
	X(const char *, mysql_get_server_info, (MYSQL *))		\
	X(unsigned long, mysql_get_server_version, (MYSQL *))		\
	X(const char *, mysql_get_client_info, (void))			\
	X(const char *, mysql_character_set_name, (MYSQL *))		\
	X(const char *, mysql_get_ssl_cipher, (MYSQL *))		\
	X(const char *, mysql_get_host_info, (MYSQL *))			\
	X(int, mysql_set_character_set, (MYSQL *, const char *))	\
	X(my_bool, mysql_ssl_set, (MYSQL *, const char *, const char *,	\
	    const char *, const char *, const char *))			\
	X(MYSQL_STMT *, mysql_stmt_init, (MYSQL *))			\
	X(int, mysql_stmt_prepare, (MYSQL_STMT *, const char *,		\
	    unsigned long))						\
	X(my_bool, mysql_stmt_bind_param, (MYSQL_STMT *, MYSQL_BIND *))	\
	X(my_bool, mysql_stmt_bind_result, (MYSQL_STMT *, MYSQL_BIND *)) \
	X(int, mysql_stmt_execute, (MYSQL_STMT *))			\
	X(int, mysql_stmt_fetch, (MYSQL_STMT *))			\
	X(int, mysql_stmt_fetch_column, (MYSQL_STMT *, MYSQL_BIND *,	\
	    unsigned int, unsigned long))				\
	X(unsigned int, mysql_stmt_field_count, (MYSQL_STMT *))		\
	X(my_bool, mysql_stmt_close, (MYSQL_STMT *))			\
	X(const char *, mysql_stmt_error, (MYSQL_STMT *))		\
	X(unsigned int, mysql_stmt_errno, (MYSQL_STMT *))

#define MY_MEMBER(ret, name, args) ret (*name) args;
struct my_api {
	MY_FUNCS(MY_MEMBER)
};
#undef MY_MEMBER

extern struct my_api my_api;

/* Load Connector/C once.  Returns 0, or -1 with *cause set (allocated). */
int	my_load(char **cause);

#ifndef MDG_MY_NO_MACROS
#define mysql_init		(*my_api.mysql_init)
#define mysql_options		(*my_api.mysql_options)
#define mysql_optionsv		(*my_api.mysql_optionsv)
#define mysql_real_connect	(*my_api.mysql_real_connect)
#define mysql_real_query	(*my_api.mysql_real_query)
#define mysql_error		(*my_api.mysql_error)
#define mysql_errno		(*my_api.mysql_errno)
#define mysql_close		(*my_api.mysql_close)
#define mysql_get_server_info	(*my_api.mysql_get_server_info)
#define mysql_get_server_version (*my_api.mysql_get_server_version)
#define mysql_get_client_info	(*my_api.mysql_get_client_info)
#define mysql_character_set_name (*my_api.mysql_character_set_name)
#define mysql_get_ssl_cipher	(*my_api.mysql_get_ssl_cipher)
#define mysql_get_host_info	(*my_api.mysql_get_host_info)
#define mysql_set_character_set	(*my_api.mysql_set_character_set)
#define mysql_ssl_set		(*my_api.mysql_ssl_set)
#define mysql_stmt_init		(*my_api.mysql_stmt_init)
#define mysql_stmt_prepare	(*my_api.mysql_stmt_prepare)
#define mysql_stmt_bind_param	(*my_api.mysql_stmt_bind_param)
#define mysql_stmt_bind_result	(*my_api.mysql_stmt_bind_result)
#define mysql_stmt_execute	(*my_api.mysql_stmt_execute)
#define mysql_stmt_fetch	(*my_api.mysql_stmt_fetch)
#define mysql_stmt_fetch_column	(*my_api.mysql_stmt_fetch_column)
#define mysql_stmt_field_count	(*my_api.mysql_stmt_field_count)
#define mysql_stmt_close	(*my_api.mysql_stmt_close)
#define mysql_stmt_error	(*my_api.mysql_stmt_error)
#define mysql_stmt_errno	(*my_api.mysql_stmt_errno)
#endif

#endif
