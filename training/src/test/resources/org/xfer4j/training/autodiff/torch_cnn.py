# Reference for TorchCrossCheckTest: the same small CNN in PyTorch, its loss and parameter gradients.
# Input and output: one tensor a line, "name|dim,dim|v,v,v". A third argument "train" normalises by batch
# statistics and updates the running ones.
import sys
import torch
import torch.nn.functional as F

def read(path):
    out = {}
    for line in open(path):
        name, shape, values = line.strip().split("|")
        dims = [int(d) for d in shape.split(",") if d]
        out[name] = torch.tensor([float(v) for v in values.split(",")], dtype=torch.float64).reshape(dims)
    return out

t = read(sys.argv[1])
params = {k: v.clone().requires_grad_(True) for k, v in t.items() if k not in ("x", "labels", "bn.mean", "bn.var")}
x = t["x"]
h = F.conv2d(x, params["c1.w"], params["c1.b"], padding=1)
train_bn = len(sys.argv) > 3 and sys.argv[3] == "train"
running_mean, running_var = t["bn.mean"].clone(), t["bn.var"].clone()
h = F.batch_norm(h, running_mean, running_var, params["bn.scale"], params["bn.bias"], training=train_bn,
                 momentum=0.1, eps=1e-5)
h = F.relu(h)
h = F.max_pool2d(h, 2, 2)
h = F.conv2d(h, params["c2.w"], None, stride=2, padding=(1, 0), groups=4)
h = torch.clamp(h, 0, 6)
h = F.avg_pool2d(h, 2, 1)
h = F.adaptive_avg_pool2d(h, 1).flatten(1)
z = F.linear(h, params["fc.w"], params["fc.b"])
loss = F.cross_entropy(z, t["labels"].long())
loss.backward()
with open(sys.argv[2], "w") as f:
    f.write("loss||%r\n" % loss.item())
    f.write("new.bn.mean|4|%s\n" % ",".join(repr(v) for v in running_mean.tolist()))
    f.write("new.bn.var|4|%s\n" % ",".join(repr(v) for v in running_var.tolist()))
    for k, p in params.items():
        f.write("grad.%s|%s|%s\n" % (k, ",".join(str(d) for d in p.shape), ",".join(repr(v) for v in p.grad.flatten().tolist())))
