package org.xfer4j.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeWordsTest {

    @Test
    void decodesBase64AndQuotedPrintableWords() {
        assertThat(MimeWords.decode("=?utf-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=")).isEqualTo("Grüße aus Köln");
        assertThat(MimeWords.decode("Re: =?iso-8859-1?Q?Caf=E9_cr=E8me?= today")).isEqualTo("Re: Café crème today");
    }

    @Test
    void joinsAdjacentWordsWithoutTheSpaceBetweenThem() {
        assertThat(MimeWords.decode("=?utf-8?Q?Hel?= =?utf-8?Q?lo?=")).isEqualTo("Hello");
    }

    @Test
    void leavesPlainTextAndUnknownCharsetsAlone() {
        assertThat(MimeWords.decode("a = b ?= c")).isEqualTo("a = b ?= c");
        assertThat(MimeWords.decode("=?no-such-charset?Q?x?=")).isEqualTo("=?no-such-charset?Q?x?=");
    }
}
