package org.xfer4j.data.registry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Unpacks gzip-compressed ustar archives (what npm pack writes): regular files and folders only. */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {
    }

    /** Extracts {@code archive} below {@code target}; entries that would escape it are refused. */
    static void extractGzip(Path archive, Path target) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readFully(in, header)) {
                if (isZeroBlock(header)) {
                    break;
                }
                String name = longName != null ? longName : entryName(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L') { // GNU long name: the next entry's name is this entry's content
                    longName = new String(readBytes(in, size), StandardCharsets.UTF_8).replace("\0", "");
                    skipPadding(in, size);
                    continue;
                }
                Path out = target.resolve(name).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry '" + name + "' points outside " + target);
                }
                if (type == '0' || type == '\0') {
                    Files.createDirectories(out.getParent());
                    try (var os = Files.newOutputStream(out)) {
                        copy(in, os, size);
                    }
                    skipPadding(in, size);
                } else if (type == '5') {
                    Files.createDirectories(out);
                } else { // links, pax headers: skip their content
                    in.skipNBytes(size);
                    skipPadding(in, size);
                }
            }
        }
    }

    private static String entryName(byte[] h) {
        String name = cString(h, 0, 100);
        String prefix = cString(h, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len && h[i] != 0; i++) {
            if (h[i] >= '0' && h[i] <= '7') {
                v = v * 8 + (h[i] - '0');
            }
        }
        return v;
    }

    private static boolean isZeroBlock(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        if (n == 0) {
            return false;
        }
        if (n < b.length) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        byte[] b = in.readNBytes((int) size);
        if (b.length < size) {
            throw new IOException("truncated tar archive");
        }
        return b;
    }

    private static void copy(InputStream in, java.io.OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("truncated tar archive");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        in.skipNBytes(pad);
    }
}
