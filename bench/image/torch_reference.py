"""PyTorch 1.13 CPU reference for the image feature benchmark.

Builds a torch network from the ONNX graph Xfer4j imported (a node-by-node mapping written for this benchmark:
Conv, BatchNormalization, Clip, Relu, Add, Pad, AveragePool, Transpose, Flatten, Gemm, ...), traces, freezes and
optimises it for inference (Conv+BN folding), and times feature extraction of Fashion-MNIST test images with the same
preprocessing (grey to RGB, /255, bilinear resize with aligned corners to 224x224), batch size and thread count.

usage: torch_reference.py MODEL.onnx OUTPUT_NAME IDX_IMAGES.gz N BATCH THREADS FEATURES_OUT
prints one JSON line: images_per_second, seconds, flops_per_image, setup; writes the features (float32, N x D) to
FEATURES_OUT for the agreement check.
"""
import gzip
import json
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


class OnnxNet(torch.nn.Module):
    """Runs the ONNX nodes needed for one output, in graph order, with torch operators."""

    def __init__(self, model, output):
        super().__init__()
        g = model.graph
        self.input = g.input[0].name
        self.output = output
        inits = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in g.initializer}
        producers = {o: n for n in g.node for o in n.output}
        needed, stack = set(), [output]
        while stack:  # only the nodes the output depends on
            t = stack.pop()
            if t in producers and producers[t].name not in needed:
                needed.add(producers[t].name)
                stack.extend(producers[t].input)
        self.nodes = [n for n in g.node if n.name in needed]
        self.params = torch.nn.ParameterDict()
        self.consts = {}
        for name, value in inits.items():
            if value.dim() == 0 or value.dtype != torch.float32:  # pads, clip bounds: plain Python constants
                self.consts[name] = value.tolist()
            else:
                key = 'p%d' % len(self.params)
                self.params[key] = torch.nn.Parameter(value, requires_grad=False)
                self.consts[name] = key
        self.flops = 0

    def value(self, env, name):
        if name in env:
            return env[name]
        c = self.consts[name]
        return self.params[c] if isinstance(c, str) else c

    def forward(self, x):
        env = {self.input: x}
        count = self.flops == 0
        for n in self.nodes:
            a = attrs(n)
            i = [self.value(env, t) for t in n.input]
            op = n.op_type
            if op == 'Conv':
                p = list(a.get('pads', [0, 0, 0, 0]))
                if p[0] != p[2] or p[1] != p[3]:
                    i[0] = F.pad(i[0], (p[1], p[3], p[0], p[2]))
                    p = [0, 0, 0, 0]
                y = F.conv2d(i[0], i[1], i[2] if len(i) > 2 else None, stride=tuple(a.get('strides', [1, 1])),
                             padding=(p[0], p[1]), dilation=tuple(a.get('dilations', [1, 1])), groups=a.get('group', 1))
                if count:
                    w = i[1].shape
                    self.flops += 2 * y.shape[1] * y.shape[2] * y.shape[3] * w[1] * w[2] * w[3]
            elif op == 'BatchNormalization':
                y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get('epsilon', 1e-5))
            elif op == 'Clip':
                y = torch.clamp(i[0], i[1], i[2])
            elif op == 'Relu':
                y = F.relu(i[0])
            elif op == 'Add':
                y = i[0] + i[1]
            elif op == 'Pad':
                p = i[1]
                y = F.pad(i[0], (p[3], p[7], p[2], p[6]))
            elif op == 'AveragePool':
                y = F.avg_pool2d(i[0], tuple(a['kernel_shape']), tuple(a.get('strides', a['kernel_shape'])))
            elif op == 'Transpose':
                y = i[0].permute(*a['perm'])
            elif op == 'Flatten':
                y = torch.flatten(i[0], a.get('axis', 1))
            elif op == 'Gemm':
                y = F.linear(i[0], i[1].t(), i[2] if len(i) > 2 else None)
                if count:
                    self.flops += 2 * i[1].shape[0] * i[1].shape[1]
            elif op == 'Identity':
                y = i[0]
            else:
                raise ValueError('node %s: operator %s is not mapped' % (n.name, op))
            env[n.output[0]] = y
        return env[self.output]


def images(path, n):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    count, rows, cols = np.frombuffer(data[4:16], dtype='>i4')
    return np.frombuffer(data, dtype=np.uint8, offset=16)[: n * rows * cols].reshape(n, 1, rows, cols)


def main():
    model_path, output, idx, n, batch, threads, features_out = sys.argv[1:8]
    n, batch, threads = int(n), int(batch), int(threads)
    torch.set_num_threads(threads)
    net = OnnxNet(onnx.load(model_path), output).eval()
    pixels = images(idx, n)
    with torch.inference_mode():
        sample = torch.zeros(1, 3, 224, 224)
        net(sample)  # counts FLOPs once
        flops = net.flops
        # PyTorch's best of two inference set-ups, picked on warm-up batches: frozen + optimize_for_inference
        # (Conv+BN folding, oneDNN layouts), or frozen with channels-last inputs
        candidates = {'optimize_for_inference': (torch.jit.optimize_for_inference(
                          torch.jit.freeze(torch.jit.trace(net, sample))), torch.contiguous_format),
                      'frozen, channels_last': (torch.jit.freeze(torch.jit.trace(net, sample)), torch.channels_last)}
        warm = torch.rand(batch, 3, 224, 224)
        timing = {}
        for name, (f, layout) in candidates.items():
            x = warm.contiguous(memory_format=layout)
            for _ in range(2):  # the first runs of a frozen graph profile and specialise it
                f(x)
            t0 = time.perf_counter()
            f(x)
            timing[name] = time.perf_counter() - t0
        setup = min(timing, key=timing.get)
        frozen, layout = candidates[setup]
        out = []
        start = time.perf_counter()
        for b in range(0, n, batch):
            grey = torch.from_numpy(pixels[b:b + batch].astype(np.float32)) / 255.0
            x = F.interpolate(grey.expand(-1, 3, -1, -1), size=(224, 224), mode='bilinear', align_corners=True)
            out.append(frozen(x.contiguous(memory_format=layout)))
        seconds = time.perf_counter() - start
    torch.cat(out).numpy().astype(np.float32).tofile(features_out)
    print(json.dumps({'images_per_second': n / seconds, 'seconds': seconds, 'flops_per_image': flops,
                      'setup': setup}))


if __name__ == '__main__':
    main()
