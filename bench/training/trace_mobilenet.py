"""TorchScript of the PyTorch training reference's network, for the DJL (PyTorch 2.7.1 engine) contestant.

torchvision's MobileNetV2 with a 5-way head (what torch_step.py trains), seeded, in eval mode (batch norm with
running statistics, dropout off, as Xfer4j's step trains it), traced by Debian's torch 1.13 at the given batch.
usage: trace_mobilenet.py OUT.pt BATCH
"""
import sys

import torch
import torchvision

torch.manual_seed(0)
model = torchvision.models.mobilenet_v2(num_classes=5).eval()
traced = torch.jit.trace(model, torch.randn(int(sys.argv[2]), 3, 224, 224))
traced.save(sys.argv[1])
print(sys.argv[1])
