/** Self-contained HTML reports with charts (PNG, drawn by XChart) written beside their CSV/JSON data. */
package org.xfer4j.evaluation.report;
