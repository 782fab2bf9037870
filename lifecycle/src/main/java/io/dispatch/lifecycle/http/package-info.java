/**
 * How the lifecycle's Apache HttpClient 5 clients are built ({@link
 * io.dispatch.lifecycle.http.HttpClientSetup}): explicit timeouts, TLS set up on first use, no
 * retries of its own, no cookies, answers read as sent. It depends on HttpClient 5 and the backend
 * client's {@code TlsOnFirstUse} only; the registry and source adapters build their clients here
 * and add what is theirs (redirect handling, connection limits, the link-local guard).
 */
package io.dispatch.lifecycle.http;
