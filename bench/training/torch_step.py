# PyTorch 1.13 side of TrainingStepBench: the same network, batch and threads, SGD with momentum, all parameters
# trained, batch norm with running statistics (eval mode). Prints samples per second of full training steps (after
# min(3, STEPS) warm-up steps), or with MODE "forward" of forward passes alone (no gradients).
# usage: torch_step.py SIZE|mobilenet-v2 BATCH STEPS THREADS [step|forward]
import sys
import time
import torch
import torch.nn as nn

mobilenet = sys.argv[1] == "mobilenet-v2"
size = 224 if mobilenet else int(sys.argv[1])
batch, steps, threads = (int(a) for a in sys.argv[2:5])
forward_only = len(sys.argv) > 5 and sys.argv[5] == "forward"
torch.set_num_threads(threads)
torch.manual_seed(0)

def block(cin, cout, k, stride, groups):
    return [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups), nn.BatchNorm2d(cout), nn.ReLU6()]

def net():
    layers = block(3, 32, 3, 2, 1)
    for cin, cout, stride in ((32, 64, 1), (64, 128, 2), (128, 128, 1)):
        layers += block(cin, cin, 3, stride, cin) + block(cin, cout, 1, 1, 1)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))

if mobilenet:
    import torchvision
    model = torchvision.models.mobilenet_v2(num_classes=5).eval()
else:
    model = net().eval()
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
x = torch.randn(batch, 3, size, size)
y = torch.randint(0, 5 if mobilenet else 10, (batch,))

def step():
    if forward_only:
        with torch.no_grad():
            return model(x)
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()

for _ in range(min(3, steps)):
    step()
t0 = time.perf_counter()
for _ in range(steps):
    step()
elapsed = time.perf_counter() - t0
print("%.3f" % (batch * steps / elapsed))
