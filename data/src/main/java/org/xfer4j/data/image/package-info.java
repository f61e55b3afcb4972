/**
 * Image datasets: IDX files (MNIST, Fashion-MNIST) read through a memory map, and folders of JPEG/PNG files (one
 * folder per class) decoded on demand, so streaming over a dataset never holds all its decoded images.
 */
package org.xfer4j.data.image;
