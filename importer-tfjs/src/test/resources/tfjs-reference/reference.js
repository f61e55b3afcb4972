// Runs a TF.js Layers model with the original TF.js CPU backend and writes what the Java test compares against.
// usage: node reference.js MODEL IMAGES N H W SIZE OUTDIR LAYER[,LAYER...]
//   MODEL   model.json, or a bundled model.min.js (nsfwjs) whose shards are <path>.min.js base64 strings
//   IMAGES  N*H*W*3 uint8 RGB pixels; each image is preprocessed as nsfwjs does (/255, bilinear resize to
//           SIZE (e.g. 224x224) with aligned corners); a second model input gets the batch in reverse order
//   OUTDIR  gets input.f32 (the NHWC model input) and <layer>.f32 per layer (little-endian float32, Keras layout)
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

async function main() {
  const [model, images, n, h, w, size, outDir, layers] = process.argv.slice(2);
  await tf.setBackend('cpu');
  const dir = path.dirname(path.resolve(model));
  let json;
  let shard;
  if (model.endsWith('.js')) {
    json = require(path.resolve(model));
    shard = p => Buffer.from(require(path.join(dir, p + '.min.js')), 'base64');
  } else {
    json = JSON.parse(fs.readFileSync(model, 'utf8'));
    shard = p => fs.readFileSync(path.join(dir, p));
  }
  const specs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(shard(p));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const net = await tfl.loadLayersModel(tf.io.fromMemory({modelTopology: json.modelTopology, weightSpecs: specs, weightData}));
  const pixels = new Uint8Array(fs.readFileSync(images));
  const [sh, sw] = size.split('x').map(Number);
  const input = tf.tidy(() => {
    const img = tf.div(tf.cast(tf.tensor4d(pixels, [Number(n), Number(h), Number(w), 3], 'int32'), 'float32'), tf.scalar(255));
    return Number(h) === sh && Number(w) === sw ? img : tf.image.resizeBilinear(img, [sh, sw], true);
  });
  const feeds = net.inputs.map((_, i) => i % 2 === 0 ? input : tf.reverse(input, 0));
  fs.mkdirSync(outDir, {recursive: true});
  fs.writeFileSync(path.join(outDir, 'input.f32'), Buffer.from(input.dataSync().buffer));
  const names = layers.split(',');
  const probe = tfl.model({inputs: net.inputs, outputs: names.map(l => net.getLayer(l).output)});
  let outs = probe.predict(feeds.length === 1 ? feeds[0] : feeds);
  if (!Array.isArray(outs)) outs = [outs];
  names.forEach((l, i) => fs.writeFileSync(path.join(outDir, l + '.f32'), Buffer.from(outs[i].dataSync().buffer)));
}

main().catch(e => { console.error(e); process.exit(1); });
