/**
 * Ranking (model, layer) candidates for a target task by transferability estimates: candidate layers picked
 * automatically or by name, features extracted once per model through the cache, every estimator timed on every
 * candidate, the ranking written as CSV, JSON and an HTML report, and Kendall's tau to compare rankings.
 */
package org.xfer4j.transferability.rank;
