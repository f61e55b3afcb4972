package org.xfer4j.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xfer4j.api.Device;
import org.xfer4j.api.XferException;

class OrtRuntimeTest {

    @Test
    void cudaOnThisCpuBuildFailsLoudlyInsteadOfFallingBack() {
        assertThatThrownBy(() -> OrtRuntime.requireDevice(Device.parse("cuda:0")))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageStartingWith("CUDA requested but not available: ")
                .hasMessageEndingWith("; build with -Pcuda and install CUDA 12 + cuDNN 9");
    }

    @Test
    void cpuIsAlwaysAvailable() {
        OrtRuntime.requireDevice(Device.CPU);
        assertThat(OrtRuntime.environment()).isSameAs(OrtRuntime.environment());
    }

    @Test
    void ortThreadsPassResultsAndErrorsThrough() throws Exception {
        assertThat(OrtRuntime.onOrtThread(() -> Thread.currentThread().getName())).isEqualTo("xfer4j-ort");
        assertThatThrownBy(() -> OrtRuntime.onOrtThread(() -> {
            throw new XferException("boom");
        })).isInstanceOf(XferException.class).hasMessage("boom");
    }

    @Test
    void noExtractionFolderOutlivesLoadingTheRuntime() {
        OrtRuntime.environment();
        // the binding (1.29) still names its folder, so the check below checks something
        assertThat(NativeLibraryFolder.find()).isPresent();
        assertThat(NativeLibraryFolder.find().orElseThrow()).as("ONNX Runtime's extraction folder").doesNotExist();
    }
}
