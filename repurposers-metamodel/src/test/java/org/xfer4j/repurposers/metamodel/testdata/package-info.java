/** Real datasets for the meta-model tests: the CSV files Debian's python3-sklearn ships, and stratified splits. */
package org.xfer4j.repurposers.metamodel.testdata;
