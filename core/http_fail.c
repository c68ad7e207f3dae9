/* What a failed transfer is called, in words a person can act on (the
 * host that stalled, the certificate's fault, a redirect not followed),
 * and which failures a read may try again. The engine (core/http.c)
 * decides when; this room only names and classifies. */
#include "core/http_int.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>

#include <curl/curl.h>

int dd_http_transient_status(int status)
{
	return status == 429 || status == 502 || status == 503 || status == 504;
}

int dd_http_transient_curl(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* Why the peer's certificate was refused, in words (OpenSSL's X509_V_ERR
 * codes as libcurl reports them). libcurl checks the name itself after
 * OpenSSL accepted the chain, and then reports 0, or 1 (unspecified) as
 * libcurl 7.88 does; OpenSSL's own name check says 62 or 64. */
static const char *tls_reason(const struct req *r)
{
	long v = -1;

	if (curl_easy_getinfo(r->easy, CURLINFO_SSL_VERIFYRESULT, &v) != CURLE_OK)
		return _("unknown reason");
	switch (v) {
	case 0: case 1: case 62: case 64: return _("it was not issued for this host name");
	case 9: return _("it is not valid yet");
	case 10: return _("it has expired");
	case 18: case 19: return _("it is self-signed");
	case 2: case 20: case 21: return _("it was issued by an authority this machine does not trust");
	case 23: return _("it was revoked");
	default: return _("the chain is not valid");
	}
}

/* True when libcurl reads url whole. */
static int parses(const char *url)
{
	CURLU *u = curl_url();
	int yes = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK;

	curl_url_cleanup(u);
	return yes;
}

/* True when host[:port] of a URL is a numeric IPv4 or [IPv6] address. */
static int is_address_literal(const char *hostport)
{
	char a[64];
	unsigned char bin[16];
	size_t n;

	if (hostport[0] == '[') {
		n = strcspn(hostport + 1, "]");
		if (n >= sizeof(a))
			return 0;
		memcpy(a, hostport + 1, n);
		a[n] = '\0';
		return inet_pton(AF_INET6, a, bin) == 1;
	}
	n = strcspn(hostport, ":");
	if (n >= sizeof(a))
		return 0;
	memcpy(a, hostport, n);
	a[n] = '\0';
	return inet_pton(AF_INET, a, bin) == 1;
}

void dd_http_network_error(const struct req *r, CURLcode c, struct dd_error *e)
{
	char host[128] = "";
	const char *p = strstr(r->url, "://");

	if (p)
		snprintf(host, sizeof(host), "%.*s", (int)strcspn(p + 3, "/"), p + 3);
	switch (c) {
	case CURLE_OUT_OF_MEMORY:
		dd_error_oom(e);
		break;
	case CURLE_URL_MALFORMAT:
		/* libcurl 7.88 says "bad/illegal format" when its URL parser
		 * ran out of memory: a URL it reads whole now was not bad. */
		if (parses(r->url))
			dd_error_oom(e);
		else
			dd_error_set(e, DD_E_NETWORK, 0, NULL, _("the connection to %s failed: %s"), host,
				     curl_easy_strerror(c));
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		/* libcurl says "could not resolve" when its resolver ran out of
		 * memory; an address literal has nothing else to fail on. */
		if (is_address_literal(host))
			dd_error_oom(e);
		else
			dd_error_set(e, DD_E_NETWORK, 0, NULL,
				     _("cannot resolve %s: check the network or the API URL"), host);
		break;
	case CURLE_COULDNT_CONNECT:
		dd_error_set(e, DD_E_NETWORK, 0, NULL, _("cannot connect to %s: is the network up?"), host);
		break;
	case CURLE_OPERATION_TIMEDOUT: {
		curl_off_t us = 0;
		curl_easy_getinfo(r->easy, CURLINFO_TOTAL_TIME_T, &us);
		/* The low-speed limit ends a transfer well before the total. */
		if (us / 1000 < r->h->o.total_timeout_ms - 500)
			dd_error_set(e, DD_E_NETWORK, 0, NULL, _("%s stalled: no data for %ld s"), host,
				     r->h->o.stall_s);
		else
			dd_error_set(e, DD_E_NETWORK, 0, NULL, _("%s did not answer in time"), host);
		break;
	}
	case CURLE_PEER_FAILED_VERIFICATION:
		dd_error_set(e, DD_E_NETWORK, 0, NULL,
			     _("the TLS certificate of %s could not be verified (%s); the connection was refused"),
			     host, tls_reason(r));
		break;
	case CURLE_SSL_CACERT_BADFILE:
		dd_error_set(e, DD_E_NETWORK, 0, NULL,
			     _("cannot read the CA certificates for %s (CURL_CA_BUNDLE or SSL_CERT_FILE names "
			       "a missing or bad file); the connection was refused"), host);
		break;
	default:
		dd_error_set(e, DD_E_NETWORK, 0, NULL, _("the connection to %s failed: %s"), host,
			     curl_easy_strerror(c));
		break;
	}
}

/* Redirects are never followed: the credential would go to wherever
 * the answer points. Said plainly, as a refusal would not. */
void dd_http_redirect_error(const struct req *r, long status, struct dd_error *e)
{
	dd_error_set(e, DD_E_API, (int)status, NULL,
		     _("%s answered with a redirect (HTTP %ld); dedi does not follow redirects, "
		     "so nothing was sent elsewhere: check the API URL"), r->host, status);
}
