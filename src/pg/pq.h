/*
 * pq.h -- libpq, loaded on first use (dynlib.h): its functions are
 * called through a table, and the macros below keep the call sites
 * plain: PQclear(res) calls the loaded PQclear.
 */
#ifndef MDG_PQ_H
#define MDG_PQ_H

#include <libpq-fe.h>

#define PQ_FUNCS(X)							\
	X(PGconn *, PQconnectdbParams, (const char *const *,		\
	    const char *const *, int))					\
	X(ConnStatusType, PQstatus, (const PGconn *))			\
	X(char *, PQerrorMessage, (const PGconn *))			\
	X(void, PQfinish, (PGconn *))					\
	X(PGresult *, PQexec, (PGconn *, const char *))			\
	X(PGresult *, PQexecParams, (PGconn *, const char *, int,	\
	    const Oid *, const char *const *, const int *, const int *,	\
	    int))							\
	X(ExecStatusType, PQresultStatus, (const PGresult *))		\
	X(char *, PQresultErrorField, (const PGresult *, int))		\
	X(void, PQclear, (PGresult *))					\
	X(int, PQntuples, (const PGresult *))				\
	X(char *, PQgetvalue, (const PGresult *, int, int))		\
	X(int, PQgetisnull, (const PGresult *, int, int))		\
	X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *)) \
	X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *,		\
	    PQnoticeProcessor, void *))					\
	X(int, PQsendQueryParams, (PGconn *, const char *, int,		\
	    const Oid *, const char *const *, const int *, const int *,	\
	    int))							\
	X(int, PQconsumeInput, (PGconn *))				\
	X(int, PQisBusy, (PGconn *))					\
	X(PGresult *, PQgetResult, (PGconn *))				\
	X(int, PQsocket, (const PGconn *))				\
	X(int, PQsetnonblocking, (PGconn *, int))			\
	X(int, PQflush, (PGconn *))					\
	X(char *, PQdb, (const PGconn *))				\
	X(int, PQsetSingleRowMode, (PGconn *))				\
	X(int, PQlibVersion, (void))

#define PQ_MEMBER(ret, name, args) ret (*name) args;
struct pq_api {
	PQ_FUNCS(PQ_MEMBER)
};
#undef PQ_MEMBER

extern struct pq_api pq_api;

/* Load libpq once.  Returns 0, or -1 with *cause set (allocated). */
int	pq_load(char **cause);

#ifndef MDG_PQ_NO_MACROS
#define PQconnectdbParams	(*pq_api.PQconnectdbParams)
#define PQstatus		(*pq_api.PQstatus)
#define PQerrorMessage		(*pq_api.PQerrorMessage)
#define PQfinish		(*pq_api.PQfinish)
#define PQexec			(*pq_api.PQexec)
#define PQexecParams		(*pq_api.PQexecParams)
#define PQresultStatus		(*pq_api.PQresultStatus)
#define PQresultErrorField	(*pq_api.PQresultErrorField)
#define PQclear			(*pq_api.PQclear)
#define PQntuples		(*pq_api.PQntuples)
#define PQgetvalue		(*pq_api.PQgetvalue)
#define PQgetisnull		(*pq_api.PQgetisnull)
#define PQtransactionStatus	(*pq_api.PQtransactionStatus)
#define PQsetNoticeProcessor	(*pq_api.PQsetNoticeProcessor)
#define PQsendQueryParams	(*pq_api.PQsendQueryParams)
#define PQconsumeInput		(*pq_api.PQconsumeInput)
#define PQisBusy		(*pq_api.PQisBusy)
#define PQgetResult		(*pq_api.PQgetResult)
#define PQsocket		(*pq_api.PQsocket)
#define PQsetnonblocking	(*pq_api.PQsetnonblocking)
#define PQflush			(*pq_api.PQflush)
#define PQdb			(*pq_api.PQdb)
#define PQsetSingleRowMode	(*pq_api.PQsetSingleRowMode)
#define PQlibVersion		(*pq_api.PQlibVersion)
#endif

#endif
