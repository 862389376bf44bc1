#ifndef SECUREGATE_SMTP_H
#define SECUREGATE_SMTP_H

/* Sending mail over SMTP with libcurl (STARTTLS or implicit TLS, AUTH PLAIN/LOGIN), behind a plain C API:
   libcurl's options are set through a variadic function, which Swift cannot call. One connection is used by
   one thread at a time; it stays open across messages. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sg_smtp sg_smtp;

typedef struct {
    const char *url;      /* smtp://HOST:PORT or smtps://HOST:PORT */
    const char *username; /* NULL: no AUTH */
    const char *password;
    int require_tls;      /* for smtp://: 1 requires STARTTLS, 0 sends in the clear (a local relay) */
    int verify_tls;       /* 1: the certificate must chain to a trusted root and name the host */
    const char *ca_file;  /* NULL: the system's roots */
    long timeout_seconds; /* the whole exchange of one message */
} sg_smtp_config;

/* A connection for config (its strings are copied); NULL when libcurl cannot start. */
sg_smtp *sg_smtp_open(const sg_smtp_config *config);

/* Closes the connection. */
void sg_smtp_close(sg_smtp *smtp);

/* Sends one message from `from` to `to`. Returns 0 when the server accepted it (250 after DATA), else
   libcurl's error code (SG_SMTP_LOGIN_DENIED when the server refused the credentials); *reply receives the
   server's last reply code (0 when it gave none, as when the connection failed) and error a message. */
#define SG_SMTP_LOGIN_DENIED 67
int sg_smtp_send(sg_smtp *smtp, const char *from, const char *to, const uint8_t *message, size_t length,
                 long *reply, char *error, size_t error_capacity);

#ifdef __cplusplus
}
#endif

#endif
