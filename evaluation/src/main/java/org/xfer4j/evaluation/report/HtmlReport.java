package org.xfer4j.evaluation.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.xfer4j.data.io.TextFiles;

/** Builds one HTML page of headings, paragraphs, tables and charts; charts are saved as PNG files beside it. */
public final class HtmlReport {

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final java.util.Map<String, Chart<?, ?>> charts = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, java.awt.image.RenderedImage> pictures = new java.util.LinkedHashMap<>();

    /** A report with a page title. */
    public HtmlReport(String title) {
        this.title = title;
    }

    /** A section heading. */
    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A heading one level below {@link #heading}. */
    public HtmlReport subheading(String text) {
        body.append("<h3>").append(escape(text)).append("</h3>\n");
        return this;
    }

    /** A paragraph of plain text. */
    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; cells are plain text. */
    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            r.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A chart saved as {@code name}.png and shown inline. */
    public HtmlReport chart(String name, Chart<?, ?> chart) {
        charts.put(name, chart);
        body.append("<img src=\"").append(escape(name)).append(".png\" alt=\"").append(escape(name)).append("\">\n");
        return this;
    }

    /** A picture (such as a sheet of sample images) saved as {@code name}.png and shown inline. */
    public HtmlReport picture(String name, java.awt.image.RenderedImage image) {
        pictures.put(name, image);
        body.append("<img src=\"").append(escape(name)).append(".png\" alt=\"").append(escape(name)).append("\">\n");
        return this;
    }

    /** A link to a data file written beside the report. */
    public HtmlReport link(String file, String text) {
        body.append("<p><a href=\"").append(escape(file)).append("\">").append(escape(text)).append("</a></p>\n");
        return this;
    }

    /** Writes index.html and the chart and picture PNGs into {@code dir}; returns the page. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            for (var e : charts.entrySet()) {
                BitmapEncoder.saveBitmap(e.getValue(), dir.resolve(e.getKey()).toString(), BitmapEncoder.BitmapFormat.PNG);
            }
            for (var e : pictures.entrySet()) {
                javax.imageio.ImageIO.write(e.getValue(), "png", dir.resolve(e.getKey() + ".png").toFile());
            }
            String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                    + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                    + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                    + "text-align:right}th{background:#f4f4f4}img{max-width:100%;margin:0.5em 0}</style>"
                    + "</head><body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body></html>\n";
            Path page = dir.resolve("index.html");
            TextFiles.write(page, w -> w.write(html));
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report to " + dir, e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
