/**
 * An Omniglot-like glyph set for few-shot episodes, drawn reproducibly with Java2D from Debian's font packages:
 * each character of 50 alphabets a class, samples from several fonts with small seeded distortions, cached.
 */
package org.xfer4j.data.glyph;
