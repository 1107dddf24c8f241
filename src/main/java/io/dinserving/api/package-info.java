/**
 * The HTTP API: {@code POST /recommend}. A thin controller, request and response records, one
 * validator and one place that maps errors to problem+json.
 */
package io.dinserving.api;
