/// Thin C shim over libcurl: curl_easy_setopt/getinfo are variadic and cannot be called from Swift.
#ifndef VARDE_CCURL_H
#define VARDE_CCURL_H

#include <curl/curl.h>

typedef size_t (*varde_curl_callback)(char *data, size_t size, size_t nmemb, void *userdata);

static inline CURLcode varde_curl_set_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode varde_curl_set_string(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode varde_curl_set_pointer(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode varde_curl_set_slist(CURL *c, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode varde_curl_set_callback(CURL *c, CURLoption o, varde_curl_callback v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode varde_curl_set_off(CURL *c, CURLoption o, curl_off_t v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode varde_curl_get_long(CURL *c, CURLINFO i, long *v) { return curl_easy_getinfo(c, i, v); }

#endif
