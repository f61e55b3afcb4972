/** Regression tests for the bad-data sweep of issue 15: files a new user might hand over, and what becomes of them. */
package org.xfer4j.data.bad;
