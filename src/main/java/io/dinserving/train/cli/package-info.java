/**
 * The command line: {@code train}, {@code evaluate}, {@code prepare} and {@code generate}, run from
 * the service jar without starting the web server.
 */
package io.dinserving.train.cli;
