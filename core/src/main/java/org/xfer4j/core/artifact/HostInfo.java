package org.xfer4j.core.artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xfer4j.api.SpiVersion;

/** What artifacts record about the software that wrote them: Xfer4j and Java versions, operating system. */
public final class HostInfo {

    private HostInfo() {
    }

    /** The version of this Xfer4j (its core module or jar), or "unversioned" in a development build. */
    public static String xfer4jVersion() {
        Module core = HostInfo.class.getModule();
        String v = core.getDescriptor() != null ? core.getDescriptor().rawVersion().orElse(null)
                : HostInfo.class.getPackage().getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    /** The Java runtime: vendor VM name and version. */
    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    /** The operating system: name, version and architecture. */
    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** Library versions recorded in a manifest: xfer4j, the SPI and Java. */
    static Map<String, String> libraries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("xfer4j", xfer4jVersion());
        m.put("spi", SpiVersion.CURRENT.toString());
        m.put("java", Runtime.version().toString());
        return m;
    }
}
