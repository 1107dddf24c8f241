/**
 * The HTTP API: {@code POST /recommend} and the demo page. A thin controller, request and response
 * records, one validation pass against the serving version, and one place that maps what Spring
 * cannot to problem+json.
 *
 * <p>Uses {@code serving} for versions and their scorers, {@code feature} to encode, {@code
 * ranking}, {@code cache} and {@code metrics}. Nothing depends on it.
 */
package io.dinserving.api;
