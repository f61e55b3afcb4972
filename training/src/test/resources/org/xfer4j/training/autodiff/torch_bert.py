"""A 2-layer BERT-style encoder with a masked-mean pooled head, built in PyTorch 1.13 and exported to ONNX the way
Hugging Face encoders are; writes the graph, one batch, the cross-entropy loss and every parameter's gradient.

Usage: torch_bert.py OUT_DIR OPSET
Layer 0 uses the additive mask (1 - mask) * -10000 and exact (erf) GELU; layer 1 masks with masked_fill (Where,
Expand) and the tanh GELU. At opset >= 17 LayerNorm exports as LayerNormalization, below as ReduceMean/Sub/Pow/Sqrt/Div.
"""
import math
import sys

import torch
from torch import nn
import torch.nn.functional as F

VOCAB, TYPES, POSITIONS, HIDDEN, HEADS, FFN, CLASSES = 30, 2, 16, 8, 2, 16, 3


class Dense(nn.Module):
    """x @ w + b with w stored [in, out], so the export keeps the parameter as it is (no transposed copy)."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.w = nn.Parameter(torch.randn(n_in, n_out) / math.sqrt(n_in))
        self.b = nn.Parameter(torch.randn(n_out) * 0.1)

    def forward(self, x):
        return x @ self.w + self.b


class Block(nn.Module):
    def __init__(self, where_mask, tanh_gelu):
        super().__init__()
        self.q, self.k, self.v, self.o = Dense(HIDDEN, HIDDEN), Dense(HIDDEN, HIDDEN), Dense(HIDDEN, HIDDEN), Dense(HIDDEN, HIDDEN)
        self.ln1, self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12), nn.LayerNorm(HIDDEN, eps=1e-12)
        self.up, self.down = Dense(HIDDEN, FFN), Dense(FFN, HIDDEN)
        self.where_mask, self.tanh_gelu = where_mask, tanh_gelu

    def heads(self, x):
        return x.view(x.size(0), x.size(1), HEADS, HIDDEN // HEADS).permute(0, 2, 1, 3)

    def forward(self, h, mask):
        q, k, v = self.heads(self.q(h)), self.heads(self.k(h)), self.heads(self.v(h))
        scores = q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS)
        if self.where_mask:
            keep = mask[:, None, None, :].expand(-1, HEADS, h.size(1), -1)
            scores = scores.masked_fill(keep == 0, -10000.0)
        else:
            scores = scores + (1.0 - mask[:, None, None, :].to(h.dtype)) * -10000.0
        context = (F.softmax(scores, dim=-1) @ v).permute(0, 2, 1, 3).contiguous()
        context = context.view(context.size(0), context.size(1), HIDDEN)
        h = self.ln1(self.o(context) + h)
        up = F.gelu(self.up(h), approximate='tanh' if self.tanh_gelu else 'none')
        return self.ln2(self.down(up) + h)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.word = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type = nn.Embedding(TYPES, HIDDEN)
        self.register_buffer('position_ids', torch.arange(POSITIONS).unsqueeze(0))
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.blocks = nn.ModuleList([Block(False, False), Block(True, True)])
        self.head = Dense(HIDDEN, CLASSES)

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = self.position_ids[:, :input_ids.size(1)]
        h = self.ln(self.word(input_ids) + self.token_type(token_type_ids) + self.position(positions))
        for b in self.blocks:
            h = b(h, attention_mask)
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return self.head(torch.tanh(pooled))


def write(f, name, t):
    t = t.detach().reshape(-1).double().tolist()
    f.write(name + '|' + ','.join(repr(float(v)) for v in t) + '\n')


def main():
    out, opset = sys.argv[1], int(sys.argv[2])
    torch.manual_seed(7)
    model = Encoder().eval()
    for m in model.modules():
        if isinstance(m, nn.LayerNorm):
            # distinct values, so the export keeps every layer norm's own parameters
            m.weight.data = 1 + 0.2 * torch.randn(HIDDEN)
            m.bias.data = 0.2 * torch.randn(HIDDEN)
    ids = torch.tensor([[2, 5, 9, 14, 5, 0], [3, 29, 7, 0, 0, 0], [11, 5, 5, 21, 8, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1, 0], [1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1]])
    types = torch.tensor([[0, 0, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 1, 1]])
    labels = torch.tensor([2, 0, 1])
    torch.onnx.export(model, (ids, mask, types), out + '/bert.onnx', opset_version=opset,
                      input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['logits'],
                      dynamic_axes={n: {0: 'batch', 1: 'sequence'} for n in ['input_ids', 'attention_mask', 'token_type_ids']}
                      | {'logits': {0: 'batch'}}, do_constant_folding=True)
    loss = F.cross_entropy(model(ids, mask, types), labels)
    loss.backward()
    with open(out + '/torch.txt', 'w') as f:
        write(f, 'input_ids', ids)
        write(f, 'attention_mask', mask)
        write(f, 'token_type_ids', types)
        write(f, 'labels', labels)
        write(f, 'loss', loss)
        for name, p in model.named_parameters():
            write(f, 'grad.' + name, p.grad)


if __name__ == '__main__':
    main()
