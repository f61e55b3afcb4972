/** Text preprocessing for text encoders: a model's own Hugging Face tokenizer.json turned into int64 input tensors. */
package org.xfer4j.runtime.onnx.text;
