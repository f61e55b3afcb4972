// Builds a small functional TF.js Layers model that uses every layer type the importer translates, with random
// weights, and saves it as OUTDIR/model.json + OUTDIR/weights.bin. Two image inputs; odd spatial sizes so that
// "same" padding is asymmetric. usage: node conformance.js OUTDIR
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

async function main() {
  const outDir = process.argv[2];
  await tf.setBackend('cpu');
  const L = tfl.layers;
  const a = tfl.input({shape: [11, 13, 3], name: 'image_a'});
  const b = tfl.input({shape: [11, 13, 3], name: 'image_b'});
  const scaled = L.rescaling({scale: 1 / 2, offset: -0.25, name: 'rescale'}).apply(a);
  const c1 = L.conv2d({filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6', name: 'conv_same_s2'}).apply(scaled);
  const bn = L.batchNormalization({name: 'bn', epsilon: 0.01}).apply(c1);
  const dw = L.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2, padding: 'same', strides: 1, activation: 'sigmoid', name: 'depthwise'}).apply(bn);
  const pad = L.zeroPadding2d({padding: [[0, 2], [3, 1]], name: 'pad'}).apply(b);
  const sep = L.separableConv2d({filters: 12, kernelSize: [3, 5], strides: 2, padding: 'valid', activation: 'tanh', name: 'separable'}).apply(pad);
  const dil = L.conv2d({filters: 12, kernelSize: 2, dilationRate: 2, padding: 'same', activation: 'swish', name: 'dilated'}).apply(dw);
  const sum = L.add({name: 'sum'}).apply([dil, sep]);
  const relu = L.reLU({maxValue: 3, name: 'capped_relu'}).apply(sum);
  const leaky = L.leakyReLU({alpha: 0.2, name: 'leaky'}).apply(dw);
  const prod = L.multiply({name: 'product'}).apply([relu, L.activation({activation: 'hardSigmoid', name: 'gate'}).apply(leaky)]);
  const cat = L.concatenate({name: 'concat'}).apply([prod, L.activation({activation: 'elu', name: 'elu'}).apply(sep)]);
  const maxp = L.maxPooling2d({poolSize: 3, strides: 2, padding: 'same', name: 'maxpool_same'}).apply(cat);
  const avgp = L.averagePooling2d({poolSize: 2, strides: 1, padding: 'same', name: 'avgpool_same'}).apply(cat);
  const gap = L.globalAveragePooling2d({name: 'gap'}).apply(avgp);
  const gmp = L.globalMaxPooling2d({name: 'gmp'}).apply(maxp);
  const flat = L.flatten({name: 'flat'}).apply(maxp);
  const drop = L.dropout({rate: 0.5, name: 'drop'}).apply(flat);
  const d1 = L.dense({units: 7, activation: 'selu', name: 'dense_flat'}).apply(drop);
  const reshaped = L.reshape({targetShape: [8, 6], name: 'reshape'}).apply(L.concatenate({name: 'pooled'}).apply([gap, gmp]));
  const seqDense = L.dense({units: 5, activation: 'softplus', name: 'dense_seq'}).apply(reshaped);
  const seqBn = L.batchNormalization({name: 'bn_seq'}).apply(seqDense);
  const head = L.dense({units: 4, name: 'logits'}).apply(L.concatenate({name: 'features'}).apply([d1, L.flatten({name: 'flat_seq'}).apply(seqBn)]));
  const probs = L.softmax({name: 'probs'}).apply(head);
  const image = L.reshape({targetShape: [2, 3, 4], name: 'reshape_image'}).apply(L.dense({units: 24, activation: 'softsign', name: 'dense_24'}).apply(gap));
  const model = tfl.model({inputs: [a, b], outputs: [probs, image, bn], name: 'conformance'});
  // moving statistics are zeros and ones after construction: randomise them so batch normalisation is exercised
  for (const l of model.layers) {
    const ws = l.getWeights();
    if (ws.length) l.setWeights(ws.map(w => w.name.includes('variance') ? tf.add(tf.randomUniform(w.shape), 0.5)
                                          : tf.randomNormal(w.shape, 0, 0.5)));
  }
  fs.mkdirSync(outDir, {recursive: true});
  await model.save(tf.io.withSaveHandler(async art => {
    fs.writeFileSync(path.join(outDir, 'weights.bin'), Buffer.from(art.weightData));
    fs.writeFileSync(path.join(outDir, 'model.json'), JSON.stringify({format: 'layers-model',
      modelTopology: art.modelTopology, weightsManifest: [{paths: ['weights.bin'], weights: art.weightSpecs}]}));
    return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
  }));
}

main().catch(e => { console.error(e); process.exit(1); });
