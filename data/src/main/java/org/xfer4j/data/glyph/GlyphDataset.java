package org.xfer4j.data.glyph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.IdxFile;
import org.xfer4j.data.split.ClassGroups;

/**
 * An Omniglot-like set of grey glyph images: each character of many alphabets a class ("greek Ω U+03A9"), the same
 * number of samples of each, stored class by class; the alphabets are the class groups, with the evaluation
 * alphabets held out. Made by {@link GlyphSet}.
 */
public final class GlyphDataset implements Dataset, ClassGroups {

    private final String name;
    private final Path folder;
    private final List<String> classes;
    private final List<String> scriptOfClass;
    private final List<String> groups;
    private final List<String> evaluation;
    private final IdxFile images;
    private final int samples;
    private final int side;

    private GlyphDataset(String name, Path folder, List<String> classes, List<String> scriptOfClass, IdxFile images,
            int samples) {
        this.name = name;
        this.folder = folder;
        this.classes = List.copyOf(classes);
        this.scriptOfClass = List.copyOf(scriptOfClass);
        this.groups = List.copyOf(new LinkedHashSet<>(scriptOfClass));
        this.evaluation = Scripts.ALL.stream().filter(Script::evaluation).map(Script::name)
                .filter(groups::contains).toList();
        this.images = images;
        this.samples = samples;
        this.side = images.dims()[1];
    }

    static GlyphDataset read(Path dir, GlyphOptions o, Path cacheDir) {
        Path file = dir.resolve(GlyphSet.CLASSES);
        List<String> names = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                if (f.length < 4) {
                    throw new InvalidInputException(file + ": line '" + line + "' is not class, script, code point, "
                            + "character");
                }
                scripts.add(f[1]);
                names.add(f[1] + " " + f[3] + " " + f[2]);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        IdxFile images = IdxFile.open(dir.resolve(GlyphSet.IMAGES), cacheDir);
        if (images.dims()[0] != names.size() * o.samples()) {
            throw new InvalidInputException(dir + ": " + images.dims()[0] + " images for " + names.size()
                    + " classes of " + o.samples() + " samples; delete the folder to draw it again");
        }
        return new GlyphDataset(name(o), dir, names, scripts, images, o.samples());
    }

    /** "glyphs", followed by the options that differ from the defaults. */
    static String name(GlyphOptions o) {
        Map<String, String> d = GlyphOptions.defaults().toProperties();
        List<String> changed = o.toProperties().entrySet().stream()
                .filter(e -> !e.getValue().equals(d.get(e.getKey())))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return GlyphOptions.NAME + (changed.isEmpty() ? "" : ":" + String.join(",", changed));
    }

    /** The cache folder holding the images, the classes and the manifest. */
    public Path folder() {
        return folder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return classes.size() * samples;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return i / samples;
    }

    @Override
    public Sample sample(int i) {
        return new Sample.Image(side, side, 1, images.read((long) i * side * side, side * side));
    }

    @Override
    public String group(int cls) {
        return scriptOfClass.get(cls);
    }

    @Override
    public List<String> groups() {
        return groups;
    }

    @Override
    public List<String> evaluationGroups() {
        return evaluation;
    }
}
