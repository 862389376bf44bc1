#include "securegate_smtp.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

struct sg_smtp {
    CURL *curl;
    char *url, *username, *password, *ca_file;
    int require_tls, verify_tls;
    long timeout_seconds;
};

/* The message being uploaded and how much of it has gone. */
typedef struct {
    const uint8_t *bytes;
    size_t length, sent;
} upload;

static size_t read_message(char *buffer, size_t size, size_t count, void *userdata) {
    upload *source = (upload *)userdata;
    size_t room = size * count, left = source->length - source->sent;
    size_t n = left < room ? left : room;
    memcpy(buffer, source->bytes + source->sent, n);
    source->sent += n;
    return n;
}

static char *copy(const char *text) { return text ? strdup(text) : NULL; }

sg_smtp *sg_smtp_open(const sg_smtp_config *config) {
    static int initialized = 0;
    if (!initialized) {
        /* Once, before any thread uses libcurl; the server opens its connections at start. */
        curl_global_init(CURL_GLOBAL_DEFAULT);
        initialized = 1;
    }
    sg_smtp *smtp = calloc(1, sizeof *smtp);
    if (!smtp) return NULL;
    smtp->curl = curl_easy_init();
    if (!smtp->curl) {
        free(smtp);
        return NULL;
    }
    smtp->url = copy(config->url);
    smtp->username = copy(config->username);
    smtp->password = copy(config->password);
    smtp->ca_file = copy(config->ca_file);
    smtp->require_tls = config->require_tls;
    smtp->verify_tls = config->verify_tls;
    smtp->timeout_seconds = config->timeout_seconds;
    return smtp;
}

void sg_smtp_close(sg_smtp *smtp) {
    if (!smtp) return;
    curl_easy_cleanup(smtp->curl);
    free(smtp->url);
    free(smtp->username);
    free(smtp->password);
    free(smtp->ca_file);
    free(smtp);
}

int sg_smtp_send(sg_smtp *smtp, const char *from, const char *to, const uint8_t *message, size_t length,
                 long *reply, char *error, size_t error_capacity) {
    CURL *curl = smtp->curl;
    char buffer[CURL_ERROR_SIZE] = {0};
    upload source = {message, length, 0};
    struct curl_slist *recipients = curl_slist_append(NULL, to);
    /* Options are set anew for each message; the connection itself stays open between them. */
    curl_easy_setopt(curl, CURLOPT_URL, smtp->url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, smtp->timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, smtp->timeout_seconds < 10 ? smtp->timeout_seconds : 10L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, smtp->require_tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, smtp->verify_tls ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, smtp->verify_tls ? 2L : 0L);
    if (smtp->ca_file) curl_easy_setopt(curl, CURLOPT_CAINFO, smtp->ca_file);
    if (smtp->username) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, smtp->username);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, smtp->password ? smtp->password : "");
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &source);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)length);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, buffer);
    CURLcode result = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    *reply = code;
    if (result != CURLE_OK && error && error_capacity > 0) {
        const char *text = buffer[0] ? buffer : curl_easy_strerror(result);
        strncpy(error, text, error_capacity - 1);
        error[error_capacity - 1] = '\0';
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, NULL);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
    curl_slist_free_all(recipients);
    return (int)result;
}
