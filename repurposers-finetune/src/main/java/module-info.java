/**
 * Fine-tuning repurposers: {@code finetune} (the source graph up to a transfer layer plus a new dense head, all
 * trained, transferred layers at a smaller learning rate) and {@code random-freeze} (top layers dropped, a new head,
 * named layers frozen or re-initialised, the rest trained), and the no-transfer baseline {@code scratch} (finetune's
 * architecture from random initialisation), all on the ONNX training engine.
 */
module org.xfer4j.repurposers.finetune {
    requires org.xfer4j.api;
    requires org.xfer4j.runtime.onnx;
    requires org.xfer4j.training;
    requires org.xfer4j.core; // reads meta-learned initialisations (-o init=)

    exports org.xfer4j.repurposers.finetune;

    provides org.xfer4j.api.repurpose.RepurposerProvider with
            org.xfer4j.repurposers.finetune.FinetuneProvider,
            org.xfer4j.repurposers.finetune.RandomFreezeProvider,
            org.xfer4j.repurposers.finetune.ScratchProvider;
}
