/**
 * The command line: {@code train}, {@code evaluate}, {@code prepare}, {@code generate}, {@code
 * compare}, {@code bench}, {@code import} and {@code tune}, run from the service jar without
 * starting the web server. Commands parse options and print; the work is in {@code train} and its
 * subpackages. Uses {@code train}, {@code bundle}, {@code nn}, {@code feature}, and {@code serving}
 * for {@code bench}, which times the serving batch scorer.
 */
package io.dinserving.train.cli;
